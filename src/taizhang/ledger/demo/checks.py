"""Checks that a demo ledger reproduces every published figure, before and after it is written.

The same checks run on the generated rows (so a ledger that misses a figure is never written) and
on what the database holds after writing, inside the same transaction (so a mistake in writing,
such as a region outside its host, undoes the whole write).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from taizhang.ledger.credit_code import credit_code_problem
from taizhang.ledger.demo.figures import (
    BILLION,
    CHANGES_ON_PREVIOUS_EDITION,
    FIGURES,
    SHARED_EVENTS,
    USD_FIGURES,
    Row,
    bn,
)
from taizhang.ledger.demo.places import CHONGQING, LANDING_BY_CODE
from taizhang.ledger.demo.specs import DemoLedger
from taizhang.ledger.normalise import normalise_name

CENT = Decimal("0.01")


class DemoFiguresError(Exception):
    """The demo ledger misses published figures; ``problems`` says which and by how much."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a whole percentage of ``whole``, rounded half up as bulletins round."""
    return (part * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def usd_billions(yuan: Decimal, yuan_per_dollar: Decimal) -> Decimal:
    """A yuan amount in US$ billions: to the cent at the event's rate, then to 0.01 billion."""
    dollars = (yuan / yuan_per_dollar).quantize(CENT, rounding=ROUND_HALF_UP)
    return (dollars / BILLION).quantize(CENT, rounding=ROUND_HALF_UP)


def within_host(region: str, host: str) -> bool:
    """Whether the demo region ``region`` lies in ``host`` (from the demo's own tables)."""
    return region == host or (host == CHONGQING and region in LANDING_BY_CODE)


def rows_from_ledger(ledger: DemoLedger) -> list[Row]:
    """One row per project per event that announced it, from the generated ledger."""
    hosts = {event.code: event.host for event in ledger.events}
    rows = []
    for project in ledger.projects:
        lead = ledger.investor(project.investors[0])
        for event in project.events:
            rows.append(
                Row(
                    project=project.key,
                    event=event,
                    owner=project.event,
                    name=project.name,
                    lead_investor=lead.name_zh,
                    value=project.value,
                    mode=project.mode_at(event),
                    sector=project.sector_at(event),
                    investor_type=lead.type,
                    in_host=within_host(project.region, hosts[event]),
                    strategic_emerging=project.strategic_emerging,
                )
            )
    return rows


def check_figures(rows: Iterable[Row], usd_rates: Mapping[str, Decimal]) -> list[str]:
    """Every published figure the rows miss, in words; an empty list when all are met."""
    by_event: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_event[row.event].append(row)
    problems = []
    for figure in FIGURES:
        event_rows = by_event[figure.event]
        selected = [
            row for row in event_rows if (row.in_host or not figure.host_only) and figure.where(row)
        ]
        count, value = len(selected), sum((row.value for row in selected), Decimal(0))
        where = f"{figure.event} {figure.label}"
        if figure.count is not None and count != figure.count:
            problems.append(f"{where}: {count} projects, published {figure.count}")
        if figure.value is not None and value != figure.value:
            problems.append(f"{where}: ¥{value} in all, published ¥{figure.value}")
        if figure.share_percent is not None:
            total = sum((row.value for row in event_rows if row.in_host), Decimal(0))
            share = percent(value, total) if total else None
            if share != figure.share_percent:
                problems.append(f"{where}: {share}% of value, published {figure.share_percent}%")
    problems += _check_dollars(by_event, usd_rates)
    problems += _check_changes(by_event)
    problems += _check_shared(by_event)
    return problems


def _host_total(rows: list[Row]) -> Decimal:
    return sum((row.value for row in rows if row.in_host), Decimal(0))


def _check_dollars(
    by_event: Mapping[str, list[Row]], usd_rates: Mapping[str, Decimal]
) -> list[str]:
    problems = []
    for event, published in USD_FIGURES.items():
        rate = usd_rates.get(event)
        stated = usd_billions(_host_total(by_event[event]), rate) if rate else None
        if stated != published:
            problems.append(f"{event}: US${stated} billion at rate {rate}, published {published}")
    return problems


def _check_changes(by_event: Mapping[str, list[Row]]) -> list[str]:
    problems = []
    for (event, previous, threshold), published in CHANGES_ON_PREVIOUS_EDITION.items():
        counts = [
            sum(1 for row in by_event[name] if row.in_host and row.value >= bn(threshold))
            for name in (event, previous)
        ]
        if counts[0] - counts[1] != published:
            problems.append(
                f"{event}: {counts[0] - counts[1]:+d} projects of ¥{threshold}bn or more "
                f"on {previous}, published {published:+d}"
            )
    return problems


def _check_shared(by_event: Mapping[str, list[Row]]) -> list[str]:
    """Projects announced at both events exist, and totals over both count each once."""
    first, second = (by_event[event] for event in SHARED_EVENTS)
    shared = {row.project for row in first} & {row.project for row in second}
    if not shared:
        return [f"no project is announced at both {' and '.join(SHARED_EVENTS)}"]
    owned = {row.project: row for row in first + second if row.owner in SHARED_EVENTS}
    announced = {row.project for row in first + second}
    if set(owned) != announced:
        return [f"projects announced at {SHARED_EVENTS} are owned elsewhere"]
    return []


def check_ledger(ledger: DemoLedger) -> list[str]:
    """Problems with the generated ledger: every figure, and what the models require."""
    rates = {event.code: event.usd_rate for event in ledger.events if event.usd_rate}
    problems = check_figures(rows_from_ledger(ledger), rates)
    codes = [investor.credit_code for investor in ledger.investors if investor.credit_code]
    for code in codes:
        problem = credit_code_problem(code)
        if problem:
            problems.append(f"investor credit code {code}: {problem}")
    if len(set(codes)) != len(codes):
        problems.append("two investors share a credit code")
    keys = [normalise_name(investor.name_zh) for investor in ledger.investors]
    if len(set(keys)) != len(keys):
        problems.append("two investors share a name")
    project_codes = [p.project_code for p in ledger.projects if p.project_code]
    if len(set(project_codes)) != len(project_codes):
        problems.append("two projects share a project code")
    names = [(p.event, normalise_name(p.name)) for p in ledger.projects]
    if len(set(names)) != len(names):
        problems.append("two projects of one event share a name")
    if not any(p.event == "SCE2021" and p.value >= bn("10") for p in ledger.projects):
        problems.append("SCE2021 has no project of ¥10 billion or more")
    return problems
