"""``taizhang audit verify`` at the command line, after someone dropped the triggers and
altered, removed or inserted entries straight in the database.

One story per database: each tampering is caught and named, and once it is undone exactly
the chain verifies again, so verify reports what was changed and nothing else.
"""

from __future__ import annotations

import subprocess
import sys

from psycopg.types.json import Jsonb

from tests.audit.databases import DROP_TRIGGERS, cursor_on, execute, query, vendor_of
from tests.audit.test_concurrency import WRITERS
from tests.support.cli import run_taizhang

COLUMNS = (
    "id, time, actor, source, request_id, action, object_type, object_id, before, after, "
    "result, algorithm, prev_hash, entry_hash"
)


def mark(env: dict[str, str]) -> str:
    """The parameter placeholder of the database's DB-API driver."""
    return "%s" if vendor_of(env) == "postgresql" else "?"


def verify(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_taizhang("audit", "verify", env=env)


def test_verify_names_each_entry_altered_removed_or_inserted(migrated_env) -> None:
    env = migrated_env
    written = subprocess.run(
        [sys.executable, str(WRITERS), "1", "10", "1"], env=env, capture_output=True, check=False
    )
    assert written.returncode == 0, written.stderr
    intact = verify(env)
    assert intact.returncode == 0, intact.stderr
    assert "10 entries" in intact.stdout
    execute(env, DROP_TRIGGERS[vendor_of(env)])

    # Altered: an entry says someone else acted.
    ((actor,),) = query(env, "SELECT actor FROM audit_entry WHERE id = 5")
    execute(env, ["UPDATE audit_entry SET actor = 'cli:somebody-else' WHERE id = 5"])
    altered = verify(env)
    assert altered.returncode == 1
    assert "Entry 5 does not match: its content no longer gives its stored hash" in altered.stderr
    assert "The 4 entries before it are intact" in altered.stderr
    assert "Traceback" not in altered.stderr
    with cursor_on(env) as cursor:
        cursor.execute(f"UPDATE audit_entry SET actor = {mark(env)} WHERE id = 5", [actor])  # noqa: S608
    assert "is not protected" in verify(env).stderr  # the chain is whole again; triggers not

    # Removed: an entry disappears.
    with cursor_on(env) as cursor:
        cursor.execute(f"SELECT {COLUMNS} FROM audit_entry WHERE id = 7")  # noqa: S608
        removed = cursor.fetchone()
        cursor.execute("DELETE FROM audit_entry WHERE id = 7")
    gone = verify(env)
    assert gone.returncode == 1
    assert "Entry 7 does not match: it is missing" in gone.stderr
    if vendor_of(env) == "postgresql":
        removed = tuple(Jsonb(value) if isinstance(value, dict) else value for value in removed)
    with cursor_on(env) as cursor:
        marks = ", ".join([mark(env)] * len(removed))
        cursor.execute(f"INSERT INTO audit_entry ({COLUMNS}) VALUES ({marks})", removed)  # noqa: S608
    assert "is not protected" in verify(env).stderr  # put back as it was: whole again

    # Inserted: a forged entry at the end, chained onto the head with a made-up hash.
    ((head,),) = query(env, "SELECT entry_hash FROM audit_entry WHERE id = 10")
    execute(
        env,
        [
            f"INSERT INTO audit_entry ({COLUMNS}) VALUES (11, '2024-05-01 00:00:00', "  # noqa: S608
            "'cli:alice', 'cli', '', 'project.withdraw', 'project', '9', NULL, NULL, 'success', "
            f"'sha256', '{head}', '{'e' * 64}')"
        ],
    )
    forged = verify(env)
    assert forged.returncode == 1
    assert "Entry 11 does not match" in forged.stderr

    protected = run_taizhang("audit", "protect", env=env)
    assert protected.returncode == 0, protected.stderr
    assert "created again" in protected.stdout
    still_forged = verify(env)
    assert "Entry 11 does not match" in still_forged.stderr
    assert "is not protected" not in still_forged.stderr
