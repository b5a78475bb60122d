"""StreamField blocks of a lesson body. Blocks that cite the law keep the citation as data
(article, item) so that legal coverage can count them; the law's words are looked up at render
time from ``lms.measures`` and never stored in the page.

Each block answers for its own value, the way Wagtail's blocks answer
``get_searchable_content``: ``get_citations(value)`` gives the (article, item) pairs it cites
and ``get_quoted_citations(value)`` those whose words it quotes; ``LessonBodyBlock`` collects
them over a body. (Not ``citations``: that is the name of a child block of two of them.)"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from courses import video
from lms.measures import citation_exists, citation_label, clause_text


class CitationBlock(blocks.StructBlock):
    """One citation of the measures: an article and optionally its item (款 for Art. 17)."""

    article = blocks.IntegerBlock(label=_("Article"), min_value=1, max_value=40)
    item = blocks.IntegerBlock(label=_("Item"), required=False, min_value=1)

    class Meta:
        icon = "openquote"
        label = _("Citation")

    def clean(self, value):
        value = super().clean(value)
        if not citation_exists(value["article"], value.get("item")):
            raise ValidationError(_("This article or item does not exist in the measures."))
        return value


def _labels(citations) -> list[str]:
    return [citation_label(c["article"], c.get("item")) for c in citations]


Ref = tuple[int, "int | None"]


def _refs(citations) -> list[Ref]:
    return [(c["article"], c.get("item")) for c in citations or []]


def _texts(*parts) -> list[str]:
    """The searchable parts that have text (an optional title left empty adds nothing)."""
    return [part for part in parts if part]


class ArticleBlock(blocks.StructBlock):
    """Quotes the law's own words for an article (or some of its items) with a plain note."""

    article = blocks.IntegerBlock(label=_("Article"), min_value=1, max_value=40)
    items = blocks.ListBlock(
        blocks.IntegerBlock(min_value=1),
        label=_("Items"),
        required=False,
        default=[],
        help_text=_("Leave empty to quote the whole article."),
    )
    note = blocks.TextBlock(label=_("In plain words"))

    class Meta:
        icon = "openquote"
        label = _("Article of the measures")
        template = "courses/blocks/article.html"

    def clean(self, value):
        value = super().clean(value)
        items = list(value.get("items") or [])
        refs = [(value["article"], item) for item in items] or [(value["article"], None)]
        missing = [ref for ref in refs if not citation_exists(*ref)]
        if missing:
            raise ValidationError(_("This article or item does not exist in the measures."))
        return value

    def get_quoted_citations(self, value) -> list[Ref]:
        """The whole article, or each item given."""
        items = list(value.get("items") or [])
        return [(value["article"], item) for item in items] or [(value["article"], None)]

    def get_citations(self, value) -> list[Ref]:
        return self.get_quoted_citations(value)

    def get_searchable_content(self, value) -> list[str]:
        # The law's words are not in the page (looked up at render time): only the note is.
        return _texts(value["note"])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        article = value["article"]
        items = list(value.get("items") or [])
        if items:
            context["quotes"] = [
                {"label": citation_label(article, item), "text": clause_text(article, item)}
                for item in items
                if citation_exists(article, item)
            ]
        else:
            context["quotes"] = (
                [{"label": citation_label(article), "text": clause_text(article)}]
                if citation_exists(article)
                else []
            )
        return context


class ScenarioBlock(blocks.StructBlock):
    """A situation met on the street, what the auxiliary may do, and why (citing the law)."""

    VERDICTS = [
        ("allowed", _("Allowed")),
        ("forbidden", _("Forbidden")),
        ("call_officer", _("Call an officer")),
    ]

    title = blocks.CharBlock(label=_("Title"))
    situation = blocks.TextBlock(label=_("Situation"))
    verdict = blocks.ChoiceBlock(choices=VERDICTS, label=_("Verdict"))
    explanation = blocks.TextBlock(label=_("Explanation"))
    citations = blocks.ListBlock(CitationBlock(), label=_("Citations"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Scenario")
        template = "courses/blocks/scenario.html"

    def get_citations(self, value) -> list[Ref]:
        return _refs(value.get("citations"))

    def get_searchable_content(self, value) -> list[str]:
        return _texts(value["title"], value["situation"], value["explanation"])

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["verdict_label"] = dict(self.VERDICTS).get(value["verdict"], "")
        context["citation_labels"] = _labels(value["citations"])
        return context


class KeyPointsBlock(blocks.StructBlock):
    """A short list of things to remember."""

    heading = blocks.CharBlock(label=_("Heading"))
    points = blocks.ListBlock(blocks.CharBlock(), label=_("Points"))

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "courses/blocks/key_points.html"

    def get_searchable_content(self, value) -> list[str]:
        return _texts(value["heading"], *value["points"])


class ChoiceBlock(blocks.StructBlock):
    """One answer of a knowledge check (the name is kept: migrations refer to it)."""

    text = blocks.CharBlock(label=_("Answer"))
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "radio-full"


class KnowledgeCheckBlock(blocks.StructBlock):
    """An ungraded question with instant feedback. Not the exam: the answer may be in the page."""

    question = blocks.TextBlock(label=pgettext_lazy("self-check", "Question"))
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)
    feedback_correct = blocks.TextBlock(label=_("Feedback when right"))
    feedback_wrong = blocks.TextBlock(label=_("Feedback when wrong"))
    citations = blocks.ListBlock(CitationBlock(), label=_("Citations"), required=False)

    class Meta:
        icon = "tick-inverse"
        label = _("Knowledge check")
        template = "courses/blocks/knowledge_check.html"

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for choice in value["choices"] if choice["correct"]) != 1:
            raise ValidationError(_("Mark exactly one answer as correct."))
        return value

    def get_citations(self, value) -> list[Ref]:
        return _refs(value.get("citations"))

    def get_searchable_content(self, value) -> list[str]:
        # Not the feedback: searching a lesson must not lead to which answer is right.
        return _texts(value["question"], *(choice["text"] for choice in value["choices"]))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["citation_labels"] = _labels(value["citations"])
        return context


