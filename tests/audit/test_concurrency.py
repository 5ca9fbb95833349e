"""Concurrent writers cannot fork the chain: each transaction's entries follow the last
committed entry, and no two transactions interleave.

Several threads of one process, each with its own database connection, write at the same
moment into a fresh database; then ``taizhang audit verify`` checks the chain and the test
reads it back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tests.audit.databases import query
from tests.support.cli import run_taizhang

WRITERS = Path(__file__).with_name("writers.py")
THREADS = 8


def write_concurrently(env: dict[str, str], transactions: int, per_transaction: int) -> None:
    done = subprocess.run(
        [sys.executable, str(WRITERS), str(THREADS), str(transactions), str(per_transaction)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {"errors": []}


def test_concurrent_transactions_chain_one_after_another(migrated_env) -> None:
    write_concurrently(migrated_env, transactions=10, per_transaction=25)
    expected = THREADS * 10 * 25

    verified = run_taizhang("audit", "verify", env=migrated_env)
    assert verified.returncode == 0, verified.stderr
    assert f"{expected} entries" in verified.stdout

    rows = query(
        migrated_env,
        "SELECT id, object_id, after, prev_hash, entry_hash FROM audit_entry ORDER BY id",
    )
    assert [row[0] for row in rows] == list(range(1, expected + 1))
    # Linear: every hash is the previous hash of exactly the next entry, none of two.
    previous = [row[3] for row in rows]
    assert len(set(previous)) == expected
    # Serialised: a transaction's 25 entries are consecutive, in the order written.
    by_transaction: dict[tuple[str, int], list[int]] = defaultdict(list)
    for number, thread, after, _prev, _hash in rows:
        values = json.loads(after) if isinstance(after, str) else after
        by_transaction[(thread, values["tx"])].append(number)
    assert len(by_transaction) == THREADS * 10
    for numbers in by_transaction.values():
        assert numbers == list(range(numbers[0], numbers[0] + 25))


def test_concurrent_single_entries_chain_without_a_gap(migrated_env) -> None:
    write_concurrently(migrated_env, transactions=40, per_transaction=1)
    verified = run_taizhang("audit", "verify", env=migrated_env)
    assert verified.returncode == 0, verified.stderr
    assert f"{THREADS * 40} entries" in verified.stdout
