"""Verifying the chain: recompute every entry's hash, in order, and stop at the first break.

The entries are streamed in order of their number (flat memory whatever the record's size).
Entry *n* is intact when it follows entry *n − 1* (no number skipped), its ``prev_hash`` is
entry *n − 1*'s hash (the first's is :data:`~taizhang.audit.chain.GENESIS`), and its content
hashes to its ``entry_hash``. An altered entry fails the last test; a removed entry leaves a
gap; an inserted one carries a hash or a previous hash that does not fit.

A chain cannot show that entries were cut from its *end*, nor an end re-hashed by someone who
rewrote it whole: an anchor can. Give ``anchors``, head hashes noted earlier outside the
database (``audit verify`` and ``backup`` print them); each must still be in the chain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taizhang.audit import triggers
from taizhang.audit.chain import GENESIS, UnavailableAlgorithm, entry_content, hash_content
from taizhang.audit.models import ENTRY_COLUMNS, AuditEntry
from taizhang.i18n import join_list


class Break(StrEnum):
    """How the chain broke at an entry."""

    MISSING = "missing"  # entries before it are gone
    ALTERED = "altered"  # its content does not give its hash
    UNLINKED = "unlinked"  # its previous hash is not the hash of the entry before it
    ALGORITHM = "algorithm"  # its algorithm cannot be computed here
    ANCHOR = "anchor"  # an anchor noted earlier is no longer in the chain


@dataclass(frozen=True)
class Problem:
    """Where the chain breaks: ``entry`` is the first entry that does not match (for
    ``MISSING``, the first missing number); ``detail`` names the values involved."""

    kind: Break
    entry: int | None
    detail: str = ""


@dataclass
class Verification:
    """What verifying found: how many entries were checked, the head, and the first break."""

    count: int = 0
    head_id: int = 0
    head_hash: str = GENESIS
    algorithms: set[str] = field(default_factory=set)
    problem: Problem | None = None
    missing_triggers: list[str] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)  # anchor hash → entry number

    @property
    def intact(self) -> bool:
        """The chain is whole and its table still protected."""
        return self.problem is None and not self.missing_triggers


def verify_chain(
    *, using: str = DEFAULT_DB_ALIAS, anchors: Iterable[str] = (), chunk_size: int = 2000
) -> Verification:
    """Recompute the chain of ``using``'s audit record; see the module's description."""
    wanted = {anchor.strip().lower() for anchor in anchors if anchor.strip()}
    found = Verification(missing_triggers=triggers.missing(connections[using]))
    rows = (
        AuditEntry.objects.using(using)
        .order_by("id")
        .values_list(*ENTRY_COLUMNS)
        .iterator(chunk_size=chunk_size)
    )
    previous_id, previous_hash = 0, GENESIS
    for row in rows:
        values = dict(zip(ENTRY_COLUMNS, row, strict=True))
        number = values["id"]
        problem = _check(values, previous_id, previous_hash)
        if problem is not None:
            found.problem = problem
            break
        previous_id, previous_hash = number, values["entry_hash"]
        found.count += 1
        found.algorithms.add(values["algorithm"])
        if previous_hash in wanted:
            found.anchors[previous_hash] = number
    found.head_id, found.head_hash = previous_id, previous_hash
    if found.problem is None:
        for anchor in sorted(wanted - set(found.anchors)):
            found.problem = Problem(Break.ANCHOR, None, anchor)
            break
    return found


def _check(values: dict, previous_id: int, previous_hash: str) -> Problem | None:
    number = values["id"]
    if number != previous_id + 1:
        return Problem(Break.MISSING, previous_id + 1, str(number))
    if values["prev_hash"] != previous_hash:
        return Problem(Break.UNLINKED, number, values["prev_hash"])
    stored_hash = values.pop("entry_hash")
    try:
        computed = hash_content(entry_content(**values), values["algorithm"])
    except UnavailableAlgorithm:
        return Problem(Break.ALGORITHM, number, values["algorithm"])
    if computed != stored_hash:
        return Problem(Break.ALTERED, number, computed)
    values["entry_hash"] = stored_hash
    return None


def summary(found: Verification) -> str:
    """One sentence for an intact record: how many entries, and the head to note down."""
    if found.count == 0:
        return _("The audit record is intact: it holds no entries yet.")
    return ngettext(
        "The audit record is intact: %(count)d entry, head #%(head)d %(hash)s (%(algorithms)s).",
        "The audit record is intact: %(count)d entries, head #%(head)d %(hash)s (%(algorithms)s).",
        found.count,
    ) % {
        "count": found.count,
        "head": found.head_id,
        "hash": found.head_hash,
        "algorithms": join_list(sorted(found.algorithms)),
    }


def explain(found: Verification) -> list[str]:
    """What is wrong, one paragraph per finding, each saying what to do; empty when intact."""
    lines: list[str] = []
    problem = found.problem
    if problem is not None:
        lines.append(_describe(problem, found))
        lines.append(
            ngettext(
                "The %(count)d entry before it is intact (up to #%(head)d %(hash)s).",
                "The %(count)d entries before it are intact (up to #%(head)d %(hash)s).",
                found.count,
            )
            % {"count": found.count, "head": found.head_id, "hash": found.head_hash}
            if found.count
            else _("No entry before it could be confirmed.")
        )
    if found.missing_triggers:
        lines.append(
            ngettext(
                "The audit table is not protected: the trigger %(names)s that refuses changes "
                "to it is missing or disabled. Run `taizhang audit protect` to put it back, "
                "then find out who removed it.",
                "The audit table is not protected: the triggers %(names)s that refuse changes "
                "to it are missing or disabled. Run `taizhang audit protect` to put them back, "
                "then find out who removed them.",
                len(found.missing_triggers),
            )
            % {"names": join_list(found.missing_triggers)}
        )
    if lines:
        lines.append(_("See docs/audit.md, “When verify fails”, for what to do next."))
    return lines


def _describe(problem: Problem, found: Verification) -> str:
    if problem.kind is Break.MISSING:
        following = int(problem.detail)
        values = {
            "first": problem.entry,
            "last": following - 1,
            "previous": found.head_id,
            "next": following,
        }
        if problem.entry == following - 1:
            return (
                _(
                    "Entry %(first)d does not match: it is missing, so it was removed from the "
                    "record (the entry after #%(previous)d is #%(next)d)."
                )
                % values
            )
        return (
            _(
                "Entry %(first)d does not match: entries %(first)d to %(last)d are missing, so "
                "they were removed from the record (the entry after #%(previous)d is #%(next)d)."
            )
            % values
        )
    if problem.kind is Break.UNLINKED:
        return _(
            "Entry %(entry)d does not match: its previous hash is not the hash of entry "
            "%(previous)d, so the entry before it was replaced or entry %(entry)d was inserted."
        ) % {"entry": problem.entry, "previous": found.head_id}
    if problem.kind is Break.ALTERED:
        return _(
            "Entry %(entry)d does not match: its content no longer gives its stored hash, so it "
            "was altered (or forged) after it was written."
        ) % {"entry": problem.entry}
    if problem.kind is Break.ALGORITHM:
        return _(
            "Entry %(entry)d cannot be checked: it was hashed with %(algorithm)s, which this "
            "machine's Python and OpenSSL do not offer. Verify on a machine that has it."
        ) % {"entry": problem.entry, "algorithm": problem.detail}
    return _(
        "The chain no longer holds the entry with the hash %(hash)s noted earlier: entries were "
        "removed from its end, or the record was rewritten."
    ) % {"hash": problem.detail}
