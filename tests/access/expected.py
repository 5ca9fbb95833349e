"""What each user of the scope ledger may see and change, written out by hand.

These tables are the rights of docs/access.md applied to :mod:`tests.access.scope_ledger`;
they are not computed by the code under test.
"""

from __future__ import annotations

from taizhang.access.restrict import ADD, AGGREGATE, CHANGE, VIEW
from tests.access.scope_ledger import ALL, USERS

NONE: frozenset[str] = frozenset()

YUBEI = frozenset({"yubei_park", "yubei_owner", "yubei_withdrawn"})
LIANGJIANG = frozenset({"lj_park", "lj_co_owner"})
XIANTAO_PARK = frozenset({"yubei_park", "yubei_withdrawn"})
NEV_CHAIN = frozenset({"yubei_owner", "yuzhong"})
OWNERS = frozenset({"yubei_owner", "lj_co_owner"})

#: Projects each user may see (``view``), including withdrawn ones.
VIEW_PROJECTS: dict[str, frozenset[str]] = {
    "bureau_admin": ALL,
    "bureau_staff": ALL,
    "district_yubei": YUBEI,
    "district_lj": LIANGJIANG,
    "park_head": XIANTAO_PARK,
    "chain_chief": NEV_CHAIN,
    "inspector": ALL,
    "owner": OWNERS,
    "viewer": NONE,
    "security_admin": NONE,
    "auditor": NONE,
    "no_role": NONE,
    "superuser": NONE,
}

PROJECTS: dict[str, dict[str, frozenset[str]]] = {
    VIEW: VIEW_PROJECTS,
    # Figures: the viewer counts every project; everyone else what they see.
    AGGREGATE: {**VIEW_PROJECTS, "viewer": ALL},
    # The inspector reads all and changes none.
    CHANGE: {**VIEW_PROJECTS, "inspector": NONE},
    # A project owner changes their projects but adds none.
    ADD: {**VIEW_PROJECTS, "inspector": NONE, "owner": NONE},
}

#: Investors each user may see: those of the projects they see, and a project owner's own.
VIEW_INVESTORS: dict[str, frozenset[str]] = {
    "bureau_admin": frozenset({"yubei", "owner", "lj", "other"}),
    "bureau_staff": frozenset({"yubei", "owner", "lj", "other"}),
    "district_yubei": frozenset({"yubei", "owner"}),
    "district_lj": frozenset({"lj", "owner"}),
    "park_head": frozenset({"yubei"}),
    "chain_chief": frozenset({"owner", "yubei", "other"}),
    "inspector": frozenset({"yubei", "owner", "lj", "other"}),
    "owner": frozenset({"owner", "yubei", "lj"}),
    "viewer": NONE,
    "security_admin": NONE,
    "auditor": NONE,
    "no_role": NONE,
    "superuser": NONE,
}

#: Who reads reference data (regions, events, parks, chains, classifications): every role
#: that works with the ledger, the viewer included; not the security administrator or the
#: auditor.
LEDGER_USERS = frozenset(USERS) - {"security_admin", "auditor", "no_role", "superuser"}
#: Who reads published bulletins: the roles whose figures cover the whole ledger.
BULLETIN_READERS = frozenset({"bureau_admin", "bureau_staff", "inspector", "viewer"})
#: Who reads the audit record.
AUDIT_READERS = frozenset({"auditor"})
#: Who sees every account (everyone else sees their own).
ACCOUNT_READERS = frozenset({"security_admin"})
