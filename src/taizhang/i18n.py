"""Lists inside messages, joined as a reader of the active language expects.

English separates list items with ", " and clauses with "; "; Chinese uses 、 and ；. A bare
``", ".join(...)`` inside a translated sentence would leave ASCII commas between Chinese
words, and a bare ``_(", ")`` would share one msgid between separators that Chinese writes
differently. Each separator here is its own message, with a context naming what it separates.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def join_list(items: Iterable[object]) -> str:
    """Items of a list inside a sentence: ``a, b, c`` in English, ``甲、乙、丙`` in Chinese."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


def join_clauses(clauses: Iterable[object]) -> str:
    """Clauses that each hold a list of their own: ``a, b; c`` in English, ``甲、乙；丙``."""
    return pgettext("clause separator", "; ").join(str(clause) for clause in clauses)


def join_alternatives(items: Iterable[object]) -> str:
    """Items to choose from: ``a``, ``a or b``, ``a, b or c``; ``甲、乙或丙`` in Chinese."""
    listed = [str(item) for item in items]
    if len(listed) <= 1:
        return "".join(listed)
    return _("%(first)s or %(last)s") % {"first": join_list(listed[:-1]), "last": listed[-1]}
