"""A small hand-made ledger within Chongqing, and one user of every role, to test who sees what.

Projects (``key``: where it lands, park, chain, investors; events; value):

====================  ==========  ==========  =====  ======================  =============
key                   region      park        chain  investors (lead first)  events
====================  ==========  ==========  =====  ======================  =============
yubei_park            500112      仙桃数据谷    EI     yubei                   SCE
yubei_owner           500112      —           NEV    owner, yubei            SCE
lj_park               CQ-LJ       两江数字园    EI     lj                      LJ (and SCE)
lj_co_owner           CQ-LJ       —           —      lj, owner               LJ
yuzhong               500103      —           NEV    other                   SCE
sichuan               510000      —           EI     other                   SCE (outside)
yubei_withdrawn       500112      仙桃数据谷    EI     yubei                   SCE, withdrawn
====================  ==========  ==========  =====  ======================  =============

Each project's value is a distinct power of two times ¥100 million, so a total read from any
figure (a bulletin, a statistic) names exactly the projects it counted (:func:`decode`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from taizhang.access.roles import Role
from taizhang.ledger.models import (
    Announcement,
    Category,
    ChainOwner,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    InvestorType,
    Park,
    Project,
    ProjectInvestor,
    Region,
    SigningMode,
)
from tests.support.accounts import make_user

UNIT = Decimal("100000000.00")  # ¥100 million
SCE = "T-SCE2021"
LJ = "T-LJ2021"

#: key: (region code, park, chain, investors, owner event, also announced at, withdrawn)
PROJECTS: dict[str, tuple[str, str | None, str | None, tuple[str, ...], str, tuple, bool]] = {
    "yubei_park": ("500112", "xiantao", "EI", ("yubei",), SCE, (), False),
    "yubei_owner": ("500112", None, "NEV", ("owner", "yubei"), SCE, (), False),
    "lj_park": ("CQ-LJ", "lj_park", "EI", ("lj",), LJ, (SCE,), False),
    "lj_co_owner": ("CQ-LJ", None, None, ("lj", "owner"), LJ, (), False),
    "yuzhong": ("500103", None, "NEV", ("other",), SCE, (), False),
    "sichuan": ("510000", None, "EI", ("other",), SCE, (), False),
    "yubei_withdrawn": ("500112", "xiantao", "EI", ("yubei",), SCE, (), True),
}
ALL = frozenset(PROJECTS)
CURRENT = frozenset(key for key, spec in PROJECTS.items() if not spec[6])
AT_SCE = frozenset(key for key, spec in PROJECTS.items() if SCE in (spec[4], *spec[5]))


def value_of(key: str) -> Decimal:
    """The project's contract value: 2^i × ¥100 million, i its place in :data:`PROJECTS`."""
    return UNIT * 2 ** list(PROJECTS).index(key)


def decode(total: Decimal) -> frozenset[str]:
    """The projects whose values add up to ``total`` (each value is one bit)."""
    bits = int(total / UNIT)
    assert total == UNIT * bits, f"{total} is not a sum of the ledger's project values"
    found = frozenset(key for i, key in enumerate(PROJECTS) if bits >> i & 1)
    assert sum(value_of(key) for key in found) == total
    return found


#: The users: name → (role, scopes).
USERS: dict[str, tuple[str | None, dict[str, Any]]] = {
    "bureau_admin": (Role.BUREAU_ADMIN, {}),
    "bureau_staff": (Role.BUREAU_STAFF, {}),
    "district_yubei": (Role.DISTRICT_OFFICER, {"regions": ["500112"]}),
    "district_lj": (Role.DISTRICT_OFFICER, {"regions": ["CQ-LJ"]}),
    "park_head": (Role.PARK_HEAD, {"parks": ["xiantao"]}),
    "chain_chief": (Role.CHAIN_CHIEF, {"chains": ["NEV"]}),
    "inspector": (Role.INSPECTOR, {}),
    "owner": (Role.PROJECT_OWNER, {"investor": "owner"}),
    "viewer": (Role.VIEWER, {}),
    "security_admin": (Role.SECURITY_ADMIN, {}),
    "auditor": (Role.AUDITOR, {}),
    # No role, and a superuser outside the demo: neither may do anything.
    "no_role": (None, {}),
    "superuser": (None, {"superuser": True}),
}


