"""The YAML content files: a mistake is reported with the file and the line an editor fixes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from courses.content.lessons import COURSE_FILE, LESSONS_DIR, load_course
from exams.content.questions import QUESTIONS_DIR, load_questions
from lms.content_files import ContentFileError


@pytest.fixture
def _media_root():  # pure data: no settings or database needed
    return None


@pytest.fixture
def _reset_axes():
    return None


@pytest.fixture
def bank(tmp_path) -> Path:
    target = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR, target)
    return target


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_shipped_files_load():
    assert len(load_questions()) >= 117
    course, lessons = load_course()
    assert course["minutes"] == sum(lesson["minutes"] for lesson in lessons)


def test_a_misspelt_key_names_the_file_and_line(bank):
    path = bank / "art-16.yaml"
    _replace(path, "  explanation:", "  explenation:")
    line = _line_of(path, "explenation:")
    with pytest.raises(ContentFileError) as caught:
        load_questions(bank)
    assert f"{path}:{line}: file.questions[0]: unknown key 'explenation'" in caught.value.problems
    assert any("missing 'explanation'" in problem for problem in caught.value.problems)


def test_a_bad_weight_and_a_missing_citation_name_their_lines(bank):
    path = bank / "art-17.yaml"
    _replace(path, "weight: 1/3", "weight: a third")
    _replace(path, "{article: 17, item: 1}", "{article: 17, item: 3}")
    weight_line = _line_of(path, "weight: a third")
    citation_line = _line_of(path, "{article: 17, item: 3}")
    with pytest.raises(ContentFileError) as caught:
        load_questions(bank)
    text = str(caught.value)
    assert f"{path}:{weight_line}:" in text and "fraction like 1/3" in text
    assert f"{path}:{citation_line}:" in text and "the measures have no 17.3" in text


def test_a_yaml_syntax_error_names_its_line(bank):
    path = bank / "art-13.yaml"
    lines = path.read_text().splitlines()
    lines[5] = lines[5] + " ["
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentFileError, match=rf"{path}:\d+:"):
        load_questions(bank)


def test_thirds_are_exact(bank):
    thirds = [
        c["weight"] for q in load_questions(bank) for c in q["choices"] if 0.3 < c["weight"] < 0.34
    ]
    assert thirds and all(weight * 3 == 1.0 for weight in thirds)


@pytest.fixture
def course_files(tmp_path) -> tuple[Path, Path]:
    lessons = tmp_path / "lessons"
    shutil.copytree(LESSONS_DIR, lessons)
    course = tmp_path / "course.yaml"
    shutil.copy(COURSE_FILE, course)
    return course, lessons


def test_a_lesson_block_of_an_unknown_type_names_its_line(course_files):
    course, lessons = course_files
    path = lessons / "art-14.yaml"
    _replace(path, "- key_points:", "- keypoints:")
    line = _line_of(path, "- keypoints:")
    with pytest.raises(ContentFileError) as caught:
        load_course(course, lessons)
    [problem] = caught.value.problems
    assert problem.startswith(f"{path}:{line}: lesson.body[")
    assert problem.endswith("unknown block type 'keypoints'")


def test_a_lesson_file_the_course_does_not_list_is_refused(course_files):
    course, lessons = course_files
    shutil.copy(lessons / "art-14.yaml", lessons / "art-14-copy.yaml")
    with pytest.raises(ContentFileError, match="'art-14-copy' is not listed in course.yaml"):
        load_course(course, lessons)


def test_a_listed_lesson_without_a_file_is_refused(course_files):
    course, lessons = course_files
    (lessons / "art-15.yaml").unlink()
    line = _line_of(course, "- art-15")
    with pytest.raises(ContentFileError, match=rf"{course}:{line}: lesson 'art-15' has no file"):
        load_course(course, lessons)
