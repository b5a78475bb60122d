"""Django admin (kept for django-q2's task monitor and for emergencies). ID numbers are
masked here too; the full number is never listed."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lms.models import Agency, Auxiliary, AuxiliaryStatusChange, RosterImport, UserProfile
from lms.permissions import scope_queryset


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region", "level", "parent"]
    search_fields = ["name", "code", "region"]


@admin.register(UserProfile)
class UserProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "role", "agency"]
    list_filter = ["role"]


@admin.register(Auxiliary)
class AuxiliaryAdmin(admin.ModelAdmin):
    list_display = ["name", "masked_id", "agency", "status", "post", "contract_end"]
    list_filter = ["status", "hire_method", "agency"]
    search_fields = ["name", "mobile"]
    # The number is entered once at enrolment and never shown in full again.
    exclude = ["id_number"]
    readonly_fields = ["masked_id", "status", "user"]

    @admin.display(description=_("ID-card number"))
    def masked_id(self, obj):
        return obj.masked_id_number

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request)).select_related("agency")


@admin.register(AuxiliaryStatusChange)
class AuxiliaryStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["auxiliary", "from_status", "to_status", "actor", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RosterImport)
class RosterImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "agency", "status", "row_count", "created_at"]
