"""The ledger's models, one module per kind of thing."""

from taizhang.ledger.models.classification import (
    STRATEGIC_EMERGING_SCHEME,
    Category,
    ClassificationScheme,
)
from taizhang.ledger.models.events import Event, ExchangeRate
from taizhang.ledger.models.investors import Investor, InvestorType
from taizhang.ledger.models.organisation import ChainOwner, IndustryChain, Park
from taizhang.ledger.models.projects import (
    Announcement,
    Project,
    ProjectInvestor,
    ProjectType,
    SigningMode,
)
from taizhang.ledger.models.regions import Region

__all__ = [
    "STRATEGIC_EMERGING_SCHEME",
    "Announcement",
    "Category",
    "ChainOwner",
    "ClassificationScheme",
    "Event",
    "ExchangeRate",
    "IndustryChain",
    "Investor",
    "InvestorType",
    "Park",
    "Project",
    "ProjectInvestor",
    "ProjectType",
    "Region",
    "SigningMode",
]
