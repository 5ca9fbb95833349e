"""Creating signing events, with their host region, sector classification and exchange rates."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from taizhang.access.acting import acting_user
from taizhang.access.refusals import who
from taizhang.access.restrict import ADD, CHANGE, permits
from taizhang.audit.recorder import record, values_of
from taizhang.ledger.models import ClassificationScheme, Event, ExchangeRate, Region
from taizhang.ledger.regions import RegionLookup, RegionLookupError

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class EventError(ValueError):
    """An event cannot be created as asked; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class EventSpec:
    """What the user asked for, as text, before validation."""

    code: str
    name_en: str
    name_zh: str
    series: str
    edition: int
    date: str
    host: str
    venue_zh: str = ""
    venue_en: str = ""
    rates: dict[str, str] = field(default_factory=dict)
    sector_scheme: str | None = None


def parse_rate_argument(text: str) -> tuple[str, str]:
    """``USD=6.4768`` → ``("USD", "6.4768")``; raises :class:`EventError` on another form."""
    currency, sep, rate = text.partition("=")
    if not sep:
        raise EventError(
            [_("“%(value)s” is not a rate; write it as CUR=RATE, e.g. USD=6.48.") % {"value": text}]
        )
    return currency.strip().upper(), rate.strip()


def create_event(spec: EventSpec) -> Event:
    """Validate ``spec`` and create the event, its rates and (unless shared) its sector scheme.

    Every problem is collected before anything is written, and the writes are one transaction.
    The acting user (``--as``) must be one who adds events: the bureau's staff or
    administrator. The event's own sector classification comes with it.
    """
    user = acting_user()
    if not permits(user, Event, ADD):
        raise EventError(
            [
                _(
                    "%(name)s (%(role)s) may not add signing events: the bureau's staff and "
                    "administrator add them."
                )
                % who(user)
            ]
        )
    problems: list[str] = []
    if not _CODE.match(spec.code):
        problems.append(
            _("The code “%(code)s” must be 1–32 letters, digits, - or _, e.g. SCE2021.")
            % {"code": spec.code}
        )
    elif Event.objects.filter(code__iexact=spec.code).exists():
        problems.append(_("An event with the code %(code)s already exists.") % {"code": spec.code})
    if not (spec.name_en.strip() or spec.name_zh.strip()):
        problems.append(_("The event needs a name (--name or --name-zh)."))
    if not spec.series.strip():
        problems.append(_("The series must not be empty (e.g. SCE)."))
    if not 1900 <= spec.edition <= 2200:
        problems.append(_("The edition %(edition)s is not a year.") % {"edition": spec.edition})
    existing = Event.objects.filter(series=spec.series.strip(), edition=spec.edition).first()
    if existing:
        problems.append(
            _("The %(series)s series already has its %(edition)s edition: %(code)s.")
            % {"series": spec.series, "edition": spec.edition, "code": existing.code}
        )
    date = _parse_date(spec.date, problems)
    host = _resolve_host(spec.host, problems)
    rates = _parse_rates(spec.rates, problems)
    scheme = None
    if spec.sector_scheme:
        scheme = ClassificationScheme.objects.filter(code=spec.sector_scheme).first()
        if scheme is None:
            problems.append(
                _("No classification scheme has the code %(code)s.") % {"code": spec.sector_scheme}
            )
    if problems:
        raise EventError(problems)

    with transaction.atomic():
        if scheme is None:
            scheme = ClassificationScheme.objects.create(
                code=f"{spec.code}-SECTORS",
                name_zh=f"{spec.name_zh or spec.name_en}行业领域",
                name_en=f"{spec.name_en or spec.name_zh} reporting sectors",
            )
            record(
                "classification_scheme.create",
                "classification_scheme",
                scheme.pk,
                None,
                values_of(scheme),
            )
        event = Event.objects.create(
            code=spec.code,
            name_zh=spec.name_zh.strip() or spec.name_en.strip(),
            name_en=spec.name_en.strip(),
            series=spec.series.strip(),
            edition=spec.edition,
            date=date,
            venue_zh=spec.venue_zh,
            venue_en=spec.venue_en,
            host=host,
            sector_scheme=scheme,
        )
        ExchangeRate.objects.bulk_create(
            ExchangeRate(event=event, currency=currency, yuan_per_unit=rate)
            for currency, rate in rates.items()
        )
        record(
            "event.create",
            "event",
            event.pk,
            None,
            {**values_of(event), "rates": dict(sorted(rates.items()))},
        )
    return event


def set_rates(event_code: str, raw: dict[str, str]) -> Event:
    """Add or change exchange rates (yuan per unit) of an existing event, in one transaction,
    as the acting user, who must be one who sets rates: the bureau's staff or administrator."""
    user = acting_user()
    if not (permits(user, ExchangeRate, ADD) and permits(user, ExchangeRate, CHANGE)):
        raise EventError(
            [
                _(
                    "%(name)s (%(role)s) may not change the exchange rates of an event: the "
                    "bureau's staff and administrator set them."
                )
                % who(user)
            ]
        )
    event = Event.objects.filter(code__iexact=event_code).first()
    problems: list[str] = []
    if event is None:
        problems.append(
            _("No event has the code %(code)s; “taizhang events list” shows them.")
            % {"code": event_code}
        )
    if not raw:
        problems.append(_("Give at least one rate as CUR=RATE, e.g. USD=6.4768."))
    rates = _parse_rates(raw, problems)
    if problems:
        raise EventError(problems)
    with transaction.atomic():
        before = _rates_of(event)
        for currency, rate in rates.items():
            ExchangeRate.objects.update_or_create(
                event=event, currency=currency, defaults={"yuan_per_unit": rate}
            )
        after = _rates_of(event)
        if after != before:
            changed = sorted(
                currency for currency in after if after[currency] != before.get(currency)
            )
            record(
                "event.rates",
                "event",
                event.pk,
                {"rates": {currency: before.get(currency) for currency in changed}},
                {"rates": {currency: after[currency] for currency in changed}},
            )
    return event


def _rates_of(event: Event) -> dict[str, Decimal]:
    """An event's exchange rates as they are stored, by currency."""
    return dict(
        ExchangeRate.objects.filter(event=event)
        .order_by("currency")
        .values_list("currency", "yuan_per_unit")
    )


def _parse_date(text: str, problems: list[str]) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        problems.append(
            _("The date “%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2021-08-23.")
            % {"value": text}
        )
        return None


def _resolve_host(text: str, problems: list[str]) -> Region | None:
    try:
        return RegionLookup.from_database().resolve(text)
    except RegionLookupError as error:
        problems.append(_("Host region: %(message)s") % {"message": error.message})
        return None


def _parse_rates(raw: dict[str, str], problems: list[str]) -> dict[str, Decimal]:
    rates: dict[str, Decimal] = {}
    for currency, text in raw.items():
        if not _CURRENCY.match(currency) or currency == "CNY":
            problems.append(
                _("“%(currency)s” is not a foreign currency code (three letters, e.g. USD).")
                % {"currency": currency}
            )
            continue
        try:
            rate = Decimal(text)
        except InvalidOperation:
            rate = Decimal(0)
        if not rate.is_finite() or rate <= 0 or rate.as_tuple().exponent < -10:
            problems.append(
                _(
                    "The %(currency)s rate “%(value)s” must be a positive number of yuan per unit "
                    "with at most 10 decimals."
                )
                % {"currency": currency, "value": text}
            )
            continue
        rates[currency] = rate
    return rates
