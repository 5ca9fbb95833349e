"""The text form of a bulletin (``--format text``): paragraphs in English or Chinese.

The English and the Chinese are composed by their own modules (:mod:`.text_en`,
:mod:`.text_zh`) because a Chinese release is not a translation of an English one: it orders,
joins and leaves out differently. Both read the same exact figures (:mod:`.view`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from taizhang.bulletin import text_en, text_zh
from taizhang.bulletin.view import Bulletin, read_figures
from taizhang.bulletin.wording import label, moment_text


def publication_note(bulletin: Bulletin) -> str:
    """ "Figures as published on 25 August 2021 by …" for a published bulletin, else ""."""
    published = bulletin.published
    if published is None:
        return ""
    language = bulletin.language
    note = label(
        "published",
        language,
        date=moment_text(published.at, language) if published.at else "",
        by=label("published_by", language, name=published.by) if published.by else "",
    )
    if published.reason:
        note += " " + label("correction", language, reason=published.reason)
    return note


def paragraphs(bulletin: Bulletin) -> list[str]:
    """The bulletin's paragraphs in its language, with the publication note last if any."""
    composer = text_zh if bulletin.language == "zh" else text_en
    note = publication_note(bulletin)
    return [*composer.paragraphs(bulletin), *([note] if note else [])]


def render_text(figures: Mapping[str, Any], language: str) -> str:
    """The bulletin of ``figures`` (the JSON form, as a dict) as text in ``language``
    (``en`` or ``zh``): paragraphs separated by a blank line, ending with a newline."""
    return "\n\n".join(paragraphs(read_figures(figures, language))) + "\n"
