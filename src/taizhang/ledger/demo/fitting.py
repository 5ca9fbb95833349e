"""Deterministic fitting of project values to published group totals.

A published figure such as "offline 50 projects, ¥167.5 billion" fixes the sum of the values of
the projects in one group of one dimension (signing mode, sector, investor type). Each project is
a :class:`Slot` that belongs to one group in every dimension and whose value must stay inside its
band (so that "81 projects of ¥1 billion or more" stays true while the sums are fitted).

The fit works in whole units (the demo uses ¥10 million, i.e. ¥0.01 billion) so that every sum is
exact. Values start from a seeded random draw. Each value is then seen as its position in its
band expressed as odds (how far above the band's floor against how far below its ceiling); a
group that is off target has the odds of all its members multiplied by one factor, found by
bisection, which is raking on the odds scale: it keeps the order and spread of the draw and never
pushes a value out of its band. Groups are adjusted one after the other until all are within a
fraction of a unit; the values are then rounded, and what the rounding left is removed by moving
units between two projects that share their group in every other dimension, which changes one
dimension's sums and leaves the others as they are.

Only IEEE basic arithmetic and square roots are used on floats (no exp, log or pow), which are
correctly rounded on every platform, so the same seed gives the same values everywhere.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: dimension -> group -> target total (in units)
Targets = Mapping[str, Mapping[str, int]]


class FittingError(Exception):
    """The slots cannot be given values that meet every target within their bands."""


@dataclass
class Slot:
    """One project to be: its group in each dimension and the band [low, high] of its value."""

    labels: dict[str, str]
    low: int
    high: int
    value: int = 0

    def __post_init__(self) -> None:
        if not 0 < self.low <= self.high:
            raise FittingError(f"band [{self.low}, {self.high}] is empty or not positive")


def fit_values(
    slots: Sequence[Slot], targets: Targets, rng: random.Random, *, rounds: int = 500
) -> None:
    """Give every slot a value in its band so that every group sums to its target.

    Deterministic for a given ``rng`` state. Raises :class:`FittingError` when no fit is found.
    """
    check_feasible(slots, targets)
    members = {
        (dimension, group): [
            index for index, slot in enumerate(slots) if slot.labels[dimension] == group
        ]
        for dimension, groups in targets.items()
        for group in groups
    }
    odds = [_initial_odds(slot, rng) for slot in slots]
    for _ in range(rounds):
        worst = 0.0
        for (dimension, group), indexes in members.items():
            target = targets[dimension][group]
            group_slots = [slots[index] for index in indexes]
            group_odds = [odds[index] for index in indexes]
            worst = max(worst, abs(_real_total(group_slots, group_odds, 1.0) - target))
            factor = _odds_factor(group_slots, group_odds, target)
            for index in indexes:
                odds[index] *= factor
        if worst < 0.01:
            break
    for slot, slot_odds in zip(slots, odds, strict=True):
        slot.value = min(slot.high, max(slot.low, round(_real_value(slot, slot_odds))))
    for _ in range(rounds):
        if not residuals(slots, targets):
            return
        for (dimension, group), indexes in members.items():
            group_slots = [slots[index] for index in indexes]
            _spread(group_slots, targets[dimension][group] - sum(s.value for s in group_slots))
    _repair_with_transfers(slots, targets)
    left = residuals(slots, targets)
    if left:
        raise FittingError(f"groups still off target after repair: {left}")


def check_feasible(slots: Sequence[Slot], targets: Targets) -> None:
    """Raise :class:`FittingError` when a group's target lies outside what its bands allow."""
    for dimension, groups in targets.items():
        labelled = {slot.labels.get(dimension) for slot in slots}
        unknown = labelled - set(groups)
        if unknown:
            raise FittingError(f"{dimension}: slots in groups without a target: {unknown}")
        for group, target in groups.items():
            group_slots = [slot for slot in slots if slot.labels[dimension] == group]
            low = sum(slot.low for slot in group_slots)
            high = sum(slot.high for slot in group_slots)
            if not low <= target <= high:
                raise FittingError(
                    f"{dimension}={group}: target {target} outside [{low}, {high}] "
                    f"for its {len(group_slots)} slots"
                )


def residuals(slots: Sequence[Slot], targets: Targets) -> dict[tuple[str, str], int]:
    """Each group's distance from its target (total minus target), for the groups not on it."""
    off: dict[tuple[str, str], int] = {}
    for dimension, groups in targets.items():
        for group, target in groups.items():
            total = sum(slot.value for slot in slots if slot.labels[dimension] == group)
            if total != target:
                off[(dimension, group)] = total - target
    return off


