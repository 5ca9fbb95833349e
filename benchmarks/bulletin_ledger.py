"""A large ledger for the bulletin benchmark: N projects over E editions of one series, fast.

What the city's ledger looks like after twenty years of the Smart China Expo (series ``SCE``,
editions ``SCE2007`` … ``SCE2026``), scaled to any size: each edition has its own sector
classification (four to seven sectors and "other"); projects are signed in the hall, online
(from 2020) or off-site; contract values run from ¥0.5 to ¥50 billion in steps of ¥10 million,
most of them a few billion; a few thousand investors of the four types sign them, the large
groups again and again; they land in Chongqing's districts, counties and functional areas, about
3% in other provinces. A companion series, the Liangjiang New Area's cloud signings (``LJCS``,
hosted by CQ-LJ, a few days before each Expo), owns 2% of the projects and announces most of
them at the same year's Expo too, and some Expo projects are announced at the cloud signing:
both kinds of link an event's bulletin must count. Most linked announcements give the project a
sector of their event's own classification, some a signing mode of their own.

The model's invariants hold as the application keeps them: every project has an announcement
at the event owning it (which leaves sector and mode to the project's own), its lead investor
is its investor at position 0, ``name_key`` is the normalised name, foreign-currency projects
keep their original amount; :func:`check_sample` validates a sample with the models' own
checks. Reference rows (schemes, events, investors, parks, chains) are written through the ORM;
the projects, announcements and project investors — millions of rows — are written by
``benchmarks.bulletin_writer`` (``COPY`` on PostgreSQL, ``executemany`` on SQLite, indexes
built at the end), one transaction in all, with explicit ids so that the three tables can be
written independently. What the rows are drawn from is in ``benchmarks.bulletin_vocabulary``.
The same shape and seed give the same ledger.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from benchmarks.bulletin_vocabulary import (
    CENT,
    CHONGQING_WEIGHTS,
    CLOUD_SECTORS,
    INDUSTRY_CHAINS,
    INVESTOR_PROFILES,
    LINKED_OWN_MODE,
    LINKED_OWN_SECTOR,
    MODE_WEIGHTS_BEFORE_2020,
    MODE_WEIGHTS_ONLINE,
    OTHER_SECTOR,
    OTHER_SECTOR_WEIGHT,
    OUTSIDE_WEIGHTS,
    PARK_THEMES,
    PROJECT_TYPES,
    SECTOR_POOL,
    USD_RATES,
)
from benchmarks.bulletin_writer import BulkWriter, text
from taizhang.ledger.models import (
    STRATEGIC_EMERGING_SCHEME,
    Announcement,
    Category,
    ClassificationScheme,
    Event,
    ExchangeRate,
    IndustryChain,
    Investor,
    Park,
    Project,
    ProjectInvestor,
    Region,
    SigningMode,
)
from taizhang.ledger.normalise import normalise_name

SERIES = "SCE"
COMPANION_SERIES = "LJCS"
LAST_EDITION = 2026
#: The amounts projects are signed in: ¥10 million, i.e. ¥0.01 billion.
UNIT = Decimal(10_000_000)
MIN_UNITS, MAX_UNITS = 50, 5_000  # ¥0.5 to ¥50 billion
#: Share of each year's projects owned by the companion cloud signing, and how they are linked.
COMPANION_SHARE = 0.02
COMPANION_ALSO_AT_EXPO = 0.6
EXPO_ALSO_AT_COMPANION = 0.05  # of the Expo's projects landing in Liangjiang
OUTSIDE_SHARE = 0.03
WITHDRAWN_SHARE = 0.004
FOREIGN_CURRENCY_SHARE = 0.01
CO_INVESTOR_SHARE = 0.1


@dataclass(frozen=True)
class Shape:
    """How large a ledger to make: ``projects`` in all, over ``editions`` of the series."""

    projects: int
    editions: int
    seed: int = 4

    def __post_init__(self) -> None:
        if self.editions < 1 or self.editions > LAST_EDITION - 1900:
            raise ValueError(f"editions must be between 1 and {LAST_EDITION - 1900}")
        if self.projects < 10 * self.editions:
            raise ValueError("give at least 10 projects per edition")

    @property
    def years(self) -> range:
        return range(LAST_EDITION - self.editions + 1, LAST_EDITION + 1)

    @property
    def investors(self) -> int:
        """A few thousand investors for a million projects; fewer for a small ledger."""
        return max(100, min(3_000, self.projects // 300))


def event_code(series: str, year: int) -> str:
    return f"{series}{year}"


# --- weighted choices ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Weighted:
    """Items with weights, drawn many at a time."""

    items: tuple[object, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, weights: dict[object, float]) -> Weighted:
        return cls(tuple(weights), tuple(accumulate(weights.values())))

    def draw(self, rng: random.Random, k: int) -> list[object]:
        return rng.choices(self.items, cum_weights=self.cumulative, k=k)


# --- reference rows ------------------------------------------------------------------------------


@dataclass
class Reference:
    """The rows projects point at, by what the generator draws them by."""

    host: Region
    liangjiang: Region
    regions: Weighted  # within Chongqing
    outside: Weighted
    region_names: dict[int, str]
    region_ids: dict[str, int]
    sectors: dict[int, Weighted] = field(default_factory=dict)  # event id → its categories
    events: dict[tuple[str, int], Event] = field(default_factory=dict)
    investors: list[tuple[int, str]] = field(default_factory=list)  # id, short name
    parks: dict[int, list[int]] = field(default_factory=dict)  # region id → park ids
    chains: list[int] = field(default_factory=list)
    strategic_categories: list[int] = field(default_factory=list)


def _regions() -> Reference:
    by_code = {region.code: region for region in Region.objects.all()}
    host = by_code["500000"]
    within = [r for r in by_code.values() if r.is_within(host) and r.pk != host.pk]
    weights = {r.pk: float(CHONGQING_WEIGHTS.get(r.code, 1)) for r in within}
    return Reference(
        host=host,
        liangjiang=by_code["CQ-LJ"],
        regions=Weighted.of(weights),
        outside=Weighted.of({by_code[c].pk: float(w) for c, w in OUTSIDE_WEIGHTS.items()}),
        region_names={r.pk: r.name_zh for r in by_code.values()},
        region_ids={code: r.pk for code, r in by_code.items()},
    )


def _usd_rate(year: int) -> Decimal:
    return USD_RATES.get(year, Decimal("7.0"))


def _scheme_sectors(year: int) -> list[tuple[str, str, str, int]]:
    """Four to seven sectors of the pool, different from one year to the next."""
    rng = random.Random(year)
    count = 4 + year % 4
    return sorted(rng.sample(SECTOR_POOL, count), key=lambda sector: -sector[3])


def _scheme(
    code: str, name_zh: str, name_en: str, sectors: Sequence[tuple[str, str, str, int]]
) -> tuple[ClassificationScheme, Weighted]:
    """A sector classification of ``sectors`` and "other", and how often projects fall in each."""
    scheme = ClassificationScheme.objects.create(code=code, name_zh=name_zh, name_en=name_en)
    categories = Category.objects.bulk_create(
        [
            Category(scheme=scheme, code=code, name_zh=zh, name_en=en, position=position)
            for position, (code, zh, en, _weight) in enumerate(sectors, start=1)
        ]
        + [
            Category(
                scheme=scheme,
                code=OTHER_SECTOR[0],
                name_zh=OTHER_SECTOR[1],
                name_en=OTHER_SECTOR[2],
                position=99,
                is_other=True,
            )
        ]
    )
    total = sum(weight for *_rest, weight in sectors)
    weights = {
        category.pk: (1 - OTHER_SECTOR_WEIGHT) * weight / total
        for category, (*_rest, weight) in zip(categories, sectors, strict=False)
    }
    weights[categories[-1].pk] = OTHER_SECTOR_WEIGHT
    return scheme, Weighted.of(weights)


def _events(reference: Reference, shape: Shape) -> None:
    cloud_scheme, cloud_sectors = _scheme(
        f"{COMPANION_SERIES}-SECTORS",
        "两江新区云签约项目行业分类",
        "Liangjiang cloud signing sectors",
        CLOUD_SECTORS,
    )
    for year in shape.years:
        scheme, sectors = _scheme(
            f"{SERIES}{year}-SECTORS",
            f"{year}年智博会签约项目行业分类",
            f"SCE {year} signing sectors",
            _scheme_sectors(year),
        )
        expo = Event.objects.create(
            code=event_code(SERIES, year),
            name_zh=f"{year}中国国际智能产业博览会重大项目签约仪式",
            name_en=f"Smart China Expo {year} Key Projects Signing Ceremony",
            series=SERIES,
            edition=year,
            date=datetime.date(year, 8, 23),
            venue_zh="重庆国际博览中心",
            venue_en="Chongqing International Expo Center",
            host=reference.host,
            sector_scheme=scheme,
        )
        ExchangeRate.objects.create(event=expo, currency="USD", yuan_per_unit=_usd_rate(year))
        cloud = Event.objects.create(
            code=event_code(COMPANION_SERIES, year),
            name_zh=f"{year}两江新区云签约活动",
            name_en=f"Liangjiang New Area cloud signing {year}",
            series=COMPANION_SERIES,
            edition=year,
            date=datetime.date(year, 8, 18),
            host=reference.liangjiang,
            sector_scheme=cloud_scheme,
        )
        reference.events[SERIES, year] = expo
        reference.events[COMPANION_SERIES, year] = cloud
        reference.sectors[expo.pk] = sectors
        reference.sectors[cloud.pk] = cloud_sectors


def _investors(reference: Reference, shape: Shape, rng: random.Random) -> None:
    origins = reference.region_ids
    kinds = Weighted.of({kind: profile[0] for kind, profile in INVESTOR_PROFILES.items()})
    investors = []
    for number, kind in enumerate(kinds.draw(rng, shape.investors), start=1):
        _share, fortune, origin_weights = INVESTOR_PROFILES[kind]  # type: ignore[index]
        (origin,) = Weighted.of(origin_weights).draw(rng, 1)  # type: ignore[arg-type]
        name = f"基准{_TYPE_WORDS[kind]}投资集团{number:05d}有限公司"  # type: ignore[index]
        investors.append(
            Investor(
                name_zh=name,
                name_en=f"Benchmark {kind} investor {number:05d} Ltd",
                name_key=normalise_name(name),
                type=kind,
                origin_id=origins[origin] if origin else None,  # type: ignore[index]
                fortune_global_500=rng.random() < fortune,
                china_top_500=rng.random() < fortune * 2,
            )
        )
    created = Investor.objects.bulk_create(investors, batch_size=1_000)
    # The id, and the short name its projects are named after.
    reference.investors = [(i.pk, i.name_zh[2:8]) for i in created]


_TYPE_WORDS = {"state": "国有", "private": "民营", "foreign": "外资", "other": "联合"}


def _organisation(reference: Reference) -> None:
    chains = IndustryChain.objects.bulk_create(
        IndustryChain(code=code, name_zh=zh, name_en=en, chief_name="链长")
        for code, zh, en in INDUSTRY_CHAINS
    )
    reference.chains = [chain.pk for chain in chains]
    # The busier places have parks; a project there is in one of them about half the time.
    parks = [
        Park(
            region_id=reference.region_ids[code],
            name_zh=f"{reference.region_names[reference.region_ids[code]]}{zh}",
            name_en=en,
            head_name="园长",
        )
        for code, weight in CHONGQING_WEIGHTS.items()
        if weight > 1
        for zh, en in PARK_THEMES
    ]
    for park in Park.objects.bulk_create(parks):
        reference.parks.setdefault(park.region_id, []).append(park.pk)
    reference.strategic_categories = list(
        Category.objects.filter(scheme__code=STRATEGIC_EMERGING_SCHEME)
        .order_by("position", "code")
        .values_list("pk", flat=True)
    )


# --- projects ------------------------------------------------------------------------------------

PROJECT_COLUMNS = (
    "id",
    "event_id",
    "name",
    "name_key",
    "project_code",
    "lead_investor_id",
    "value",
    "original_value",
    "currency",
    "mode",
    "signing_date",
    "region_id",
    "sector_id",
    "strategic_emerging",
    "strategic_emerging_category_id",
    "industry_chain_id",
    "park_id",
    "project_type",
    "responsible_unit",
    "responsible_person",
    "planned_start",
    "planned_production",
    "description",
    "withdrawn_at",
    "withdrawal_reason",
    "version",
    "created_at",
    "updated_at",
)


ANNOUNCEMENT_COLUMNS = ("project_id", "event_id", "sector_id", "mode")


def check_columns() -> None:
    """Fail loudly when a model has columns the generator does not write (or the reverse)."""
    for model, columns in ((Project, PROJECT_COLUMNS), (Announcement, ANNOUNCEMENT_COLUMNS)):
        table = {f.column for f in model._meta.concrete_fields} - {"id"}
        written = set(columns) - {"id"}
        if table != written:
            raise RuntimeError(
                "The bulletin benchmark's generator (benchmarks/bulletin_ledger.py) is out of "
                f"step with the {model.__name__} model: the model has "
                f"{sorted(table - written) or 'nothing'} that the generator does not write, and "
                f"the generator writes {sorted(written - table) or 'nothing'} that the model "
                "lacks. Update its columns and rows there."
            )


@dataclass
class Drawn:
    """What is drawn for a batch of projects, column by column (C-speed ``choices``)."""

    regions: list[object]
    sectors: list[object]
    modes: list[object]
    investors: list[int]


def _units(rng: random.Random) -> int:
    """A contract value in units of ¥10 million: lognormal around ¥2.4 billion, clipped.

    About 85% of projects reach ¥1 billion, 20% ¥5 billion and 5% ¥10 billion, as at the
    Expo's real ceremonies.
    """
    return max(MIN_UNITS, min(MAX_UNITS, round(math.exp(rng.gauss(5.49, 0.857)))))


def _lead(rng: random.Random, investors: int) -> int:
    # Skewed towards the first investors: large groups sign again and again.
    return min(investors - 1, int(investors * rng.random() ** 2.5))


class ProjectRows:
    """The rows of one event's projects, and of their announcements and investors."""

    def __init__(self, reference: Reference, rng: random.Random, now: datetime.datetime) -> None:
        self.reference = reference
        self.rng = rng
        self.now = text(now)
        self.next_id = (
            Project.objects.order_by("-id").values_list("id", flat=True).first() or 0
        ) + 1
        self.projects: list[tuple[object, ...]] = []
        self.announcements: list[tuple[object, ...]] = []
        self.investor_links: list[tuple[int, int, int]] = []

    def make(
        self,
        event: Event,
        count: int,
        *,
        region_of: Callable[[int], list[object]],
        also_at: Event | None,
        also_share: float,
    ) -> None:
        rng = self.rng
        reference = self.reference
        modes = MODE_WEIGHTS_ONLINE if event.edition >= 2020 else MODE_WEIGHTS_BEFORE_2020
        drawn = Drawn(
            regions=region_of(count),
            sectors=reference.sectors[event.pk].draw(rng, count),
            modes=Weighted.of(modes).draw(rng, count),  # type: ignore[arg-type]
            investors=[_lead(rng, len(reference.investors)) for _ in range(count)],
        )
        for index in range(count):
            pid = self.next_id
            self.next_id += 1
            self.projects.append(self._project(pid, event, drawn, index))
            # The owner's announcement leaves sector and mode to the project's own.
            self.announcements.append((pid, event.pk, None, ""))
            if (
                also_at is not None
                and drawn.regions[index] == reference.liangjiang.pk
                and rng.random() < also_share
            ):
                self.announcements.append(self._linked(pid, also_at, drawn.modes[index]))
            lead = drawn.investors[index]
            self.investor_links.append((pid, reference.investors[lead][0], 0))
            if rng.random() < CO_INVESTOR_SHARE:
                partner = (lead + 1 + rng.randrange(len(reference.investors) - 1)) % len(
                    reference.investors
                )
                self.investor_links.append((pid, reference.investors[partner][0], 1))

    def _linked(self, pid: int, event: Event, own_mode: object) -> tuple[object, ...]:
        """The announcement of project ``pid`` at ``event``, which does not own it."""
        rng = self.rng
        sector = None
        if rng.random() < LINKED_OWN_SECTOR:
            (sector,) = self.reference.sectors[event.pk].draw(rng, 1)
        mode = ""
        if rng.random() < LINKED_OWN_MODE:
            # Cloud signings sign online; the Expo counts what was signed elsewhere off-site.
            wanted = "online" if event.series == COMPANION_SERIES else "offsite"
            mode = wanted if wanted != own_mode else ""
        return (pid, event.pk, sector, mode)

    def _project(self, pid: int, event: Event, drawn: Drawn, index: int) -> tuple[object, ...]:
        """One project's row, as text both databases read (see :func:`text`)."""
        rng = self.rng
        reference = self.reference
        region_id = drawn.regions[index]
        mode = drawn.modes[index]
        investor_id, brand = reference.investors[drawn.investors[index]]
        units = _units(rng)
        original_value, currency = None, "CNY"
        if rng.random() < FOREIGN_CURRENCY_SHARE:
            currency = "USD"
            original_value = text((UNIT * units / _usd_rate(event.edition)).quantize(CENT))
        signing_date = event.date
        if mode == SigningMode.OFFSITE:
            signing_date -= datetime.timedelta(days=rng.randrange(0, 30))
        roll = rng.random()
        strategic = 1 if roll < 0.6 else (0 if roll < 0.92 else None)
        category = None
        if strategic and rng.random() < 0.9:
            category = rng.choice(reference.strategic_categories)
        parks = reference.parks.get(region_id)  # type: ignore[arg-type]
        park = rng.choice(parks) if parks and rng.random() < 0.45 else None
        chain = rng.choice(reference.chains) if rng.random() < 0.55 else None
        planned_start = planned_production = None
        if rng.random() < 0.7:
            start = event.date + datetime.timedelta(days=rng.randrange(60, 400))
            planned_start = start.isoformat()
            planned_production = (
                start + datetime.timedelta(days=rng.randrange(300, 900))
            ).isoformat()
        withdrawn_at, reason = None, ""
        if rng.random() < WITHDRAWN_SHARE:
            withdrawn_at, reason = self.now, "投资方战略调整，项目终止"
        region_name = reference.region_names[region_id]  # type: ignore[index]
        name = f"{brand}{region_name}项目{pid:07d}"
        code = f"{event.edition}-{region_id:06d}-{pid:08d}" if rng.random() < 0.3 else None
        # Imported three days after the ceremony.
        imported = text(
            datetime.datetime.combine(
                event.date + datetime.timedelta(days=3), datetime.time(2), tzinfo=datetime.UTC
            )
        )
        return (
            pid,
            event.pk,
            name,
            normalise_name(name),
            code,
            investor_id,
            f"{units}0000000.00",  # units of ¥10 million, in yuan
            original_value,
            currency,
            mode,
            signing_date.isoformat(),
            region_id,
            drawn.sectors[index],
            strategic,
            category,
            chain,
            park,
            rng.choice(PROJECT_TYPES),
            f"{region_name}招商投资促进中心",
            "",
            planned_start,
            planned_production,
            "",
            withdrawn_at,
            reason,
            1,
            imported,
            imported,
        )

    def flush(self, writer: BulkWriter) -> None:
        writer.write(Project._meta.db_table, PROJECT_COLUMNS, self.projects)
        writer.write(Announcement._meta.db_table, ANNOUNCEMENT_COLUMNS, self.announcements)
        writer.write(
            ProjectInvestor._meta.db_table,
            ("project_id", "investor_id", "position"),
            self.investor_links,
        )
        self.projects, self.announcements, self.investor_links = [], [], []


