"""Wagtail admin pages for the bank: import upload, export, item analysis (view and xlsx)."""

from __future__ import annotations

import io

import xlsxwriter
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exams.analysis import item_statistics, write_item_analysis_sheet
from exams.bank import questions_export, questions_import
from exams.interop import ImportFormatError
from exams.models import Exam, QuestionCategory

MAX_UPLOAD = 5 * 1024 * 1024


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("GIFT or Moodle XML file"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("Detect")), ("gift", "GIFT"), ("moodlexml", "Moodle XML")],
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
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
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


def export_questions(request, fmt: str):
    _require(request, "exams.view_question")
    category = request.GET.get("category", "")
    text = questions_export(fmt=fmt, category=category)
    extension = "xml" if fmt == "moodlexml" else "gift.txt"
    response = HttpResponse(
        text,
        content_type="application/xml; charset=utf-8"
        if fmt == "moodlexml"
        else "text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="questions.{extension}"'
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
    response["Content-Disposition"] = f'attachment; filename="item-analysis-{exam.pk}.xlsx"'
    return response
