"""The pages the accessibility checks visit, and the checks themselves (axe-core, reflow,
large text). Shared by test_accessibility.py and test_large_text.py.

axe-core comes from the axe-playwright-python package (requirements-dev.txt), which ships
axe.min.js inside the wheel: nothing is fetched while the tests run.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import login

DEMO_PASSWORD = "Demo2026pass"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}
REPORT_DIR = Path(__file__).resolve().parents[2] / "var" / "a11y"


@dataclass
class Journey:
    """One login (or none) and the pages it reaches, in the order a person would."""

    name: str
    username: str | None
    paths: list[str] = field(default_factory=list)


def seed() -> None:
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _ready_to_log_in(user) -> None:
    user.set_password(DEMO_PASSWORD)
    user.save()
    type(user.profile).objects.filter(user=user).update(must_change_password=False)


def _waiting_room(learner, course) -> tuple[str, list[str]]:
    """A candidate of a confirmed sitting in learner's agency that starts in ten minutes: the
    waiting room with its countdown (the login and the path)."""
    from django.utils import timezone

    from courses.models import CourseCompletion
    from exams.selectors import credential_exam
    from exams.sessions import services
    from exams.sessions.models import ExamSession, PaperDraw
    from tests.factories import make_learner

    agency = learner.profile.agency
    exam = credential_exam()
    session = ExamSession.objects.filter(title="无障碍检查场次").first()
    if session is None:
        candidate = make_learner(agency, name="候考人")
        _ready_to_log_in(candidate.user)
        CourseCompletion.objects.create(
            user=candidate.user, course=course, completed_at=timezone.now()
        )
        start = timezone.now() + datetime.timedelta(minutes=10)
        session = ExamSession.objects.create(
            exam=exam, agency=agency, title="无障碍检查场次", venue="三楼会议室",
            what_to_bring="身份证", starts_at=start,
            check_in_at=start - datetime.timedelta(minutes=30),
            late_cutoff_at=start + datetime.timedelta(minutes=15), ends_at=start + exam.time_limit,
            status="confirmed",
        )  # fmt: skip
        session.candidates.create(auxiliary=candidate)
        services.session_draw_papers(draw_id=PaperDraw.objects.create(session=session).pk)
    username = session.candidates.get().auxiliary.user.username
    return username, [f"/exams/sessions/{session.pk}/room/"]


def journeys() -> list[Journey]:
    """Every distinct page of the journeys, with real ids from the seeded demo data."""
    from django.contrib.auth import get_user_model

    from assessments.models import Assessment, AssessmentStatus, Cycle
    from courses.models import CourseCompletion, LessonPage
    from courses.selectors import required_course
    from credentials.models import Credential
    from exams.models import Attempt
    from lms.models import Auxiliary

    user_model = get_user_model()
    course = required_course()
    lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
    learner = user_model.objects.get(username="learner")
    mine = Assessment.objects.filter(auxiliary__user=learner).first()
    submitted = Attempt.objects.filter(status="submitted", user__isnull=False).first()
    _ready_to_log_in(submitted.user)
    # learner2 is in training: with the course done, the exam page is theirs to open.
    learner2 = user_model.objects.get(username="learner2")
    CourseCompletion.objects.get_or_create(
        user=learner2,
        course=course,
        defaults={"completed_at": datetime.datetime.now(datetime.UTC)},
    )
    pending = Assessment.objects.filter(
        supervisor__username="sup_dh", status=AssessmentStatus.PENDING
    ).first()
    aux = Auxiliary.objects.filter(agency__code="DHCG").order_by("pk").first()
    cycle = Cycle.objects.filter(agency__code="DHCG").first()
    active = Credential.objects.filter(status="active").select_related("auxiliary__agency")
    credential = active.first()
    dh_credential = active.filter(auxiliary__agency__code="DHCG").first()
    return [
        Journey(
            "learner",
            "learner",
            [
                "/",
                lesson.url,
                "/credentials/mine/",
                "/assessments/mine/",
                f"/assessments/{mine.pk}/",
                "/accounts/password_change/",
                "/accessibility/",
            ],
        ),
        # The exam page itself is opened by the test (it starts an attempt for learner2).
        Journey("exam", "learner2", ["/exams/"]),
        Journey("waiting room", *_waiting_room(learner2, course)),
        Journey("result", submitted.user.username, [f"/exams/attempts/{submitted.pk}/result/"]),
        Journey(
            "supervisor",
            "sup_dh",
            ["/", "/assessments/score/", f"/assessments/{pending.pk}/score/"],
        ),
        Journey(
            "admin",
            "dhadmin",
            [
                "/",
                "/people/",
                f"/people/{aux.pk}/",
                "/people/enrol/",
                f"/people/{aux.pk}/edit/",
                "/people/import/",
                "/people/staff/",
                "/reports/",
                f"/reports/cycles/{cycle.pk}/",
                "/assessments/cycles/",
                f"/assessments/cycles/{cycle.pk}/",
                "/assessments/cycles/new/",
                "/credentials/",
                f"/credentials/{dh_credential.pk}/",
                "/credentials/batches/",
                "/credentials/awaiting/",
                "/exams/staff/attempts/",
                "/exams/sessions/",
                "/exams/sessions/new/",
                "/learn/reading/",
            ],
        ),
        Journey("oversight", "oversight", ["/", "/people/", "/reports/"]),
        Journey(
            "public",
            None,
            [
                "/accounts/login/",
                "/verify/",
                f"/verify/{credential.number}/",
                f"/roster/{credential.auxiliary.agency.code}/",
            ],
        ),
    ]


def log_in(page, base: str, journey: Journey) -> None:
    page.context.clear_cookies()
    if journey.username:
        login(page, base, journey.username, DEMO_PASSWORD)


def start_exam(page, base: str) -> str:
    """Open the exam overview as learner2 and start: the path of the exam page."""
    page.goto(base + "/exams/")
    page.click("form[action$='/exams/start/'] button[type=submit]")
    page.wait_for_url("**/exams/attempts/*/")
    page.wait_for_load_state("load")
    return page.url.removeprefix(base)


# ---- axe-core --------------------------------------------------------------------------------

IMPACTS = ("critical", "serious", "moderate", "minor")


def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def with_axe(context):
    """axe.min.js loaded into every page of the context as it opens (cheaper than sending the
    script again for each page)."""
    context.add_init_script(axe_source())
    return context


def run_axe(page, context=None) -> list[dict]:
    """axe-core's violations on the page as it is now (every rule axe runs by default:
    WCAG 2.0/2.1 A and AA plus its best practices). ``context`` limits it to part of the page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations = page.evaluate(
        "(context) => axe.run(context || document, {resultTypes: ['violations']})"
        ".then(r => r.violations)",
        context,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5],
            "nodes": len(v["nodes"]),
        }
        for v in violations
    ]


