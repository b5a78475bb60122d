"""Querysets compiled once and run again with new values (lms.prepared)."""

from __future__ import annotations

import pytest

from lms.models import Auxiliary
from lms.prepared import PreparedQuery, PreparedQueryError


def _people(agency_id, pk):
    return (
        Auxiliary.objects.filter(agency_id=agency_id, pk__gte=pk)
        .order_by("pk")
        .values_list("name", "birth_date", "agency__name")
    )


def test_each_run_uses_its_own_values_and_matches_the_orm(org):
    prepared = PreparedQuery(_people, "agency_id", "pk")
    for aux in (org.aux_a, org.aux_b):
        expected = _people(aux.agency_id, aux.pk).first()
        assert prepared.first(agency_id=aux.agency_id, pk=aux.pk) == expected
    # Dates come back as dates on every database (converters applied), and no row is None.
    assert prepared.first(agency_id=org.aux_a.agency_id, pk=org.aux_a.pk)[1] == (
        org.aux_a.birth_date
    )
    assert prepared.first(agency_id=org.aux_a.agency_id, pk=org.aux_b.pk + 10**6) is None


def test_all_gives_every_row_in_order_as_the_orm_does(org, django_assert_num_queries):
    rows = PreparedQuery(_people, "agency_id", "pk")
    for agency in (org.county_a, org.county_b):
        assert rows.all(agency_id=agency.pk, pk=0) == list(_people(agency.pk, 0))
    assert rows.all(agency_id=org.county_a.pk, pk=10**9) == []
    people = PreparedQuery(
        lambda pk: Auxiliary.objects.select_related("agency").filter(pk__gte=pk).order_by("-pk"),
        "pk",
    )
    people.all(pk=0)  # compiled on first use
    for pk in (0, org.aux_b.pk):
        expected = list(
            Auxiliary.objects.select_related("agency").filter(pk__gte=pk).order_by("-pk")
        )
        with django_assert_num_queries(1):
            found = people.all(pk=pk)
            assert [(a.pk, a.agency.name) for a in found] == [
                (a.pk, a.agency.name) for a in expected
            ]
    assert len(people.all(pk=0)) > 1


def test_embedded_in_a_larger_statement_it_selects_what_the_orm_selects(org):
    from django.db import connection

    prepared = PreparedQuery(
        lambda agency_id: Auxiliary.objects.filter(agency_id=agency_id).values("pk"), "agency_id"
    )
    for agency in (org.county_a, org.county_b):
        sql, params = prepared.sql(agency_id=agency.pk)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM lms_auxiliary WHERE id IN ({sql})", params)
            (count,) = cursor.fetchone()
        assert count == Auxiliary.objects.filter(agency=agency).count() > 0


def test_a_placeholder_the_query_does_not_use_is_refused(org):
    prepared = PreparedQuery(lambda agency_id, pk: _people(agency_id, 1), "agency_id", "pk")
    with pytest.raises(PreparedQueryError, match="pk"):
        prepared.first(agency_id=org.aux_a.agency_id, pk=org.aux_a.pk)


def test_a_model_queryset_gives_the_instance_with_its_related_objects(
    org, django_assert_num_queries
):
    from django.contrib.auth import get_user_model

    prepared = PreparedQuery(
        lambda user_id: (
            get_user_model().objects.select_related("profile__agency").filter(pk=user_id)
        ),
        "user_id",
    )
    prepared.first(user_id=org.learner_a.pk)  # compiled on first use
    with django_assert_num_queries(1):
        user = prepared.first(user_id=org.admin_b.pk)
        assert user.username == org.admin_b.username
        assert user.profile.role == org.admin_b.profile.role
        assert user.profile.agency.name == org.county_b.name
    assert prepared.first(user_id=10**9) is None


def test_the_logged_in_user_arrives_with_profile_and_agency(org, django_assert_num_queries):
    from lms.auth_backends import ProfileModelBackend
    from lms.permissions import scope_for

    ProfileModelBackend().get_user(org.learner_a.pk)  # compiled on first use
    # One query per request for the user, and the scope (role, agency) needs no other.
    with django_assert_num_queries(1):
        user = ProfileModelBackend().get_user(org.admin_a.pk)
        assert scope_for(user).agency_path == org.county_a.path
    org.admin_a.is_active = False
    org.admin_a.save()
    assert ProfileModelBackend().get_user(org.admin_a.pk) is None


def _compiled(queryset):
    compiler = queryset.query.get_compiler(using="default")
    compiler.as_sql()
    return compiler


def test_the_django_internals_it_relies_on_are_the_ones_it_was_written_against(db):
    """Fails, naming the internals, on a Django upgrade that changes them."""
    from django.contrib.auth import get_user_model

    from lms.prepared import check_django_internals

    users = get_user_model().objects.select_related("profile__agency").filter(pk=1)
    check_django_internals(_compiled(users), model=True)
    check_django_internals(_compiled(users.values_list("pk")), model=False)


class _CompilerWithout:
    """A compiler as a changed Django might have it: every attribute but ``missing``."""

    def __init__(self, real, missing: str):
        self._real = real
        self._missing = missing

    def __getattr__(self, name):
        if name == self._missing:
            raise AttributeError(name)
        return getattr(self._real, name)


@pytest.mark.parametrize(
    "missing", ["klass_info", "select", "col_count", "annotation_col_map", "get_converters"]
)
def test_the_guard_names_a_compiler_internal_that_went_away(db, missing):
    from lms.prepared import check_django_internals

    real = _compiled(Auxiliary.objects.select_related("agency").filter(pk=1))
    check_django_internals(_CompilerWithout(real, "nothing"), model=True)
    with pytest.raises(PreparedQueryError, match=f"Django internals.*SQLCompiler.{missing}"):
        check_django_internals(_CompilerWithout(real, missing), model=True)


def test_the_guard_names_get_related_populators_when_its_signature_changed(db):
    from lms.prepared import check_django_internals

    def get_related_populators(klass_info, select, db, *, extra):
        return []

    real = _compiled(Auxiliary.objects.select_related("agency").filter(pk=1))
    with pytest.raises(PreparedQueryError, match=r"get_related_populators\(klass_info"):
        check_django_internals(real, model=True, populators=get_related_populators)
    # A values_list query does not build instances: the populators do not matter to it.
    check_django_internals(real, model=False, populators=get_related_populators)
