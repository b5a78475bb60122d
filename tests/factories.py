"""factory_boy factories for the core models, and a small organisation for scoping tests."""

from __future__ import annotations

import datetime
import itertools
from types import SimpleNamespace

import factory
from django.contrib.auth import get_user_model

from lms.idcard import make_id_number
from lms.models import (
    Agency,
    AgencyLevel,
    Auxiliary,
    AuxiliaryStatus,
    Education,
    HireMethod,
    Role,
    UserProfile,
)

User = get_user_model()
PASSWORD = "Testpass123"
_id_sequence = itertools.count(1)


def next_id_number(birth: datetime.date = datetime.date(1995, 5, 17)) -> str:
    n = next(_id_sequence)
    return make_id_number(f"4403{n // 1000 % 100:02d}", birth, n % 1000)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试执法局{n}")
    code = factory.Sequence(lambda n: f"AG{n:04d}")
    region = "测试市"
    level = AgencyLevel.COUNTY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_user(role: str, agency: Agency | None = None, **kwargs) -> User:
    user = UserFactory(**kwargs)
    UserProfile.objects.create(
        user=user, role=role, agency=agency, display_name=kwargs.get("username", user.username)
    )
    return user


class AuxiliaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Auxiliary

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"张{n}")
    gender = "M"
    birth_date = datetime.date(1995, 5, 17)
    id_number = factory.LazyAttribute(lambda o: next_id_number(o.birth_date))
    mobile = factory.Sequence(lambda n: f"138{n:08d}")
    education = Education.SENIOR_HIGH
    hire_method = HireMethod.PUBLIC_RECRUITMENT
    contract_start = datetime.date(2025, 1, 1)
    contract_end = datetime.date(2028, 12, 31)
    post = "窗口服务辅助岗"
    duties = [1, 2]
    work_area = "第一片区"
    status = AuxiliaryStatus.IN_TRAINING


def make_learner(agency: Agency, **kwargs) -> Auxiliary:
    """An auxiliary with a learner login (username = their mobile)."""
    aux = AuxiliaryFactory(agency=agency, **kwargs)
    aux.user = make_user(Role.LEARNER, agency, username=f"learner{aux.pk}")
    aux.save(update_fields=["user"])
    return aux


def build_org() -> SimpleNamespace:
    province = AgencyFactory(name="省法制办", code="PROV", level=AgencyLevel.PROVINCE)
    city = AgencyFactory(name="市执法局", code="CITY", level=AgencyLevel.CITY, parent=province)
    county_a = AgencyFactory(name="甲县执法局", code="CTYA", parent=city)
    county_b = AgencyFactory(name="乙县执法局", code="CTYB", parent=city)
    org = SimpleNamespace(province=province, city=city, county_a=county_a, county_b=county_b)
    org.provincial_admin = make_user(Role.PROVINCIAL_ADMIN, None, username="prov")
    org.oversight = make_user(Role.OVERSIGHT, city, username="oversight")
    org.city_admin = make_user(Role.AGENCY_ADMIN, city, username="cityadmin")
    org.admin_a = make_user(Role.AGENCY_ADMIN, county_a, username="admin_a")
    org.admin_b = make_user(Role.AGENCY_ADMIN, county_b, username="admin_b")
    org.supervisor_a = make_user(Role.SUPERVISOR, county_a, username="sup_a")
    org.supervisor_b = make_user(Role.SUPERVISOR, county_b, username="sup_b")
    org.aux_a = make_learner(county_a, name="甲一", supervisor=org.supervisor_a)
    org.aux_b = make_learner(county_b, name="乙一", supervisor=org.supervisor_b)
    org.learner_a = org.aux_a.user
    org.learner_b = org.aux_b.user
    return org
