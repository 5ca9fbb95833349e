"""Fictional people of the demo: park heads, chain chiefs, chain owners, responsible persons."""

from __future__ import annotations

import random

from taizhang.ledger.demo import vocabulary as words


class People:
    """Gives each role a distinct fictional name, and the same name when asked again."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._by_role: dict[str, str] = {}
        self._taken: set[str] = set()

    def name(self, role: str) -> str:
        """The person holding ``role`` (any stable key, e.g. ``"park-head:lj-digital"``)."""
        if role not in self._by_role:
            while True:
                candidate = self._rng.choice(words.SURNAMES) + self._rng.choice(words.GIVEN_NAMES)
                if candidate not in self._taken:
                    break
            self._taken.add(candidate)
            self._by_role[role] = candidate
        return self._by_role[role]

    def roles(self) -> dict[str, str]:
        """Every role named so far and its person."""
        return dict(self._by_role)
