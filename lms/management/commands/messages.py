"""`python manage.py messages`: Django's makemessages for each app's zh_Hans catalogue, with
the templates under site/templates that the app's pages use.

The templates live in one folder (site/templates), outside the apps, so makemessages run in an
app's folder does not see them and would set their msgids aside as obsolete (#~). This
command runs it in each app's folder and adds that app's template folders to what it reads:
``site/templates/<app>/``, and for lms the shared ones (base.html and the error pages, includes,
jobs, registration, wagtailadmin). ``make messages`` runs it, then compilemessages.

A msgid no longer found stays in its catalogue, translated, rather than set aside as obsolete:
the catalogues also hold translations of Wagtail's own strings that Wagtail ships without
(its zh_Hans catalogue is incomplete), and those are in no file of this project. msgmerge's
fuzzy guesses are dropped (``tidy_catalogue``).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages

APPS = ["lms", "courses", "training", "exams", "assessments", "credentials", "reports", "api"]
SHARED = ["includes", "jobs", "registration", "wagtailadmin"]  # lms's, with the top-level files


def template_folders(app: str) -> list[tuple[Path, bool]]:
    """(folder, recursive) pairs of site/templates whose strings go in ``app``'s catalogue."""
    templates = Path(settings.BASE_DIR) / "site" / "templates"
    folders = [(templates / app, True)]
    if app == "lms":
        folders += [(templates / name, True) for name in SHARED] + [(templates, False)]
    return [(folder, recursive) for folder, recursive in folders if folder.is_dir()]


def tidy_catalogue(po: Path) -> None:
    """After msgmerge: entries marked obsolete ("#~ ") become active again, and a fuzzy guess
    (msgmerge's translation of a similar msgid, e.g. "Amended" for "Gender") is not kept as a
    translation: its msgstr is emptied, so that gettext uses the app that translates it."""
    blocks = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [
            line[3:] if line.startswith("#~ ") else line
            for line in block.splitlines()
            if not line.startswith(("#| ", "#~| "))
        ]
        flags = next((line for line in lines if line.startswith("#, ")), None)
        header = any(line == 'msgid ""' for line in lines) and not any(
            line.startswith("#:") for line in lines
        )
        if flags and "fuzzy" in flags and not header:
            kept = [flag for flag in flags[3:].split(", ") if flag != "fuzzy"]
            lines = _without_msgstr([line for line in lines if line != flags])
            if kept:
                lines.insert(_first_msg_line(lines), "#, " + ", ".join(kept))
        blocks.append("\n".join(lines))
    po.write_text("\n\n".join(blocks).rstrip("\n") + "\n", encoding="utf-8")


def _first_msg_line(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(("msgctxt", "msgid")))


def _without_msgstr(lines: list[str]) -> list[str]:
    """The entry with each msgstr (and its continuation lines) emptied."""
    out, in_msgstr = [], False
    for line in lines:
        if line.startswith("msgstr"):
            name = line.split(" ", 1)[0]
            out.append(f'{name} ""')
            in_msgstr = True
        elif in_msgstr and line.startswith('"'):
            continue
        else:
            in_msgstr = False
            out.append(line)
    return out


class Command(makemessages.Command):
    help = "makemessages (zh_Hans) for every app, with its templates in site/templates."

    app: str = ""

    def handle(self, *args, **options):
        options.update(
            locale=["zh_Hans"], ignore_patterns=["migrations", *options["ignore_patterns"]]
        )
        here = os.getcwd()
        try:
            for app in APPS:
                self.app = app
                os.chdir(Path(settings.BASE_DIR) / app)
                super().handle(*args, **options)
                tidy_catalogue(Path("locale") / "zh_Hans" / "LC_MESSAGES" / "django.po")
        finally:
            os.chdir(here)

    def find_files(self, root):
        files = super().find_files(root)
        locale_dir = os.path.abspath("locale")
        for folder, recursive in template_folders(self.app):
            walk = os.walk(folder) if recursive else [(str(folder), [], os.listdir(folder))]
            for dirpath, _dirnames, filenames in walk:
                for filename in filenames:
                    if os.path.splitext(filename)[1] in self.extensions:
                        relative = os.path.relpath(dirpath)
                        files.append(self.translatable_file_class(relative, filename, locale_dir))
        return sorted(files)
