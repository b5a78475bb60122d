"""Demo organisation: a provincial office, a city agency with two counties, users of every role
and 30 auxiliaries in various statuses. Idempotent."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from lms import hooks
from lms.idcard import make_id_number
from lms.models import (
    Agency,
    AgencyLevel,
    Auxiliary,
    AuxiliaryStatus,
    AuxiliaryStatusChange,
    Education,
    HireMethod,
    Role,
    UserProfile,
)
from lms.seeding import DemoLogin

User = get_user_model()
DEMO_PASSWORD = "Demo2026pass"

AGENCIES = [
    # code, name, region, level, parent code
    ("PROV", "省人民政府法制办公室", "全省", AgencyLevel.PROVINCE, None),
    ("JCCG", "江城市城市管理综合行政执法局", "江城市", AgencyLevel.CITY, "PROV"),
    ("DHCG", "江城市东湖区城市管理综合行政执法局", "江城市东湖区", AgencyLevel.COUNTY, "JCCG"),
    ("XSCG", "江城市西山县城市管理综合行政执法局", "江城市西山县", AgencyLevel.COUNTY, "JCCG"),
]
STAFF = [
    # username, name, role, agency code
    ("province", "周省办", Role.PROVINCIAL_ADMIN, None),
    ("oversight", "吴监督", Role.OVERSIGHT, "JCCG"),
    ("cityadmin", "郑市局", Role.AGENCY_ADMIN, "JCCG"),
    ("dhadmin", "王东湖", Role.AGENCY_ADMIN, "DHCG"),
    ("xsadmin", "冯西山", Role.AGENCY_ADMIN, "XSCG"),
    ("sup_dh", "陈执法", Role.SUPERVISOR, "DHCG"),
    ("sup_dh2", "褚执法", Role.SUPERVISOR, "DHCG"),
    ("sup_xs", "卫执法", Role.SUPERVISOR, "XSCG"),
]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超"]
POSTS = [
    ("窗口服务辅助岗", [1, 2]),
    ("巡查劝导辅助岗", [5, 6]),
    ("检查站值守辅助岗", [8, 5]),
    ("暂扣物品看管岗", [7, 4]),
    ("信息技术辅助岗", [3, 2]),
]
# Status of each of the 30 auxiliaries, by position.
STATUS_PLAN = (
    [AuxiliaryStatus.CREDENTIALED] * 14
    + [AuxiliaryStatus.IN_TRAINING] * 8
    + [AuxiliaryStatus.CANDIDATE] * 3
    + [AuxiliaryStatus.SUSPENDED] * 2
    + [AuxiliaryStatus.DEPARTED] * 2
    + [AuxiliaryStatus.DISMISSED] * 1
)
# Two demo learner logins: ``learner`` is a credentialed auxiliary of 东湖区 (in service: the
# assessment step leaves an assessment waiting for their response), ``learner2`` the first
# in-training auxiliary of 西山县 (course, exam, credential still ahead).
LEARNER_USERNAMES = {2: "learner", 15: "learner2"}
STAFF_NOTES = {
    "province": "编辑课程、题库、工作证式样（/admin/）",
    "oversight": "只读查看江城市及下属单位",
    "cityadmin": "管理江城市及下属区县",
    "dhadmin": "管理东湖区：花名册、工作证、考核周期、报表",
    "xsadmin": "管理西山县",
    "sup_dh": "为东湖区辅助人员评分",
    "sup_dh2": "为东湖区辅助人员评分",
    "sup_xs": "为西山县辅助人员评分",
}
LEARNER_NOTES = {
    "learner": "在岗辅助人员：有一份待确认的考核",
    "learner2": "新招聘辅助人员：学习课程、参加考试、领取工作证",
}


def organisation_logins() -> list[DemoLogin]:
    """The logins seed_organisation creates: the superuser, the staff, the two learners."""
    return [
        DemoLogin("admin", "超级用户，可进入 /admin/", 0),
        *(
            DemoLogin(username, STAFF_NOTES.get(username, ""), order)
            for order, (username, *_rest) in enumerate(STAFF, start=1)
        ),
        *(
            DemoLogin(username, LEARNER_NOTES[username], 20)
            for username in LEARNER_USERNAMES.values()
        ),
    ]


def _user(username: str, name: str, role: str, agency: Agency | None, *, superuser=False):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=name, is_superuser=superuser)
        user.is_staff = superuser or role == Role.PROVINCIAL_ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
    UserProfile.objects.get_or_create(
        user=user, defaults={"role": role, "agency": agency, "display_name": name}
    )
    if role == Role.PROVINCIAL_ADMIN:
        editors = Group.objects.filter(name="Editors").first()
        if editors:
            user.groups.add(editors)
    return user


def _birth_date(index: int) -> datetime.date:
    return datetime.date(1988 + index % 12, 1 + index % 12, 1 + index % 27)


def _id_number(index: int) -> str:
    county_code = "420102" if index % 2 == 0 else "420111"
    return make_id_number(county_code, _birth_date(index), 100 + index)


def demo_auxiliary(index: int) -> Auxiliary | None:
    """The demo auxiliary at ``index`` of STATUS_PLAN (None before the organisation step)."""
    return Auxiliary.objects.filter(id_number=_id_number(index)).first()


@transaction.atomic
def seed_organisation(stdout=None) -> None:
    agencies: dict[str, Agency] = {}
    for code, name, region, level, parent in AGENCIES:
        agency, _created = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "region": region,
                "level": level,
                "parent": agencies.get(parent),
            },
        )
        agencies[code] = agency
    _user("admin", "系统管理员", Role.PROVINCIAL_ADMIN, None, superuser=True)
    staff = {
        username: _user(username, name, role, agencies.get(code) if code else None)
        for username, name, role, code in STAFF
    }
    supervisors = {"DHCG": [staff["sup_dh"], staff["sup_dh2"]], "XSCG": [staff["sup_xs"]]}
    admin = User.objects.get(username="admin")
    for index, status in enumerate(STATUS_PLAN):
        county = "DHCG" if index % 2 == 0 else "XSCG"
        birth = _birth_date(index)
        id_number = _id_number(index)
        if Auxiliary.objects.filter(id_number=id_number).exists():
            continue
        post, duties = POSTS[index % len(POSTS)]
        name = (
            SURNAMES[index % len(SURNAMES)]
            + GIVEN[index % len(GIVEN)]
            + (GIVEN[(index * 7) % len(GIVEN)] if index % 3 else "")
        )
        aux = Auxiliary.objects.create(
            agency=agencies[county],
            name=name,
            gender="M" if index % 2 else "F",
            birth_date=birth,
            id_number=id_number,
            mobile=f"139{index:08d}",
            education=[Education.SENIOR_HIGH, Education.COLLEGE, Education.BACHELOR][index % 3],
            hire_method=list(HireMethod)[index % 3],
            contract_start=datetime.date(2025, 1, 1),
            contract_end=datetime.date(2027 + index % 3, 12, 31),
            post=post,
            duties=duties,
            work_area=f"{agencies[county].region}第{index % 4 + 1}片区",
            supervisor=supervisors[county][index % len(supervisors[county])]
            if status != AuxiliaryStatus.CANDIDATE
            else None,
            status=status,
        )
        if index in LEARNER_USERNAMES:
            learner = _user(LEARNER_USERNAMES[index], name, Role.LEARNER, agencies[county])
            aux.user = learner
            aux.save(update_fields=["user"])
        if status != AuxiliaryStatus.CANDIDATE:
            AuxiliaryStatusChange.objects.create(
                auxiliary=aux,
                from_status=AuxiliaryStatus.CANDIDATE,
                to_status=status,
                actor=admin,
                reason="演示数据",
            )
    if stdout:
        stdout.write(f"  单位 {len(agencies)} 个，辅助人员 {Auxiliary.objects.count()} 名")


def demo_login_rows() -> list[dict[str, str]]:
    """Every demo login that exists, with name, role and agency, for seed_demo's closing list."""
    logins = hooks.demo_logins()
    users = {
        user.username: user
        for user in User.objects.filter(username__in=[login.username for login in logins])
        .select_related("profile__agency")
        .order_by()
    }
    rows = []
    for login in logins:
        user = users.get(login.username)
        if user is None:
            continue
        profile = getattr(user, "profile", None)
        rows.append(
            {
                "username": login.username,
                "name": (profile.display_name if profile else "") or user.first_name,
                "role": Role(profile.role).label if profile else "",
                "agency": profile.agency.name if profile and profile.agency else "全省",
                "note": login.note,
            }
        )
    return rows
