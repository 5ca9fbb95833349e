"""The demo ledger's SCE 2021 bulletin as a Word document: its tables hold the published numbers."""

from __future__ import annotations

import io

import docx
import pytest
from django.utils import translation

from taizhang.bulletin.docx import render_docx
from taizhang.bulletin.figures import event_figures
from taizhang.ledger.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def documents(demo_ledger, django_db_blocker) -> dict[str, docx.document.Document]:
    """SCE 2021's Word bulletin in each language, rendered once for the module."""
    found = {}
    with django_db_blocker.unblock():
        event = Event.objects.select_related("host").get(code="SCE2021")
        for language, django_language in (("en", "en"), ("zh", "zh-hans")):
            with translation.override(django_language):
                figures = event_figures(event)
            buffer = io.BytesIO()
            render_docx(figures, language, buffer)
            found[language] = docx.Document(io.BytesIO(buffer.getvalue()))
    return found


def rows(document: docx.document.Document) -> dict[str, list[str]]:
    return {
        row.cells[0].text: [cell.text for cell in row.cells[1:]]
        for table in document.tables
        for row in table.rows
    }


def test_the_chinese_tables_hold_the_published_figures(documents) -> None:
    found = rows(documents["zh"])
    assert found["现场签约"][:2] == ["66", "2073"]
    assert found["其中：线下签约"][:2] == ["50", "1675"]
    assert found["其中：线上签约"][:2] == ["16", "398"]
    assert found["场外签约"][:2] == ["26", "451"]
    assert found["10亿元以上"] == ["81", "58", "+23"]
    assert found["50亿元以上"] == ["19", "17", "+2"]
    assert found["智能制造"][0:2] == ["32", "1016"]
    assert found["智能制造"][-1] == "40%"
    assert found["民营企业"][0:2] == ["69", "1670"]
    assert found["民营企业"][-1] == "66%"


def test_the_english_text_and_charts_are_in_the_document(documents) -> None:
    document = documents["en"]
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "¥252.4 billion (US$38.97 billion)" in text
    assert "¥3.2 billion" in text
    assert len(document.inline_shapes) == 3