def write_report(name: str, results: dict[str, list[dict]]) -> Path:
    """var/a11y/<name>.json (everything) and .md (counts by impact per page)."""
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / f"{name}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    lines = ["| page | " + " | ".join(IMPACTS) + " | rules |", "|---" * 6 + "|"]
    for page, violations in results.items():
        counts = [sum(v["nodes"] for v in violations if v["impact"] == i) for i in IMPACTS]
        rules = ", ".join(sorted({f"{v['id']} ({v['impact']})" for v in violations}))
        lines.append(f"| {page} | " + " | ".join(map(str, counts)) + f" | {rules} |")
    path = REPORT_DIR / f"{name}.md"
    path.write_text("\n".join(lines) + "\n")
    return path


# ---- layout ----------------------------------------------------------------------------------

# Anything that sticks out past the right edge of the viewport, or text clipped by its box;
# a table wrapper that scrolls on purpose (.table-wrap) counts only if the page itself does.
LAYOUT = """() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > innerWidth + 1) out.push(`page scrolls sideways: ${doc.scrollWidth}px`);
  for (const el of document.querySelectorAll('main *, header *')) {
    if (el.closest('.table-wrap, [hidden], details:not([open]) > :not(summary), .visually-hidden, .skip-link')) continue;
    const box = el.getBoundingClientRect();
    // Nothing to see, or text kept for screen readers only (a 1 px clipped box).
    if (box.width <= 2 || box.height <= 2) continue;
    if (box.right > innerWidth + 1 || box.left < -1) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').trim().slice(0, 20)}" ${Math.round(box.left)}..${Math.round(box.right)}`);
      continue;
    }
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX) && style.textOverflow !== 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 2 && el.children.length === 0) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} cut: "${el.textContent.trim().slice(0, 20)}"`);
    }
  }
  return out.slice(0, 8);
}"""

# Line spacing ≥ 1.3 × the font size for running text, and the gap after a paragraph that
# another paragraph follows ≥ 1.3 × its line spacing (the 2021 适老化 rules). A paragraph in
# display size (the verify page's 有效, over 1.5 × the body text) is a headline, not text.
SPACING = """() => {
  const out = [];
  const body = parseFloat(getComputedStyle(document.body).fontSize);
  for (const el of document.querySelectorAll('main p, main li, main td, main label, main dd')) {
    const style = getComputedStyle(el);
    if (!el.getClientRects().length) continue;
    const size = parseFloat(style.fontSize);
    const line = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
    if (line < 1.3 * size - 0.5) out.push(`${el.tagName} line ${line}/${size}: ${el.textContent.trim().slice(0, 20)}`);
    const next = el.nextElementSibling;
    if (el.tagName === 'P' && next && next.tagName === 'P' && size <= 1.5 * body) {
      const gap = next.getBoundingClientRect().top - el.getBoundingClientRect().bottom;
      if (gap < 1.3 * line - 0.5) out.push(`P gap ${gap} < 1.3 × ${line}: ${el.textContent.trim().slice(0, 20)}`);
    }
  }
  return out.slice(0, 8);
}"""

ROOT_SCALE = """() => parseFloat(getComputedStyle(document.body).fontSize) / 17"""
