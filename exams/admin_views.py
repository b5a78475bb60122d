"""Wagtail admin pages for the bank: import upload, export, item analysis (view and xlsx)."""

from __future__ import annotations

import io

import xlsxwriter
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exams.analysis import item_statistics, write_item_analysis_sheet
from exams.bank import questions_export, questions_import
from exams.interop import ImportFormatError
from exams.models import Exam, QuestionCategory
from lms import uploads
from lms.downloads import as_download


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("GIFT, Moodle XML or Word (.docx) file"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("", gettext_lazy("Detect")),
            ("gift", "GIFT"),
            ("moodlexml", "Moodle XML"),
            ("docx", "Word (.docx)"),
        ],
        required=False,
    )
    category = forms.CharField(
        label=gettext_lazy("Category for questions that name none"),
        required=False,
        help_text=gettext_lazy("A path such as 岗前培训/补充题"),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Check only, save nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            uploads.upload_size_check(upload.size, max_bytes=uploads.QUESTIONS_MAX_BYTES)
        except uploads.UploadRejected as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


def import_questions(request):
    _require(request, "exams.add_question")
    summary = error = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                summary = questions_import(
                    data=upload.read(),
                    fmt=form.cleaned_data["format"] or None,
                    filename=upload.name,
                    category=form.cleaned_data["category"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ImportFormatError as exc:
                error = _("%(file)s: %(error)s. Nothing was imported.") % {
                    "file": upload.name,
                    "error": exc,
                }
    else:
        form = ImportForm()
    categories = QuestionCategory.objects.all()
    return render(
        request,
        "exams/admin/import.html",
        {"form": form, "summary": summary, "error": error, "categories": categories},
    )


EXPORT_TYPES = {
    "gift": ("gift.txt", "text/plain; charset=utf-8"),
    "moodlexml": ("xml", "application/xml; charset=utf-8"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def export_questions(request, fmt: str):
    _require(request, "exams.view_question")
    category = request.GET.get("category", "")
    try:
        text = questions_export(fmt=fmt, category=category)
    except ValueError as error:
        # GIFT and Moodle XML hold one blank per short answer; the message says to use Word.
        messages.error(request, str(error))
        return redirect("exams_import")
    extension, content_type = EXPORT_TYPES.get(fmt, EXPORT_TYPES["gift"])
    response = HttpResponse(text, content_type=content_type)
    as_download(response, "题库", "questions", extension=extension)
    return response


def exam_list(request):
    _require(request, "exams.view_exam")
    exams = Exam.objects.order_by("pk")
    return render(request, "exams/admin/analysis_index.html", {"exams": exams})


def item_analysis(request, pk: int):
    _require(request, "exams.view_exam")
    exam = get_object_or_404(Exam, pk=pk)
    stats = item_statistics(exam)
    return render(request, "exams/admin/analysis.html", {"exam": exam, "stats": stats})


def item_analysis_xlsx(request, pk: int):
    _require(request, "exams.view_exam")
    exam = get_object_or_404(Exam, pk=pk)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    write_item_analysis_sheet(workbook, exam)
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    as_download(response, f"试题分析-{exam.title}", f"item-analysis-{exam.pk}", extension="xlsx")
    return response
