"""Migration audit 0003 slims the audit table, keeps its entries verifying, and leaves it
append-only: on SQLite the table is rebuilt, which drops its triggers, so they are put back.

Run as an operator would, with ``taizhang migrate`` on a real database of each kind: the
entries are written while the table is as 0002 made it, then the table is migrated forwards.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import psycopg
import pytest

from tests.audit.databases import execute, query, vendor_of
from tests.audit.test_concurrency import WRITERS
from tests.support.cli import run_taizhang

#: What an intruder would try, and what the database must refuse.
CHANGES = [
    "UPDATE audit_entry SET actor = 'cli:mallory' WHERE id = 2",
    "DELETE FROM audit_entry WHERE id = 15",
    "DELETE FROM audit_entry",
]


def migrate(env: dict[str, str], *target: str) -> None:
    result = run_taizhang("migrate", *target, "--no-input", "-v", "0", env=env, timeout=300)
    assert result.returncode == 0, result.stderr


def write_entries(env: dict[str, str]) -> None:
    """Fifteen entries, in five transactions of three, by the real recorder."""
    written = subprocess.run(
        [sys.executable, str(WRITERS), "1", "5", "3"], env=env, capture_output=True, check=False
    )
    assert written.returncode == 0, written.stderr


def assert_refused(env: dict[str, str], statement: str) -> None:
    with pytest.raises((sqlite3.DatabaseError, psycopg.Error), match="append-only"):
        execute(env, [statement])


def assert_append_only(env: dict[str, str]) -> None:
    for statement in CHANGES:
        assert_refused(env, statement)
    if vendor_of(env) == "postgresql":
        assert_refused(env, "TRUNCATE audit_entry")
    assert query(env, "SELECT count(*) FROM audit_entry") == [(15,)]
    assert query(env, "SELECT count(*) FROM audit_entry WHERE actor = 'cli:mallory'") == [(0,)]


def unique_indexes(env: dict[str, str]) -> list[tuple[str, str]]:
    """Each unique index of the table with a column it covers, as the database lists them."""
    if vendor_of(env) == "postgresql":
        statement = (
            "SELECT i.relname::text, a.attname::text FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY(x.indkey) "
            "WHERE x.indrelid = 'audit_entry'::regclass AND x.indisunique"
        )
    else:
        statement = (
            "SELECT l.name, i.name FROM pragma_index_list('audit_entry') AS l "
            'JOIN pragma_index_info(l.name) AS i WHERE l."unique"'
        )
    return sorted(query(env, statement))


def indexed_columns(env: dict[str, str]) -> list[str]:
    """The columns of each index of the table that is not unique, comma-separated."""
    if vendor_of(env) == "postgresql":
        statement = (
            "SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM pg_index x "
            "CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) "
            "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = 'audit_entry'::regclass AND NOT x.indisunique "
            "AND i.relname NOT LIKE '%_like' GROUP BY x.indexrelid"
        )
    else:
        statement = (
            "SELECT group_concat(i.name, ',') FROM pragma_index_list('audit_entry') AS l "
            'JOIN pragma_index_info(l.name) AS i WHERE NOT l."unique" GROUP BY l.name'
        )
    return sorted(columns for (columns,) in query(env, statement))


def test_entries_written_before_the_migration_verify_after_it_and_stay_unchangeable(
    migrated_env,
) -> None:
    env = migrated_env
    migrate(env, "audit", "0002")
    assert "entry_hash" in {column for _index, column in unique_indexes(env)}
    write_entries(env)

    migrate(env)

    verified = run_taizhang("audit", "verify", env=env)
    assert verified.returncode == 0, verified.stderr
    assert "15 entries" in verified.stdout
    assert_append_only(env)


def test_the_migrated_table_keeps_only_its_number_unique_and_its_four_indexes(
    migrated_env,
) -> None:
    env = migrated_env

    if vendor_of(env) == "postgresql":
        assert unique_indexes(env) == [("audit_entry_pkey", "id")]
    else:
        # The number is the rowid itself: no index beside the table keeps it unique.
        assert unique_indexes(env) == []
        ((table,),) = query(env, "SELECT sql FROM sqlite_master WHERE name = 'audit_entry'")
        assert '"id" integer NOT NULL PRIMARY KEY' in table
        assert "JSON_VALID" not in table
    assert indexed_columns(env) == ["action", "actor", "object_type,object_id", "time"]


def test_migrating_back_keeps_the_table_append_only(migrated_env) -> None:
    env = migrated_env
    write_entries(env)

    migrate(env, "audit", "0002")

    assert_append_only(env)
    verified = run_taizhang("audit", "verify", env=env)
    assert verified.returncode == 0, verified.stderr
