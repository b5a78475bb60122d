"""The 待办 panel at the top of a learner's home page is laid out as a stack on a phone and on a
desk: its action button reads on one line (it once stacked one character per line at 390 px,
squeezed beside the title, detail and deadline) and nothing runs off the right edge."""

from __future__ import annotations

import pytest

from tests.assessments import factories as f
from tests.browser import login, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUTTON_FITS = """() => {
  const button = document.querySelector('.todo__action');
  const lineHeight = parseFloat(getComputedStyle(button).lineHeight);
  const panel = document.querySelector('section.todo').getBoundingClientRect();
  const overflowing = [...document.querySelectorAll('section.todo *')].filter((e) => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && (box.left < panel.left - 0.5 || box.right > panel.right + 0.5);
  });
  return {
    height: button.getBoundingClientRect().height,
    lineHeight,
    overflowing: overflowing.map((e) => e.className || e.tagName),
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  };
}"""


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_todo_panel_button_reads_on_one_line(live_server, org, device, request):
    f.credentialed(org.aux_a)
    f.submit(f.assessment_of(f.open_cycle(org), org.aux_a), "8")
    page = request.getfixturevalue(device)
    login(page, live_server.url, org.learner_a.username, PASSWORD)
    page.goto(f"{live_server.url}/")

    layout = page.evaluate(BUTTON_FITS)
    assert layout["height"] < 2 * layout["lineHeight"], layout  # one line of text
    assert layout["overflowing"] == [], layout
    assert layout["scrollWidth"] <= layout["viewport"], layout
    screenshot(page, f"home-todo-{device}")
