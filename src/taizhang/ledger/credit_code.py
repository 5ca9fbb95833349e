"""The unified social credit code (统一社会信用代码) of GB 32100-2015 and its check character."""

from __future__ import annotations

#: The 31 characters a code may use: digits and capitals without I, O, S, V and Z.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: The weight of each of the first 17 positions: 3 to the power of the position, modulo 31.
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    total = sum(
        ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid unified social credit code, or None when it is."""
    if len(code) != 18:
        return f"it has {len(code)} characters, a unified social credit code has 18"
    bad = sorted({char for char in code if char not in ALPHABET})
    if bad:
        return f"it contains {''.join(bad)!r}, which a unified social credit code never uses"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"its check character is {code[17]!r} but should be {expected!r}"
    return None


def normalise_credit_code(raw: str) -> str:
    """The code as stored: spaces removed, letters in capitals."""
    return "".join(raw.split()).upper()