def edition_sizes(shape: Shape) -> dict[int, int]:
    """Projects owned by each year's events (Expo and cloud signing together), summing to N.

    Later editions sign a little more, as the Expo grew.
    """
    years = list(shape.years)
    weights = [1 + 0.04 * index for index in range(len(years))]
    total = sum(weights)
    exact = [shape.projects * weight / total for weight in weights]
    sizes = [math.floor(value) for value in exact]
    # Largest remainders get the projects rounding left over.
    for index in sorted(range(len(years)), key=lambda i: sizes[i] - exact[i])[
        : shape.projects - sum(sizes)
    ]:
        sizes[index] += 1
    return dict(zip(years, sizes, strict=True))


@dataclass(frozen=True)
class Generated:
    """What :func:`generate` wrote: rows per table, and the Expo events by year."""

    rows: dict[str, int]
    events: dict[int, str]


def generate(shape: Shape, progress: Callable[[str], None] = lambda _message: None) -> Generated:
    """Write a ledger of ``shape`` into the default database (migrated, without projects)."""
    check_columns()
    rng = random.Random(shape.seed)
    now = timezone.now().replace(microsecond=0)
    writer = BulkWriter()
    with transaction.atomic():
        reference = _regions()
        _events(reference, shape)
        _investors(reference, shape, rng)
        _organisation(reference)
        rows = ProjectRows(reference, rng, now)
        tables = [
            Project._meta.db_table,
            Announcement._meta.db_table,
            ProjectInvestor._meta.db_table,
        ]
        with writer.indexes_deferred(tables):
            _write_projects(shape, reference, rows, writer, rng, progress)
        writer.move_sequences_past(tables)
    return Generated(
        rows=dict(writer.written),
        events={
            year: event.code
            for (series, year), event in reference.events.items()
            if series == SERIES
        },
    )


