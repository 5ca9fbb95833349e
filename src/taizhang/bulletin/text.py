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


#: How many projects a change note names before it says "and N more".
NAMED_PROJECTS = 10


def changes_note(bulletin: Bulletin) -> str:
    """What changed in the ledger since a published bulletin, or "" (none, or unpublished).

    ``taizhang bulletin`` adds its own note after the text form; the Word and Excel
    documents carry this one (``paragraphs(..., with_changes=True)``).
    """
    published = bulletin.published
    if published is None or not published.changes:
        return ""
    language = bulletin.language
    separator = "；" if language == "zh" else "; "
    told = []
    for kind, names in published.changes:
        listed = separator.join(names[:NAMED_PROJECTS])
        if len(names) > NAMED_PROJECTS:
            more = len(names) - NAMED_PROJECTS
            listed = label("and_more", language, names=listed, count=more)
        count = (
            str(len(names))
            if language == "zh"
            else f"{len(names)} project" + ("" if len(names) == 1 else "s")
        )
        told.append(label(f"change_{kind}", language, count=count, names=listed))
    joined = ("，" if language == "zh" else ", ").join(told)
    return label("changed_since", language, changes=joined)


def paragraphs(bulletin: Bulletin, with_changes: bool = False) -> list[str]:
    """The bulletin's paragraphs in its language, then the publication note if it was
    published, and (``with_changes``) what has changed in the ledger since."""
    composer = text_zh if bulletin.language == "zh" else text_en
    notes = [publication_note(bulletin), changes_note(bulletin) if with_changes else ""]
    return [*composer.paragraphs(bulletin), *(note for note in notes if note)]


def render_text(figures: Mapping[str, Any], language: str) -> str:
    """The bulletin of ``figures`` (the JSON form, as a dict) as text in ``language``
    (``en`` or ``zh``): paragraphs separated by a blank line, ending with a newline."""
    return "\n\n".join(paragraphs(read_figures(figures, language))) + "\n"