class VideoBlock(blocks.StructBlock):
    """A video: an uploaded MP4 or WebM (served with range requests by the lesson's own view,
    its watching time counted by ``courses.video``), or an embed URL. Captions (WebVTT) and a
    poster image are optional."""

    title = blocks.CharBlock(label=_("Title"), required=False)
    document = DocumentChooserBlock(
        label=_("Uploaded video"), required=False, help_text=_("An MP4 or WebM file.")
    )
    seconds = blocks.IntegerBlock(
        label=_("Length in seconds"),
        required=False,
        min_value=1,
        help_text=_("Read from an MP4 file when left empty; give it for a WebM file."),
    )
    captions = DocumentChooserBlock(
        label=_("Captions"), required=False, help_text=_("A WebVTT (.vtt) file.")
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    embed = EmbedBlock(label=_("Embed URL"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if not document and not value.get("embed"):
            raise ValidationError(_("Choose an uploaded video or give an embed URL."))
        errors = {}
        if document:
            errors.update(self._check_video(value, document))
        captions = value.get("captions")
        if captions and video.extension(captions.filename) not in video.CAPTION_TYPES:
            errors["captions"] = ValidationError(_("Captions must be a WebVTT (.vtt) file."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    @staticmethod
    def _check_video(value, document) -> dict:
        if video.extension(document.filename) not in video.VIDEO_TYPES:
            return {"document": ValidationError(_("Choose an MP4 or WebM video file."))}
        limit = video.video_max_bytes()
        if (document.get_file_size() or 0) > limit:
            message = _("This video is larger than %(size)s MB.") % {"size": limit // 2**20}
            return {"document": ValidationError(message)}
        if not value.get("seconds"):
            # The server counts watching against the length: it must be known, not guessed.
            seconds = None
            if video.extension(document.filename) == "mp4":
                with document.open_file() as file:
                    seconds = video.mp4_seconds(file)
            if not seconds:
                return {"seconds": ValidationError(_("Give the video's length in seconds."))}
            value["seconds"] = seconds
        return {}

    def get_searchable_content(self, value) -> list[str]:
        return _texts(value.get("title"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        document = value.get("document")
        if document is not None:
            context["video_type"] = video.served_type(document.filename)
        return context


class LessonBodyBlock(blocks.StreamBlock):
    """The body of a lesson. Its searchable content is Wagtail's (each child's, in order); its
    citations are collected the same way from the children that cite the law."""

    rich_text = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        label=_("Text"),
        template="courses/blocks/rich_text.html",
    )
    article = ArticleBlock()
    scenario = ScenarioBlock()
    key_points = KeyPointsBlock()
    image = ImageBlock(label=_("Image"), template="courses/blocks/image.html")
    video = VideoBlock()
    knowledge_check = KnowledgeCheckBlock()

    def get_citations(self, value) -> list[Ref]:
        """Every (article, item) the body cites, in order, without repeats."""
        return list(dict.fromkeys(self._collect(value, "get_citations")))

    def get_quoted_citations(self, value) -> set[Ref]:
        """The citations whose words the body quotes."""
        return set(self._collect(value, "get_quoted_citations"))

    @staticmethod
    def _collect(value, method: str):
        # Wagtail's own children (rich text, image) cite nothing and have no such method.
        for child in value:
            collect = getattr(child.block, method, None)
            if collect is not None:
                yield from collect(child.value)
