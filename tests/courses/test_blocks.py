"""Editors' blocks: media render, and invalid citations are refused."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from courses.blocks import ArticleBlock, KnowledgeCheckBlock, LessonBodyBlock, ScenarioBlock


def test_an_article_block_refuses_an_item_that_does_not_exist():
    block = ArticleBlock()
    value = block.to_python({"article": 19, "items": [14], "note": "不存在的项"})
    with pytest.raises(ValidationError):
        block.clean(value)
    assert block.clean(block.to_python({"article": 19, "items": [3], "note": "代签"}))


def test_a_scenario_refuses_a_citation_that_does_not_exist():
    block = ScenarioBlock()
    value = block.to_python(
        {
            "title": "t",
            "situation": "s",
            "verdict": "forbidden",
            "explanation": "e",
            "citations": [{"article": 13, "item": 10}],
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_knowledge_check_needs_exactly_one_right_answer():
    block = KnowledgeCheckBlock()
    value = block.to_python(
        {
            "question": "q",
            "choices": [{"text": "a", "correct": True}, {"text": "b", "correct": True}],
            "feedback_correct": "对",
            "feedback_wrong": "不对",
            "citations": [],
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_image_blocks_render_with_their_alt_text(db, settings, tmp_path):
    image = Image.objects.create(title="检查现场", file=get_test_image_file())
    stream = LessonBodyBlock().to_python(
        [
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "执法人员检查摊位", "decorative": False},
            }
        ]
    )
    html = str(stream)
    assert "<img" in html and 'alt="执法人员检查摊位"' in html


def test_video_blocks_play_an_uploaded_file(db):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    video = Document.objects.create(
        title="巡查示范", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="patrol.mp4")
    )
    stream = LessonBodyBlock().to_python(
        [{"type": "video", "value": {"title": "巡查示范", "document": video.pk, "embed": None}}]
    )
    html = str(stream)
    assert "<video controls" in html and video.url in html
    assert "<figcaption>巡查示范</figcaption>" in html


def test_a_video_block_needs_a_file_or_an_embed():
    from courses.blocks import VideoBlock

    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "空", "document": None, "embed": None}))
