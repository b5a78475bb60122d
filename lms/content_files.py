"""Shipped content kept as YAML files, read with a small schema that names the file and line.

Lessons (``courses/content``) and the question bank (``exams/content``) are data an editor or a
lawyer reviews line by line, so they live in YAML rather than Python literals: one file per
lesson or article, strings without quoting rules, and a diff that shows only the words changed.
A file that breaks the schema fails loudly at load time with every problem as
``path:line: message``, so a typo never reaches the seeding half-read.

No Django settings are needed: the content tests and the loaders run on plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from lms.exceptions import LmsError
from lms.measures import citation_exists, citation_key

try:  # libyaml parses ten times faster; the pure-Python loader gives the same nodes.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class ContentFileError(LmsError, ValueError):
    """Shipped content that breaks its schema; ``problems`` are ``path:line: message``."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class LocatedDict(dict):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict


class LocatedList(list):
    line: int = 0
    item_lines: list


class _Loader(_BaseLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = value_node.start_mark.line + 1
    return result


def _construct_sequence(loader, node):
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path) -> Any:
    """Parse one file; a YAML syntax error becomes a ``ContentFileError`` naming its line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise ContentFileError([f"{path}:{line}: {error.problem or error}"]) from error
    except yaml.YAMLError as error:
        raise ContentFileError([f"{path}:0: {error}"]) from error


# --------------------------------------------------------------------------- the schema


@dataclass
class Field:
    """One key of a mapping: its checker, and whether it may be left out (then ``default``)."""

    check: Callable
    required: bool = True
    default: Any = None


class Checker:
    """Walks parsed YAML against checkers, collecting ``path:line: message`` problems and
    returning plain Python values (dicts, lists, tuples for lesson blocks, floats)."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[str] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def raise_if_failed(self) -> None:
        if self.problems:
            raise ContentFileError(self.problems)

    # A checker is ``check(checker, value, line, where) -> plain value``.

    def mapping(self, value, line: int, where: str, fields: dict[str, Field]) -> dict:
        if not isinstance(value, dict):
            self.fail(line, f"{where}: expected a mapping of {', '.join(fields)}")
            return {}
        lines = getattr(value, "key_lines", {})
        unknown = [key for key in value if key not in fields]
        for key in unknown:
            self.fail(lines.get(key, line), f"{where}: unknown key {key!r}")
        result = {}
        for key, spec in fields.items():
            if key not in value:
                if spec.required:
                    self.fail(getattr(value, "line", line), f"{where}: missing {key!r}")
                else:
                    result[key] = spec.default
                continue
            result[key] = spec.check(self, value[key], lines.get(key, line), f"{where}.{key}")
        return result


def text(checker: Checker, value, line: int, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        checker.fail(line, f"{where}: expected non-empty text, got {value!r}")
        return ""
    return str(value)


def optional_text(checker: Checker, value, line: int, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        checker.fail(line, f"{where}: expected text, got {value!r}")
        return ""
    return str(value)


def integer(low: int, high: int) -> Callable:
    def check(checker: Checker, value, line: int, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            checker.fail(line, f"{where}: expected a whole number {low}–{high}, got {value!r}")
            return low
        return value

    return check


def boolean(checker: Checker, value, line: int, where: str) -> bool:
    if not isinstance(value, bool):
        checker.fail(line, f"{where}: expected true or false, got {value!r}")
        return False
    return value


def one_of(*allowed: str) -> Callable:
    def check(checker: Checker, value, line: int, where: str) -> str:
        if value not in allowed:
            checker.fail(line, f"{where}: expected one of {', '.join(allowed)}, got {value!r}")
        return value

    return check


def weight(checker: Checker, value, line: int, where: str) -> float:
    """A number, or a fraction written "1/3" so that three thirds add up to exactly 1."""
    try:
        if isinstance(value, bool):
            raise ValueError
        number = Fraction(value) if isinstance(value, str) else Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        checker.fail(line, f"{where}: expected a number or a fraction like 1/3, got {value!r}")
        return 0.0
    if not -1 <= number <= 1:
        checker.fail(line, f"{where}: weight {value} is outside -1…1")
    return float(number)


def list_of(item: Callable, *, min_items: int = 0) -> Callable:
    def check(checker: Checker, value, line: int, where: str) -> list:
        if not isinstance(value, list):
            checker.fail(line, f"{where}: expected a list, got {value!r}")
            return []
        if len(value) < min_items:
            checker.fail(getattr(value, "line", line), f"{where}: needs at least {min_items}")
        lines = getattr(value, "item_lines", [line] * len(value))
        return [
            item(checker, v, n, f"{where}[{i}]")
            for i, (v, n) in enumerate(zip(value, lines, strict=True))
        ]

    return check


def fields(**spec: Field) -> Callable:
    def check(checker: Checker, value, line: int, where: str) -> dict:
        return checker.mapping(value, line, where, spec)

    return check


def citation(checker: Checker, value, line: int, where: str) -> dict:
    data = checker.mapping(
        value,
        line,
        where,
        {
            "article": Field(integer(1, 32)),
            "item": Field(_optional_item, required=False),
        },
    )
    if data and not citation_exists(data["article"], data["item"]):
        checker.fail(
            getattr(value, "line", line),
            f"{where}: the measures have no {citation_key(data['article'], data['item'])}",
        )
    return data


def _optional_item(checker: Checker, value, line: int, where: str) -> int | None:
    if value is None:
        return None
    return integer(1, 20)(checker, value, line, where)


def citations(*, min_items: int = 1) -> Callable:
    return list_of(citation, min_items=min_items)
