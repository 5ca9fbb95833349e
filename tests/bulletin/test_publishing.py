"""Publishing a bulletin: frozen figures, who and when, a hash of its rows, and later changes."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest
from django.utils import timezone

from taizhang.audit.context import acting_as
from taizhang.audit.models import AuditEntry, Source
from taizhang.bulletin.figures import event_figures
from taizhang.bulletin.models import PublishedBulletin
from taizhang.bulletin.publishing import (
    ROWS_FORMAT,
    PublishError,
    counted_rows,
    differences,
    ledger_hash,
    publish,
    publisher,
    shown_figures,
)
from taizhang.ledger.models import Announcement, Project
from tests.bulletin.small_ledger import SmallLedger, bn

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceremony(small: SmallLedger):
    event = small.event("T2021")
    small.project(event, bn("1"))
    small.project(event, bn("2"), mode="online")
    small.project(event, bn("0.5"), region=small.sichuan)
    return event


def test_publishing_freezes_the_figures_with_time_publisher_and_counted_projects(
    ceremony,
) -> None:
    moment = datetime.datetime(2021, 8, 24, 2, 0, tzinfo=datetime.UTC)
    publication = publish(ceremony, published_by="cli:clerk", now=moment)
    stored = PublishedBulletin.objects.get()
    assert stored.pk == publication.pk
    assert stored.figures["totals"] == {
        "projects": 2,
        "value": "3000000000.00",
        "value_usd": None,
    }
    assert (stored.published_at, stored.published_by, stored.reason) == (moment, "cli:clerk", "")
    assert stored.corrects is None
    ids = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    assert stored.counted == [[pk, 1] for pk in ids]  # outside the host too: all it counted


def test_the_figures_are_kept_as_published_byte_for_byte(ceremony) -> None:
    figures = event_figures(ceremony)
    publish(ceremony, published_by="test")
    stored = PublishedBulletin.objects.get()
    assert stored.figures_json == json.dumps(figures, ensure_ascii=False, indent=2)
    assert list(stored.figures) == list(figures)  # keys in their order, on PostgreSQL too
    assert list(stored.figures["totals"]) == ["projects", "value", "value_usd"]


def test_the_hash_is_sha256_of_the_counted_rows_one_json_line_each(ceremony) -> None:
    publication = publish(ceremony, published_by="test")
    rows = counted_rows(ceremony)
    lines = "".join("[" + ",".join(_json(value) for value in row) + "]\n" for row in rows)
    expected = hashlib.sha256(f"{ROWS_FORMAT}\n{lines}".encode()).hexdigest()
    assert publication.ledger_hash == expected == ledger_hash(rows)
    assert len(rows) == 3
    assert rows[0][2] == bn("1")


def _json(value: object) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if hasattr(value, "quantize"):
        return f'"{value:.2f}"'
    return str(value)


def test_the_hash_changes_with_any_counted_field_and_not_otherwise(
    small: SmallLedger, ceremony
) -> None:
    before = ledger_hash(counted_rows(ceremony))
    project = Project.objects.order_by("pk").first()
    project.description = "建设内容有变化"  # not a counted field
    project.save()
    assert ledger_hash(counted_rows(ceremony)) == before
    project.mode = "offsite"
    project.save()
    assert ledger_hash(counted_rows(ceremony)) != before


def test_publishing_again_needs_a_reason(ceremony) -> None:
    first = publish(ceremony, published_by="cli:clerk")
    with pytest.raises(PublishError, match="--reason"):
        publish(ceremony, published_by="cli:clerk")
    with pytest.raises(PublishError, match="published already"):
        publish(ceremony, reason="   ", published_by="cli:clerk")
    correction = publish(ceremony, reason="一个项目金额录入有误", published_by="cli:chief")
    assert correction.corrects == first
    assert correction.reason == "一个项目金额录入有误"
    assert PublishedBulletin.objects.latest_for(ceremony) == correction


def test_the_first_publication_may_give_a_reason(ceremony) -> None:
    assert publish(ceremony, reason="首次发布", published_by="test").reason == "首次发布"


def test_the_publisher_is_whoever_is_acting_else_the_os_user() -> None:
    assert publisher().startswith("cli:")
    assert len(publisher()) > len("cli:")
    with acting_as("zhang.wei", Source.WEB):
        assert publisher() == "zhang.wei"


def test_each_publication_is_recorded_in_the_audit_log(ceremony) -> None:
    first = publish(ceremony, published_by="cli:clerk")
    correction = publish(ceremony, reason="更正金额", published_by="cli:chief")
    entries = AuditEntry.objects.filter(object_type="published_bulletin").order_by("id")
    assert [(e.action, e.object_id, e.actor) for e in entries] == [
        ("bulletin.publish", str(first.pk), "cli:clerk"),
        ("bulletin.correct", str(correction.pk), "cli:chief"),
    ]
    after = entries[1].after
    assert after["event"] == "T2021"
    assert after["reason"] == "更正金额"
    assert after["corrects"] == first.pk
    assert after["ledger_hash"] == correction.ledger_hash
    assert after["projects_counted"] == 3
    assert after["totals"]["value"] == "3000000000.00"
    digest = hashlib.sha256(correction.figures_json.encode()).hexdigest()
    assert after["figures_sha256"] == digest


def test_a_refused_publication_records_nothing(ceremony) -> None:
    publish(ceremony, published_by="test")
    with pytest.raises(PublishError):
        publish(ceremony, published_by="test")
    assert AuditEntry.objects.filter(object_type="published_bulletin").count() == 1


# --- differences ---------------------------------------------------------------------------------


def test_nothing_differs_right_after_publishing(ceremony) -> None:
    found = differences(publish(ceremony, published_by="test"))
    assert not found
    assert found.as_json() == {"withdrawn": [], "amended": [], "added": [], "removed": []}


def test_amended_withdrawn_added_and_removed_projects_are_listed(
    small: SmallLedger, ceremony
) -> None:
    publication = publish(ceremony, published_by="test")
    first, second, third = Project.objects.order_by("pk")
    Project.objects.filter(pk=first.pk).update(value=bn("1.5"), version=2)
    Project.objects.filter(pk=second.pk).update(withdrawn_at=timezone.now(), version=2)
    Announcement.objects.filter(project=third, event=ceremony).delete()
    added = small.project(ceremony, bn("4"))
    found = differences(publication)
    assert [(item["id"], item["published_version"], item["version"]) for item in found.amended] == [
        (first.pk, 1, 2)
    ]
    assert [item["id"] for item in found.withdrawn] == [second.pk]
    assert found.withdrawn[0]["withdrawn_at"]
    assert [(item["id"], item["name"]) for item in found.added] == [(added.pk, added.name)]
    assert [(item["id"], item["name"]) for item in found.removed] == [(third.pk, third.name)]


def test_a_deleted_project_is_removed_without_a_name(small: SmallLedger, ceremony) -> None:
    publication = publish(ceremony, published_by="test")
    last = Project.objects.order_by("pk").last()
    gone = last.pk
    last.delete()
    assert [(item["id"], item["name"]) for item in differences(publication).removed] == [
        (gone, None)
    ]


# --- what taizhang bulletin shows ----------------------------------------------------------------


def test_an_unpublished_bulletin_shows_today_s_figures(small: SmallLedger, ceremony) -> None:
    figures = shown_figures(ceremony)
    assert figures["published"] is None
    assert "latest_publication" not in figures
    assert figures["totals"]["projects"] == 2


def test_a_published_bulletin_is_shown_as_published_with_what_changed(
    small: SmallLedger, ceremony
) -> None:
    publication = publish(ceremony, published_by="cli:clerk")
    small.project(ceremony, bn("4"))
    figures = shown_figures(ceremony)
    assert figures["totals"]["projects"] == 2  # as published, not today's 3
    status = figures["published"]
    assert status["id"] == publication.pk
    assert status["published_by"] == "cli:clerk"
    assert status["published_at"] == publication.published_at.isoformat()
    assert status["changed_since"] is True
    assert len(status["differences"]["added"]) == 1
    assert status["publications"] == 1


def test_current_figures_are_today_s_with_the_publication_beside_them(
    small: SmallLedger, ceremony
) -> None:
    publish(ceremony, published_by="cli:clerk")
    small.project(ceremony, bn("4"))
    figures = shown_figures(ceremony, current=True)
    assert figures["totals"]["projects"] == 3
    assert figures["published"] is None
    assert figures["latest_publication"]["changed_since"] is True
