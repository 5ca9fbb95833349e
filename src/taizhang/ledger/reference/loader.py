"""Loading region rows into the database: check every row, then upsert all of them by code.

The loader is handed the model class rather than importing it, so that the same code serves
``taizhang regions load`` (the real :class:`~taizhang.ledger.models.Region`) and data
migrations (a historical model, which has none of Region's methods: that is why paths are
computed here and not left to ``Region.save``).

A load through the real model records each region it creates or changes in the audit record,
in its transaction. A migration's load records nothing: the shipped reference data arrives
with the schema, and the audit table may not exist yet when it does.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models, router, transaction
from django.utils.translation import gettext as _

from taizhang.audit.recorder import Change, record_many, values_of
from taizhang.i18n import join_list
from taizhang.ledger.reference.rows import Problem, ReferenceDataError, RegionRow

PATH_SEPARATOR = "/"
COUNTRY = "country"

#: Codes are GB/T 2260 digits, ISO letters, or the system's own such as ``CQ-LJ``.
_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")

#: Chinese words a hand-kept file may use for a level, mapped to the stored value.
LEVEL_SYNONYMS = {
    "国家": "country",
    "省": "province",
    "省级": "province",
    "地级": "prefecture",
    "地级市": "prefecture",
    "市": "prefecture",
    "区": "district",
    "市辖区": "district",
    "县": "county",
    "县级": "county",
    "县级市": "county",
    "自治县": "county",
    "功能区": "area",
    "开发区": "area",
    "新区": "area",
}

#: The fields a row sets; ``is_active`` is left as it is, so a retired region stays retired.
_ROW_FIELDS = ("name_zh", "name_en", "level", "parent_id", "path", "aliases")


@dataclass
class LoadResult:
    """What a load did: regions created, updated, left unchanged, and descendants re-rooted."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0


@dataclass
class _Existing:
    id: int
    code: str
    parent_code: str
    path: str


def load_regions(
    rows: Sequence[RegionRow],
    model: type[models.Model] | None = None,
    *,
    using: str | None = None,
    dry_run: bool = False,
) -> LoadResult:
    """Upsert ``rows`` by code in one transaction; loading the same rows twice changes nothing.

    Every row is checked first, against the other rows and the regions already stored: an empty
    or malformed code, a code given twice, an empty Chinese name, an unknown level, a parent
    that is neither in the rows nor stored, a country with a parent or a region without one,
    and parents that go round in a circle. If anything is wrong, :class:`ReferenceDataError`
    lists every problem and nothing is written. Parents may come after their children.

    ``model`` defaults to the real Region; a migration passes ``apps.get_model("ledger",
    "Region")``. With ``dry_run`` the rows are checked and counted but nothing is written.
    """
    from taizhang.ledger.models import Region

    if model is None:
        model = Region
    using = using or router.db_for_write(model)
    manager = model._default_manager.db_manager(using)
    with transaction.atomic(using=using):
        stored = {obj.code: obj for obj in manager.select_for_update().all()}
        code_by_id = {obj.id: code for code, obj in stored.items()}
        existing = {
            code: _Existing(obj.id, code, code_by_id.get(obj.parent_id, ""), obj.path)
            for code, obj in stored.items()
        }
        rows = [_with_level(row) for row in rows]
        problems = check_rows(rows, existing, model)
        by_code = {row.code: row for row in rows}
        paths = _paths(by_code, existing)
        problems.extend(_path_problems(rows, paths, model))
        if problems:
            raise ReferenceDataError(problems)
        return _write(
            manager, model, rows, stored, existing, paths, dry_run, audited=model is Region
        )