def _write_projects(
    shape: Shape,
    reference: Reference,
    rows: ProjectRows,
    writer: BulkWriter,
    rng: random.Random,
    progress: Callable[[str], None],
) -> None:
    """Each year's projects: the Expo's, then the cloud signing's, and their links."""
    for year, size in edition_sizes(shape).items():
        expo = reference.events[SERIES, year]
        cloud = reference.events[COMPANION_SERIES, year]
        companion = max(1, round(size * COMPANION_SHARE))
        rows.make(
            expo,
            size - companion,
            region_of=lambda k: _landing(rng, reference.regions, reference.outside, k),
            also_at=cloud,
            also_share=EXPO_ALSO_AT_COMPANION,
        )
        rows.make(
            cloud,
            companion,
            region_of=lambda k: [reference.liangjiang.pk] * k,
            also_at=expo,
            also_share=COMPANION_ALSO_AT_EXPO,
        )
        rows.flush(writer)
        progress(f"  {expo.code}: {size:,} projects written")


def _landing(rng: random.Random, inside: Weighted, outside: Weighted, k: int) -> list[object]:
    regions = inside.draw(rng, k)
    return [
        outside.draw(rng, 1)[0] if rng.random() < OUTSIDE_SHARE else region for region in regions
    ]


def check_sample(size: int = 50) -> None:
    """Validate a sample of what was written as the application would: raise if one is wrong.

    Each sampled project passes the model's validation, has its lead investor at position 0 and
    an announcement at its owner; each sampled linked announcement passes its own validation
    (a sector of its event's classification, none at the owner).
    """
    from django.core.exceptions import ValidationError

    problems = []
    for project in Project.objects.order_by("?")[:size]:
        try:
            project.full_clean()
        except ValidationError as error:
            problems.append(f"project {project.pk}: {error}")
        lead = project.investor_links.filter(position=0).values_list("investor_id", flat=True)
        if list(lead) != [project.lead_investor_id]:
            problems.append(f"project {project.pk}: the lead investor is not at position 0")
        if not project.announcements.filter(event_id=project.event_id).exists():
            problems.append(f"project {project.pk}: no announcement at the event owning it")
    linked = Announcement.objects.exclude(event_id=F("project__event_id")).order_by("?")[:size]
    for announcement in linked:
        try:
            announcement.full_clean()
        except ValidationError as error:
            problems.append(f"announcement {announcement.pk}: {error}")
    if problems:
        raise RuntimeError("The generated ledger breaks the model's rules:\n" + "\n".join(problems))
