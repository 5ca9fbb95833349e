"""Normalised names, so that the same project or investor written two ways is found as one."""

from __future__ import annotations

import re
import unicodedata

# Everything that is not a letter or digit in any script: spaces, punctuation, brackets.
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_name(name: str) -> str:
    """A matching key: full-width folded to half-width (NFKC), case folded, punctuation removed.

    ``"重庆（两江）智能 工厂 项目"`` and ``"重庆(两江)智能工厂项目"`` give the same key.
    """
    # An import computes a key for every project and investor it reads, so the common cases
    # are short-cut, to the same result as the general path (tests/ledger/test_normalise.py
    # proves each step over every character): NFKC leaves ASCII alone and ASCII's case
    # folding is lower(); and str.isalnum() is true exactly when _NOT_WORD finds nothing.
    folded = name.lower() if name.isascii() else unicodedata.normalize("NFKC", name).casefold()
    if folded.isalnum():
        return folded
    return _NOT_WORD.sub("", folded)