def check_rows(
    rows: Sequence[RegionRow], existing: dict[str, _Existing], model: type[models.Model]
) -> list[Problem]:
    """Every problem in ``rows``, in row order, given the regions already stored."""
    level_field = model._meta.get_field("level")
    levels = [value for value, _label in level_field.choices]
    code_length = model._meta.get_field("code").max_length
    name_length = model._meta.get_field("name_zh").max_length
    problems: list[Problem] = []
    first_row: dict[str, RegionRow] = {}
    file_codes = {row.code for row in rows}

    def problem(row: RegionRow, column: str, value: str, message: str) -> None:
        problems.append(Problem(message, row.source, row.row, column, value))

    for row in rows:
        if not row.code:
            problem(row, "code", "", _("the code is empty; every region needs its own code."))
        elif len(row.code) > code_length or not _CODE_PATTERN.match(row.code):
            problem(
                row,
                "code",
                row.code,
                _(
                    "“%(code)s” is not a usable code: use letters, digits and hyphens only, "
                    "at most %(length)d characters (GB/T 2260 digits for a Chinese division)."
                )
                % {"code": row.code, "length": code_length},
            )
        elif row.code in first_row:
            first = first_row[row.code]
            problem(
                row,
                "code",
                row.code,
                _("the code %(code)s appears again (first at %(first)s); keep one row for it.")
                % {"code": row.code, "first": _where(first)},
            )
        else:
            first_row[row.code] = row

        if not row.name_zh:
            problem(row, "name_zh", "", _("the Chinese name is empty; every region needs one."))
        for column in ("name_zh", "name_en"):
            value = getattr(row, column)
            if len(value) > name_length:
                problem(
                    row,
                    column,
                    value,
                    _("the name is longer than %(length)d characters; shorten it.")
                    % {"length": name_length},
                )

        if row.level not in levels:
            problem(
                row,
                "level",
                row.level,
                _("“%(level)s” is not a level; use one of %(levels)s.")
                % {"level": row.level, "levels": join_list(levels)}
                if row.level
                else _("the level is empty; use one of %(levels)s.")
                % {"levels": join_list(levels)},
            )

        if row.level == COUNTRY and row.parent_code:
            problem(
                row,
                "parent_code",
                row.parent_code,
                _("a country has no parent; leave parent_code empty."),
            )
        elif row.level != COUNTRY and row.level in levels and not row.parent_code:
            problem(
                row,
                "parent_code",
                "",
                _("the parent is empty; every region but a country lies within another one."),
            )
        elif row.parent_code and row.parent_code == row.code:
            problem(
                row,
                "parent_code",
                row.parent_code,
                _("the region cannot be its own parent."),
            )
        elif row.parent_code and row.parent_code not in file_codes | existing.keys():
            problem(
                row,
                "parent_code",
                row.parent_code,
                _(
                    "the parent %(parent)s is neither in the file nor in the database; "
                    "add a row for it or correct the code."
                )
                % {"parent": row.parent_code},
            )
    problems.extend(_cycle_problems(rows, existing))
    return problems


def _cycle_problems(rows: Sequence[RegionRow], existing: dict[str, _Existing]) -> list[Problem]:
    """A problem for each row whose parents lead back to itself."""
    parent_of = {code: item.parent_code for code, item in existing.items()}
    parent_of.update({row.code: row.parent_code for row in rows if row.code})
    problems = []
    for row in rows:
        seen = {row.code}
        code = parent_of.get(row.code, "")
        while code and code in parent_of:
            if code in seen:
                problems.append(
                    Problem(
                        _(
                            "the parents of %(code)s go round in a circle through %(through)s; "
                            "correct one of the parent codes."
                        )
                        % {"code": row.code, "through": code},
                        row.source,
                        row.row,
                        "parent_code",
                        row.parent_code,
                    )
                )
                break
            seen.add(code)
            code = parent_of.get(code, "")
    return problems


def _paths(by_code: dict[str, RegionRow], existing: dict[str, _Existing]) -> dict[str, str]:
    """The path of every region, stored or in the rows, as it will be after the load."""
    parent_of = {code: item.parent_code for code, item in existing.items()}
    parent_of.update({code: row.parent_code for code, row in by_code.items()})
    paths: dict[str, str] = {}
    for start in parent_of:
        # Walk up to a region whose path is known or to the top, then fill in on the way back.
        chain: list[str] = []
        code = start
        while code and code not in paths and code in parent_of and code not in chain:
            chain.append(code)
            code = parent_of[code]
        # A cycle or an unknown parent has been reported already; treat it as the top.
        prefix = paths.get(code, PATH_SEPARATOR)
        for code in reversed(chain):
            prefix = paths[code] = f"{prefix}{code}{PATH_SEPARATOR}"
    return paths


def _path_problems(
    rows: Sequence[RegionRow], paths: dict[str, str], model: type[models.Model]
) -> list[Problem]:
    limit = model._meta.get_field("path").max_length
    return [
        Problem(
            _("the region lies too deep (its path is longer than %(limit)d characters).")
            % {"limit": limit},
            row.source,
            row.row,
            "parent_code",
            row.parent_code,
        )
        for row in rows
        if len(paths.get(row.code, "")) > limit
    ]


