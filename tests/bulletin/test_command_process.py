"""``taizhang bulletin`` in its own process, on SQLite and PostgreSQL, as an operator runs it.

Outside a test's transaction the command reads (and publishes) in a transaction of its own —
on PostgreSQL REPEATABLE READ, with the event row locked while publishing — which only a real
process exercises.
"""

from __future__ import annotations

import json

import pytest

from tests.support.cli import run_taizhang


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_env(request: pytest.FixtureRequest, cli_env: dict[str, str]) -> dict[str, str]:
    """An environment whose database holds the demo ledger."""
    env = dict(cli_env)
    if request.param == "postgresql":
        env["TAIZHANG_DATABASE_URL"] = request.getfixturevalue("postgres_database_url")
    result = run_taizhang("demo", "--no-input", env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return env


def bulletin(env: dict[str, str], *args: str):
    return run_taizhang("bulletin", "--event", "SCE2021", "--format", "json", *args, env=env)


def test_publish_then_show_as_published_then_correct(demo_env: dict[str, str]) -> None:
    published = bulletin(demo_env, "--publish")
    assert published.returncode == 0, published.stderr
    assert "Published the bulletin of SCE2021" in published.stderr
    figures = json.loads(published.stdout)
    assert (figures["totals"]["projects"], figures["totals"]["value"]) == (92, "252400000000.00")
    assert figures["published"]["changed_since"] is False

    shown = json.loads(bulletin(demo_env).stdout)
    assert shown["published"]["ledger_hash"] == figures["published"]["ledger_hash"]
    assert shown["totals"] == figures["totals"]

    again = bulletin(demo_env, "--publish")
    assert again.returncode == 1
    assert "--reason" in again.stderr
    assert "Traceback" not in again.stderr

    corrected = bulletin(demo_env, "--publish", "--reason", "re-checked")
    assert corrected.returncode == 0, corrected.stderr
    assert json.loads(corrected.stdout)["published"]["publications"] == 2


def test_the_series_and_the_text_from_the_command_line(demo_env: dict[str, str]) -> None:
    series = run_taizhang("bulletin", "--series", "SCE", env=demo_env)
    assert series.returncode == 0, series.stderr
    editions = json.loads(series.stdout)["editions"]
    assert [row["projects"] for row in editions] == [1, 71, 92, 70]
    text = run_taizhang("bulletin", "--event", "SCE2021", "--lang", "zh", env=demo_env)
    assert text.returncode == 0, text.stderr
    assert "2524亿元" in text.stdout
