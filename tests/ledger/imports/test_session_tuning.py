"""An import tunes its database session for bulk work, and SQLite's tuning is undone after it."""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from taizhang.ledger.importing import bulk
from taizhang.ledger.models import Project

from .conftest import CHINESE, project, run, write_xlsx


def _setting(statement: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return str(cursor.fetchone()[0])


@pytest.mark.django_db
def test_a_postgresql_import_session_gives_staging_tables_room_in_memory(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("temp_buffers is PostgreSQL's")
    # A session of its own, as a command's is: temp_buffers can be set before its first
    # temporary table only, and the test's shared session has had some.
    fresh = connections.create_connection(DEFAULT_DB_ALIAS)
    monkeypatch.setattr(bulk, "connection", fresh)
    try:
        with bulk.bulk_session(), fresh.cursor() as cursor:
            cursor.execute("SHOW temp_buffers")
            during = cursor.fetchone()[0]
    finally:
        fresh.close()

    assert during == bulk.POSTGRES_TEMP_BUFFERS


@pytest.mark.django_db
def test_a_second_postgresql_import_in_one_session_still_imports(tmp_path, sce2021):
    # The session's temporary tables exist by now, so temp_buffers can no longer be set: the
    # import must go on regardless, not fail on the refused setting.
    if connection.vendor != "postgresql":
        pytest.skip("temp_buffers is PostgreSQL's")
    first = write_xlsx(tmp_path / "first.xlsx", [CHINESE, project("甲项目", "星辰科技")])
    second = write_xlsx(tmp_path / "second.xlsx", [CHINESE, project("乙项目", "华夏投资")])
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE used_before (id integer)")
        cursor.execute("DROP TABLE used_before")

    reports = [run(first, event="SCE2021"), run(second, event="SCE2021")]

    assert all(report.ok for report in reports), [report.as_text() for report in reports]
    assert Project.objects.count() == 2


@pytest.mark.django_db
def test_sqlite_gets_its_page_cache_back_after_an_import(tmp_path, sce2021):
    if connection.vendor != "sqlite":
        pytest.skip("the page cache pragma is SQLite's")
    before = _setting("PRAGMA cache_size")
    path = write_xlsx(tmp_path / "ledger.xlsx", [CHINESE, project("智能终端项目", "星辰科技")])

    report = run(path, event="SCE2021")

    assert report.ok, report.as_text()
    assert _setting("PRAGMA cache_size") == before
