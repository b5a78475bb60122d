"""Wagtail admin: agencies as snippets for the provincial office."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.models import Agency


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "code", "region", "level", "parent"]
    search_fields = ["name", "code", "region"]
    list_filter = ["level"]


register_snippet(AgencyViewSet)
