"""Wagtail admin: provincial admins manage assessment templates (sections, criteria, grade bands).

The form runs the same checks as the services (weights total 100, Art. 18(3)(4)), so the
editor sees the refusal next to the offending criterion. A template used by a cycle is frozen:
saving it creates a new version (``services.template_save_edited``, as on the site).
Templates are never deleted (cycles keep pointing at them).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions import EditAction
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments import demo, navigation, services
from assessments.models import AssessmentTemplate
from lms.schedules import ScheduleSpec
from lms.seeding import SeedStep


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


class TemplateEditAction(EditAction):
    """Wagtail's edit of a template, saved by the service the site's criteria editor uses too:
    a template that cycles used is left as it is and the edit becomes its next version."""

    def _save_instance(self):
        edited = self.form.save(commit=False) if self.form else self.instance
        self.instance = services.template_save_edited(edited=edited, actor=self.user)


@hooks.register("register_actions")
def register_template_actions(registry):
    registry.register(AssessmentTemplate, TemplateEditAction)


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


# The daily reminders, first run at 07:00 so they arrive at the start of a working day.
REMINDERS = ScheduleSpec(
    name="assessments: reminders",
    func="assessments.tasks.send_reminders",
    daily_at=datetime.time(7, 0),
)


hooks.register("lms_home_panels", navigation.notices_panel)
hooks.register("lms_home_panels", navigation.scoring_panel)
hooks.register("lms_todos", navigation.response_todos)
hooks.register("lms_nav_items", navigation.assessment_links)


@hooks.register("lms_seed_steps")
def seed_steps():
    return [
        SeedStep(50, "assessment template and cycle", "考核模板和考核周期", demo.seed_assessments)
    ]


hooks.register("lms_demo_logins", demo.demo_logins)


@hooks.register("lms_schedules")
def schedules():
    return [REMINDERS]


@hooks.register("lms_editor_permissions")
def editor_permissions():
    """Provincial admins write the assessment templates (never delete them: NoDeletePolicy)."""
    return {"assessments": ["add_assessmenttemplate", "change_assessmenttemplate"]}
