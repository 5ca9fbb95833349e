"""What an import remembers of the rows it has read, kept in the database, not in Python.

To find the same project twice in one file, a code seen at another event a thousand rows
earlier, or an investor whose type an earlier row stated, the import must remember every row
it has read. A Python dict of them would grow with the file; instead two temporary tables,
private to the import's connection and dropped at its end, hold one small record per row and
per investor the file creates or changes. Each batch asks them once per kind of question
(``IN`` lists of the batch's keys), so memory stays flat and the questions stay set-based.
This works the same whether or not the batch was written: after the first error, or in a dry
run, nothing is written but everything is still checked.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from taizhang.ledger.importing import bulk
from taizhang.ledger.importing.plan import NewInvestor, StagedRow, investor_id, project_id


@dataclass
class StagedRecord:
    """A row read earlier in this import: where it was, and which project it became."""

    row: int
    event_id: int
    code: str | None
    name_key: str
    lead_key: str | None
    name: str
    project_id: int | None


class InvestorState:
    """An investor as this import has it: the one in the ledger, or one it creates.

    ``type_row`` and ``origin_row`` are the rows that stated the type and origin (None when
    no row of this file did: an investor in the ledger, or a co-investor created as "other").
    """

    __slots__ = (
        "created",
        "dirty",
        "investor_id",
        "key",
        "name",
        "new",
        "origin_id",
        "origin_row",
        "type",
        "type_row",
    )

    def __init__(
        self,
        key: str,
        name: str,
        *,
        investor_id: int | None = None,
        created: bool = False,
        type: str = "",
        type_row: int | None = None,
        origin_id: int | None = None,
        origin_row: int | None = None,
    ) -> None:
        self.key = key
        self.name = name
        self.investor_id = investor_id
        self.created = created
        self.type = type
        self.type_row = type_row
        self.origin_id = origin_id
        self.origin_row = origin_row
        self.new: NewInvestor | None = None
        self.dirty = False

    @property
    def ref(self) -> int | NewInvestor | None:
        """How a project refers to it: its id, or the investor to create."""
        return self.new if self.new is not None else self.investor_id


_ROW_COLUMNS = ("number", "event_id", "code", "name_key", "lead_key", "name", "project_id")
_INVESTOR_COLUMNS = (
    "name_key",
    "investor_id",
    "created",
    "type",
    "type_row",
    "origin_id",
    "origin_row",
    "name",
)


class Staging:
    """The two temporary tables of one import. Create it inside the import's transaction."""

    def __init__(self) -> None:
        suffix = secrets.token_hex(4)
        #: The events of the rows remembered so far: a handful, so kept in Python. A question
        #: about rows of other events than these can be answered without asking the table.
        self.events: set[int] = set()
        #: The columns indexed so far. Codes and lead investors are indexed when first asked
        #: about: most files have one event (never asking by lead investor) and many no codes,
        #: and keeping an index no question uses costs every row of the import.
        self._indexed = {"name_key"}
        self.rows = f"tz_import_rows_{suffix}"
        self.investors = f"tz_import_investors_{suffix}"
        tail = " ON COMMIT DROP" if bulk.is_postgres() else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.rows} (number integer NOT NULL, "
                "event_id bigint NOT NULL, code text, name_key text NOT NULL, lead_key text, "
                f"name text NOT NULL, project_id bigint){tail}"
            )
            cursor.execute(f"CREATE INDEX {self.rows}_name_key ON {self.rows} (name_key)")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.investors} (name_key text PRIMARY KEY, "
                "investor_id bigint, created boolean NOT NULL, type text NOT NULL, "
                "type_row integer, origin_id bigint, origin_row integer, name text NOT NULL)"
                f"{tail}"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.rows}")
            cursor.execute(f"DROP TABLE IF EXISTS {self.investors}")

    # --- rows ---------------------------------------------------------------------------

    def rows_named(self, codes: Iterable[str], name_keys: Iterable[str]) -> list[StagedRecord]:
        """Earlier rows with one of ``codes`` (at any event) or one of ``name_keys``."""
        codes, name_keys = list(codes), list(name_keys)
        found: dict[int, StagedRecord] = {}
        # Two queries, not one with OR, so that each is a plain lookup in its own index.
        for column, values in (("code", codes), ("name_key", name_keys)):
            if values:
                self._index(column)
                for record in self._select_rows(*bulk.any_of(column, values)):
                    found[record.row] = record
        return list(found.values())

    def rows_led_by(self, lead_keys: Iterable[str], *, not_event: int | None) -> list[StagedRecord]:
        """Earlier rows whose lead investor is one of ``lead_keys`` (at another event than
        ``not_event``, when given).
        """
        keys = list(lead_keys)
        if not keys or (not_event is not None and self.events <= {not_event}):
            return []  # nothing remembered of another event: a file of one event, so far
        self._index("lead_key")
        where, params = bulk.any_of("lead_key", keys)
        if not_event is not None:
            where += " AND event_id <> %s"
            params.append(not_event)
        return self._select_rows(where, params)

    def _index(self, column: str) -> None:
        """Index ``column`` of the rows table, once, before the first question about it."""
        if column not in self._indexed:
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE INDEX {self.rows}_{column} ON {self.rows} ({column})")
            self._indexed.add(column)

    def _select_rows(self, where: str, params: Sequence[object]) -> list[StagedRecord]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(_ROW_COLUMNS)} FROM {self.rows} WHERE {where}",  # noqa: S608
                params,
            )
            return [StagedRecord(*record) for record in cursor.fetchall()]

    def remember_rows(self, rows: Sequence[StagedRow]) -> None:
        """Record the batch's rows, with the projects they became (once written)."""
        if rows:
            self.events.update(row.event_id for row in rows)
            bulk.insert(
                self.rows,
                _ROW_COLUMNS,
                [
                    (
                        row.row,
                        row.event_id,
                        row.code,
                        row.name_key,
                        row.lead_key,
                        row.name,
                        project_id(row.project),
                    )
                    for row in rows
                ],
            )

    # --- investors ----------------------------------------------------------------------

    def investor_states(self, keys: Iterable[str]) -> dict[str, InvestorState]:
        """The remembered state of the investors with ``keys`` that this import created or
        changed.
        """
        keys = list(keys)
        if not keys:
            return {}
        condition, params = bulk.any_of("name_key", keys)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(_INVESTOR_COLUMNS)} FROM {self.investors} "  # noqa: S608
                f"WHERE {condition}",
                params,
            )
            found = {}
            for key, known_id, created, type, type_row, origin, origin_row, name in cursor:
                found[key] = InvestorState(
                    key,
                    name,
                    investor_id=known_id,
                    created=bool(created),
                    type=type,
                    type_row=type_row,
                    origin_id=origin,
                    origin_row=origin_row,
                )
            return found

    def remember_investors(self, states: Sequence[InvestorState]) -> None:
        """Record (or update) the investors the batch created or changed."""
        if not states:
            return
        bulk.upsert(
            self.investors,
            _INVESTOR_COLUMNS,
            [
                (
                    state.key,
                    state.investor_id if state.investor_id is not None else investor_id(state.new),
                    state.created,
                    state.type,
                    state.type_row,
                    state.origin_id,
                    state.origin_row,
                    state.name,
                )
                for state in states
            ],
        )
