"""The demo ledger: every signing figure the city published, reproduced by individual projects.

``build_demo_ledger()`` writes it into an empty database (``taizhang demo`` calls it); the
modules beside this one generate it as plain data first (``generate``), fit the values to the
published figures (``fitting``), and check it against them (``figures``, ``checks``).
See docs/demo.md.
"""

from taizhang.ledger.demo.checks import DemoFiguresError
from taizhang.ledger.demo.generate import SEED, generate_demo_ledger
from taizhang.ledger.demo.writer import DemoError, DemoSummary, EventSummary, build_demo_ledger

__all__ = [
    "SEED",
    "DemoError",
    "DemoFiguresError",
    "DemoSummary",
    "EventSummary",
    "build_demo_ledger",
    "generate_demo_ledger",
]