def _write(
    manager: models.Manager,
    model: type[models.Model],
    rows: Sequence[RegionRow],
    stored: dict[str, models.Model],
    existing: dict[str, _Existing],
    paths: dict[str, str],
    dry_run: bool,
    *,
    audited: bool = False,
) -> LoadResult:
    result = LoadResult()
    before: dict[str, dict[str, object]] = {}
    id_of = {code: item.id for code, item in existing.items()}
    in_rows = {row.code for row in rows}
    to_update: list[models.Model] = []
    new_by_depth: dict[int, list[RegionRow]] = defaultdict(list)

    for row in rows:
        obj = stored.get(row.code)
        if obj is None:
            new_by_depth[paths[row.code].count(PATH_SEPARATOR)].append(row)
            result.created += 1
            continue
        wanted = {
            "name_zh": row.name_zh,
            "name_en": row.name_en,
            "level": row.level,
            "parent_id": id_of.get(row.parent_code) if row.parent_code else None,
            "path": paths[row.code],
            "aliases": list(row.aliases),
        }
        # A parent created by this load has no id yet: compare by code, set the id later.
        parent_changed = existing[row.code].parent_code != row.parent_code
        if parent_changed or any(
            getattr(obj, field) != value for field, value in wanted.items() if field != "parent_id"
        ):
            before[obj.code] = _values(obj)
            for field, value in wanted.items():
                setattr(obj, field, value)
            to_update.append(obj)
            result.updated += 1
        else:
            result.unchanged += 1

    # Regions not in the rows whose ancestor moved: only their path changes.
    for code, item in existing.items():
        if code not in in_rows and paths[code] != item.path:
            obj = stored[code]
            before[code] = _values(obj)
            obj.path = paths[code]
            to_update.append(obj)
            result.moved += 1

    if dry_run:
        return result

    # Parents first, so that each level's parent ids are known when it is inserted.
    for depth in sorted(new_by_depth):
        batch = [
            model(
                code=row.code,
                name_zh=row.name_zh,
                name_en=row.name_en,
                level=row.level,
                parent_id=id_of.get(row.parent_code) if row.parent_code else None,
                path=paths[row.code],
                aliases=list(row.aliases),
            )
            for row in new_by_depth[depth]
        ]
        manager.bulk_create(batch, batch_size=500)
        id_of.update(_ids(manager, (row.code for row in new_by_depth[depth])))

    by_code = {row.code: row for row in rows}
    for obj in to_update:
        row = by_code.get(obj.code)
        if row is not None:
            obj.parent_id = id_of.get(row.parent_code) if row.parent_code else None
    if to_update:
        manager.bulk_update(to_update, _ROW_FIELDS, batch_size=500)
    if audited:
        created = [row.code for depth in sorted(new_by_depth) for row in new_by_depth[depth]]
        _record(manager, created, to_update, before)
    return result


def _values(region: models.Model) -> dict[str, object]:
    """What a load may change of a region, for the audit record."""
    return {name: getattr(region, name) for name in _ROW_FIELDS}


def _record(
    manager: models.Manager,
    created: list[str],
    updated: list[models.Model],
    before: dict[str, dict[str, object]],
) -> None:
    """One entry per region created (all its values) or changed (the fields that changed)."""
    changes = []
    for region in manager.filter(code__in=created).order_by("id") if created else ():
        changes.append(Change("region.create", "region", region.pk, None, values_of(region)))
    for region in updated:
        old, new = before[region.code], _values(region)
        names = [name for name in _ROW_FIELDS if old[name] != new[name]]
        if names:
            changes.append(
                Change(
                    "region.update",
                    "region",
                    region.pk,
                    {"code": region.code, **{name: old[name] for name in names}},
                    {"code": region.code, **{name: new[name] for name in names}},
                )
            )
    if changes:
        record_many(changes)


def _ids(manager: models.Manager, codes: Iterable[str]) -> dict[str, int]:
    # bulk_create fills in ids only where the database returns them; ask, to be sure everywhere.
    return dict(manager.filter(code__in=list(codes)).values_list("code", "id"))


def _with_level(row: RegionRow) -> RegionRow:
    """The row with its level spelt as stored: lower case, Chinese synonyms translated."""
    level = row.level.strip().lower()
    level = LEVEL_SYNONYMS.get(level, level)
    if level == row.level:
        return row
    return dataclasses.replace(row, level=level)


def _where(row: RegionRow) -> str:
    if row.row is None:
        return row.source or _("another row")
    return _("row %(row)d") % {"row": row.row}