def _initial_odds(slot: Slot, rng: random.Random) -> float:
    # A uniform draw in the band; the raking then pulls each group towards its target, which
    # for these figures means most values end in the lower part of their band, as in practice.
    draw = rng.random()
    value = slot.low + (slot.high - slot.low) * draw
    return (value - slot.low + 0.5) / (slot.high - value + 0.5)


def _real_value(slot: Slot, odds: float) -> float:
    return slot.low + (slot.high - slot.low) * odds / (1.0 + odds)


def _real_total(group_slots: Sequence[Slot], group_odds: Sequence[float], factor: float) -> float:
    return sum(
        _real_value(slot, odds * factor) for slot, odds in zip(group_slots, group_odds, strict=True)
    )


def _odds_factor(group_slots: Sequence[Slot], group_odds: Sequence[float], target: int) -> float:
    """The factor on every member's odds that brings the group's (real) total to ``target``."""
    low, high = 1e-12, 1e12
    for _ in range(200):
        middle = math.sqrt(low * high)  # bisection on a log scale, with a correctly rounded root
        if _real_total(group_slots, group_odds, middle) < target:
            low = middle
        else:
            high = middle
        if high / low < 1.0 + 1e-12:
            break
    return math.sqrt(low * high)


def _spread(group_slots: Sequence[Slot], difference: int) -> None:
    """Add ``difference`` to the group, in proportion to each slot's value, within the bands.

    Proportional shares keep the spread of values a seeded draw gave (a multiplicative
    adjustment, as in raking); a slot that reaches its band's edge takes no more, and what it
    could not take goes to the others.
    """
    if difference == 0 or not group_slots:
        return
    sign = 1 if difference > 0 else -1
    rooms = [slot.high - slot.value if sign > 0 else slot.value - slot.low for slot in group_slots]
    remaining = min(abs(difference), sum(rooms))
    open_slots = [index for index, room in enumerate(rooms) if room > 0]
    while remaining > 0 and open_slots:
        weights = {index: group_slots[index].value for index in open_slots}
        total_weight = sum(weights.values())
        exact = {index: remaining * weight / total_weight for index, weight in weights.items()}
        shares = {index: min(rooms[index], math.floor(share)) for index, share in exact.items()}
        leftover = remaining - sum(shares.values())
        # Largest remainders first; ties go to the earlier slot so nothing depends on luck.
        for index in sorted(open_slots, key=lambda i: (shares[i] - exact[i], i)):
            if leftover == 0:
                break
            if shares[index] < rooms[index]:
                shares[index] += 1
                leftover -= 1
        for index, share in shares.items():
            group_slots[index].value += sign * share
            rooms[index] -= share
            remaining -= share
        open_slots = [index for index in open_slots if rooms[index] > 0]


def _repair_with_transfers(slots: Sequence[Slot], targets: Targets) -> None:
    """Move units between slots that differ in one dimension only, until each group is on target."""
    dimensions = list(targets)
    for dimension in dimensions:
        others = [other for other in dimensions if other != dimension]
        while True:
            off = {
                group: difference
                for (dim, group), difference in residuals(slots, targets).items()
                if dim == dimension
            }
            donors = sorted(group for group, difference in off.items() if difference > 0)
            receivers = sorted(group for group, difference in off.items() if difference < 0)
            if not donors or not receivers:
                break
            pair = _transfer_pair(slots, dimension, others, donors[0], receivers[0])
            if pair is None:
                raise FittingError(
                    f"{dimension}: no pair of slots can move value from {donors[0]} "
                    f"to {receivers[0]} without disturbing another dimension"
                )
            giver, taker = pair
            amount = min(
                off[donors[0]],
                -off[receivers[0]],
                giver.value - giver.low,
                taker.high - taker.value,
            )
            giver.value -= amount
            taker.value += amount


def _transfer_pair(
    slots: Sequence[Slot], dimension: str, others: list[str], donor: str, receiver: str
) -> tuple[Slot, Slot] | None:
    for giver in slots:
        if giver.labels[dimension] != donor or giver.value <= giver.low:
            continue
        for taker in slots:
            if (
                taker.labels[dimension] == receiver
                and taker.value < taker.high
                and all(taker.labels[other] == giver.labels[other] for other in others)
            ):
                return giver, taker
    return None