@dataclass
class ScopeLedger:
    """The ledger's objects by key, and the users by name."""

    regions: dict[str, Region] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    investors: dict[str, Investor] = field(default_factory=dict)
    parks: dict[str, Park] = field(default_factory=dict)
    chains: dict[str, IndustryChain] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    def keys_of(self, project_ids: Any) -> frozenset[str]:
        """Project keys for a collection of project ids."""
        by_id = {project.pk: key for key, project in self.projects.items()}
        return frozenset(by_id[pk] for pk in project_ids)


def build() -> ScopeLedger:
    """Write the ledger and its users (into an empty test database)."""
    ledger = ScopeLedger()
    ledger.regions = {r.code: r for r in Region.objects.filter(code__in=_REGION_CODES)}
    host = ledger.regions["500000"]
    for code, name, series, date, where in (
        (SCE, "2021智博会重点项目签约仪式", "T-SCE", datetime.date(2021, 8, 23), host),
        (LJ, "两江新区云签约", "T-LJ", datetime.date(2021, 8, 18), ledger.regions["CQ-LJ"]),
    ):
        scheme = ClassificationScheme.objects.create(code=f"{code}-SECTORS", name_zh=f"{name}行业")
        Category.objects.create(scheme=scheme, code="IM", name_zh="智能制造")
        ledger.events[code] = Event.objects.create(
            code=code,
            series=series,
            edition=2021,
            date=date,
            name_zh=name,
            host=where,
            sector_scheme=scheme,
        )
    ExchangeRate.objects.create(
        event=ledger.events[SCE], currency="USD", yuan_per_unit=Decimal("6.4768")
    )
    for key, name, kind in (
        ("yubei", "渝北智造有限公司", InvestorType.PRIVATE),
        ("owner", "某某集团有限公司", InvestorType.STATE),
        ("lj", "两江芯片有限公司", InvestorType.FOREIGN),
        ("other", "四川某某有限公司", InvestorType.PRIVATE),
    ):
        ledger.investors[key] = Investor.objects.create(name_zh=name, type=kind)
    ledger.parks["xiantao"] = Park.objects.create(
        region=ledger.regions["500112"], name_zh="仙桃数据谷", head_name="张三"
    )
    ledger.parks["lj_park"] = Park.objects.create(
        region=ledger.regions["CQ-LJ"], name_zh="两江数字经济产业园", head_name="李四"
    )
    for code, name in (("EI", "电子信息"), ("NEV", "新能源汽车")):
        ledger.chains[code] = IndustryChain.objects.create(code=code, name_zh=name)
    ChainOwner.objects.create(chain=ledger.chains["EI"], name="王五", organisation="某协会")
    for number, (key, spec) in enumerate(PROJECTS.items(), start=1):
        region, park, chain, investors, owner, also, withdrawn = spec
        event = ledger.events[owner]
        project = Project.objects.create(
            event=event,
            name=f"{key} 项目",
            project_code=f"T-{number:03d}",
            lead_investor=ledger.investors[investors[0]],
            value=value_of(key),
            mode=SigningMode.OFFLINE,
            signing_date=event.date,
            region=ledger.regions[region],
            sector=event.sector_scheme.categories.get(code="IM"),
            park=ledger.parks[park] if park else None,
            industry_chain=ledger.chains[chain] if chain else None,
            withdrawn_at=timezone.now() if withdrawn else None,
            withdrawal_reason="merged into another project" if withdrawn else "",
        )
        for position, investor in enumerate(investors):
            ProjectInvestor.objects.create(
                project=project, investor=ledger.investors[investor], position=position
            )
        for code in (owner, *also):
            Announcement.objects.create(project=project, event=ledger.events[code])
        ledger.projects[key] = project
    for name, (role, scopes) in USERS.items():
        ledger.users[name] = make_user(
            name,
            role,
            regions=[ledger.regions[code] for code in scopes.get("regions", ())],
            parks=[ledger.parks[key] for key in scopes.get("parks", ())],
            chains=[ledger.chains[code] for code in scopes.get("chains", ())],
            investor=ledger.investors[scopes["investor"]] if "investor" in scopes else None,
            superuser=scopes.get("superuser", False),
        )
    return ledger


_REGION_CODES = ("CN", "500000", "500112", "500103", "CQ-LJ", "510000")
