"""Wagtail hooks: the front-end login for restricted lessons, the legal coverage table for
editors, and what courses adds to the home page, the navigation, a person's record and the
demo data (lms/hooks.py lists these hooks)."""

from django.contrib.auth.views import redirect_to_login
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import PageViewRestriction

from courses import admin_views, dashboard
from lms.seeding import SeedStep


@hooks.register("register_admin_urls")
def register_coverage_url():
    return [path("legal-coverage/", admin_views.legal_coverage, name="courses_legal_coverage")]


@hooks.register("register_admin_menu_item")
def register_coverage_menu_item():
    return MenuItem(
        _("Legal coverage"),
        reverse("courses_legal_coverage"),
        icon_name="list-ul",
        order=250,
    )


@hooks.register("before_serve_page", order=-10)
def send_anonymous_readers_to_login(page, request, serve_args, serve_kwargs):
    """Lessons carry a login view restriction; send anonymous readers to the platform's own
    login page (``LOGIN_URL``) rather than Wagtail's bare restriction form."""
    if request.user.is_authenticated:
        return None
    restrictions = page.get_view_restrictions()
    if any(r.restriction_type == PageViewRestriction.LOGIN for r in restrictions):
        return redirect_to_login(request.get_full_path())
    return None


hooks.register("lms_home_panels", dashboard.my_course_panel)
hooks.register("lms_todos", dashboard.course_todos)
hooks.register("lms_person_links", dashboard.reading_person_link)
hooks.register("lms_nav_items", dashboard.course_nav)


@hooks.register("lms_seed_steps")
def seed_steps():
    return [SeedStep(20, "course", "岗前培训课程", dashboard.seed_course_step)]
