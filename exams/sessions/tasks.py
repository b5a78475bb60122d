"""django-q2 entry points: the paper-drawing job (PaperDraw.job_task) and the scheduled
candidates' notices (exams/wagtail_hooks.py, SESSION_NOTICES)."""

from exams.sessions import notices, services


def session_draw_papers(draw_id: int):
    return services.session_draw_papers(draw_id=draw_id).status


def send_session_notices() -> dict[str, int]:
    return notices.notices_send()
