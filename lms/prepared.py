"""Querysets compiled to SQL once per process, then run again with new values.

Building and compiling an ORM query costs far more CPU than running it: the exam autosave's
read (scope, lock, question, counts) took about 5 ms of CPU to build and compile against
1 ms to run. For the few queries on a hot path (that read, and the user with its profile on
every request), ``PreparedQuery`` builds the queryset once with placeholder numbers, compiles
it, keeps the SQL, and runs it with the real numbers.

The queryset stays the one description of the query (the scoping helper still builds the
scope), and the placeholders are checked: every one must come out of the compiler as a query
parameter, or compiling fails loudly instead of running the wrong SQL.

Running the SQL without the queryset means doing what Django's ``ModelIterable`` does, with the
compiler's internals (``SQLCompiler.select``/``col_count``/``klass_info``/
``annotation_col_map``/``get_converters``/``apply_converters`` and
``django.db.models.query.get_related_populators``), which are not a public API.
``check_django_internals`` checks them on each compile and names the ones a Django upgrade
changed, as a PreparedQueryError, rather than letting a hot path build wrong objects.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators

from lms.exceptions import PreparedQueryError

# Placeholders must lie inside every integer field's range (Django turns a lookup with an
# out-of-range number into "no rows" without asking the database), so they fit a small
# positive integer; no constant in a prepared query may take one of these values.
_PLACEHOLDER_BASE = 32_101


# What the code below reads of Django's compiler, and how it calls get_related_populators
# (written against Django 5.2).
_COMPILER_ATTRIBUTES = ("select", "col_count", "annotation_col_map")
_COMPILER_METHODS = ("get_converters", "apply_converters")
_KLASS_INFO_KEYS = {"model", "select_fields"}
_POPULATORS_PARAMETERS = ["klass_info", "select", "db"]


def check_django_internals(
    compiler, *, model: bool, populators: Callable = get_related_populators
) -> None:
    """Raise PreparedQueryError naming each Django internal this module relies on that
    ``compiler`` (after ``as_sql()``) or ``populators`` no longer offers as expected;
    ``model`` for a model queryset, which also needs ``klass_info`` and the populators."""
    changed = [
        f"SQLCompiler.{name}" for name in _COMPILER_ATTRIBUTES if not hasattr(compiler, name)
    ]
    changed += [
        f"SQLCompiler.{name}()"
        for name in _COMPILER_METHODS
        if not callable(getattr(compiler, name, None))
    ]
    if model:
        klass_info = getattr(compiler, "klass_info", None)
        if not isinstance(klass_info, dict) or not _KLASS_INFO_KEYS <= klass_info.keys():
            changed.append("SQLCompiler.klass_info (a dict with 'model' and 'select_fields')")
        try:
            parameters = list(inspect.signature(populators).parameters)
        except (TypeError, ValueError):
            parameters = None
        if parameters != _POPULATORS_PARAMETERS:
            changed.append("django.db.models.query.get_related_populators(klass_info, select, db)")
    if changed:
        raise PreparedQueryError(
            "lms.prepared relies on Django internals that this Django version changed: "
            + "; ".join(changed)
            + ". Adapt lms/prepared.py to the new compiler (see ModelIterable.__iter__)."
        )


class PreparedQuery:
    """``build(**placeholders)`` returns a queryset whose integer inputs are named in
    ``params``; ``first(**values)`` runs its SQL with those values and returns the first row
    (``all(**values)``, every row): a tuple for a ``values_list`` queryset (database converters applied), a model instance
    (with its ``select_related`` objects) for a model queryset, or None."""

    def __init__(self, build: Callable[..., QuerySet], *params: str) -> None:
        self.build = build
        self.params = params
        # Per thread and database alias, as Django's connections are (the compiler keeps its
        # connection); a thread's entries go with the thread.
        self._local = threading.local()

    def _compile(self, using: str) -> _Compiled:
        placeholders = {name: _PLACEHOLDER_BASE + n for n, name in enumerate(self.params)}
        by_value = {value: name for name, value in placeholders.items()}
        queryset = self.build(**placeholders)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        is_model = queryset._iterable_class is ModelIterable
        check_django_internals(compiler, model=is_model)
        # A slot is (placeholder name, the compiled value). The backend may wrap an integer
        # in its own int subclass (psycopg's Int2 for a small integer column), kept below.
        slots = [
            (by_value.get(value) if isinstance(value, int) else None, value) for value in params
        ]
        missing = set(self.params) - {name for name, _value in slots if name}
        if missing:
            raise PreparedQueryError(f"not passed as query parameters: {sorted(missing)}")
        fields = [select[0] for select in compiler.select[: compiler.col_count]]
        compiled = _Compiled(sql, slots, compiler, compiler.get_converters(fields))
        if is_model:
            # What ModelIterable does for each row, prepared once.
            klass_info = compiler.klass_info
            select_fields = klass_info["select_fields"]
            compiled.model = klass_info["model"]
            compiled.model_slice = slice(select_fields[0], select_fields[-1] + 1)
            compiled.init_list = [
                select[0].target.attname for select in compiler.select[compiled.model_slice]
            ]
            compiled.related = get_related_populators(klass_info, compiler.select, using)
            compiled.annotations = dict(compiler.annotation_col_map or {})
        return compiled

    def _compiled(self, using: str) -> _Compiled:
        cache = self._local.__dict__
        compiled = cache.get(using)
        if compiled is None:
            compiled = cache[using] = self._compile(using)
        return compiled

    def _params(self, compiled: _Compiled, values: dict[str, int]) -> list:
        return [type(value)(values[name]) if name else value for name, value in compiled.slots]

    def sql(self, *, using: str = DEFAULT_DB_ALIAS, **values: int) -> tuple[str, list]:
        """The compiled SQL and its parameters for ``values``, to embed the query in a larger
        statement (a sub-query of a write), still built by the one queryset."""
        compiled = self._compiled(using)
        return compiled.sql, self._params(compiled, values)

    def first(self, *, using: str = DEFAULT_DB_ALIAS, **values: int):
        rows = self._run(using, values, one=True)
        return rows[0] if rows else None

    def all(self, *, using: str = DEFAULT_DB_ALIAS, **values: int) -> list:
        """Every row, as ``first`` returns one."""
        return self._run(using, values, one=False)

    def _run(self, using: str, values: dict[str, int], *, one: bool) -> list:
        connection = connections[using]
        compiled = self._compiled(using)
        params = self._params(compiled, values)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            if one:
                row = cursor.fetchone()
                rows = [] if row is None else [row]
            else:
                rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [self._object(compiled, using, row) for row in rows]

    @staticmethod
    def _object(compiled: _Compiled, using: str, row):
        if compiled.model is None:
            return tuple(row)
        instance = compiled.model.from_db(using, compiled.init_list, row[compiled.model_slice])
        for populator in compiled.related:
            populator.populate(row, instance)
        for name, position in compiled.annotations.items():
            setattr(instance, name, row[position])
        return instance


@dataclass
class _Compiled:
    sql: str
    slots: list[tuple[str | None, object]]
    compiler: object
    converters: dict
    model: type | None = None
    model_slice: slice = field(default_factory=lambda: slice(0))
    init_list: list[str] = field(default_factory=list)
    related: list = field(default_factory=list)
    annotations: dict[str, int] = field(default_factory=dict)
