"""Wagtail admin: agencies as snippets for the provincial office. And what lms itself puts
into its own extension points (lms/hooks.py): the 待办 panel, the set-up and organisation
seed steps and their demo logins."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from lms import demo, home, setup
from lms.models import Agency
from lms.seeding import SeedStep


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "code", "region", "level", "parent"]
    search_fields = ["name", "code", "region"]
    list_filter = ["level"]


register_snippet(AgencyViewSet)


hooks.register("lms_home_panels", home.todo_panel)


@hooks.register("lms_seed_steps")
def seed_steps():
    return [
        SeedStep(5, "platform set-up", "定时任务和编辑权限", setup.seed_platform_setup),
        SeedStep(10, "organisation", "组织机构、账号和辅助人员", demo.seed_organisation),
    ]


hooks.register("lms_demo_logins", demo.organisation_logins)
