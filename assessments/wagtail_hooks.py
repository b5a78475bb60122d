"""Wagtail admin: provincial admins manage assessment templates (sections, criteria, grade bands).

The form runs the same checks as the services (weights total 100, Art. 18(3)(4)), so the
editor sees the refusal next to the offending criterion. A template used by a cycle is frozen:
saving it creates a new version. Templates are never deleted (cycles keep pointing at them).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments import services
from assessments.models import AssessmentTemplate


class NoDeletePolicy(ModelPermissionPolicy):
    """Everything the model permissions allow, except deleting (compare Art. 19(6))."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "delete"])

    def user_has_permission_for_instance(self, user, action, instance):
        return action != "delete" and super().user_has_permission_for_instance(
            user, action, instance
        )


register_permission_policy(AssessmentTemplate, NoDeletePolicy(AssessmentTemplate))


def _live_forms(formset):
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class TemplateAdminForm(WagtailAdminModelForm):
    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        criteria_forms = _live_forms(self.formsets["criteria"])
        band_forms = _live_forms(self.formsets["bands"])
        general, per_criterion = services.template_errors(
            criteria=[form.cleaned_data for form in criteria_forms],
            bands=[form.cleaned_data for form in band_forms],
        )
        for message in general:
            self.add_error(None, message)
            # Also beside a field, since the admin shows field errors most prominently.
            self.add_error("name", message)
        for index, errors in per_criterion.items():
            for field, message in errors:
                criteria_forms[index].add_error(field, message)
        return not general and not per_criterion

    def save(self, commit=True):
        was_frozen = (
            self.instance.pk
            and AssessmentTemplate.objects.filter(pk=self.instance.pk, frozen=True).exists()
        )
        if not was_frozen:
            return super().save(commit=commit)
        edited = super().save(commit=False)
        return services.template_save_as_new_version(edited=edited)


class AssessmentTemplateViewSet(SnippetViewSet):
    model = AssessmentTemplate
    icon = "list-ol"
    menu_label = _("Assessment templates")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "version", "agency", "frozen"]
    list_filter = ["frozen"]
    search_fields = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("description"),
                    FieldPanel("agency"),
                    FieldPanel("version", read_only=True),
                    FieldPanel("frozen", read_only=True),
                    InlinePanel("sections", label=_("Sections (德、能、勤、绩、廉)")),
                ],
                heading=_("Template"),
            ),
            ObjectList(
                [InlinePanel("criteria", label=_("Criteria"), min_num=1)],
                heading=_("Criteria"),
            ),
            ObjectList(
                [InlinePanel("bands", label=_("Grade bands"), min_num=1)],
                heading=_("Grade bands"),
            ),
        ],
        base_form_class=TemplateAdminForm,
    )


register_snippet(AssessmentTemplateViewSet)
