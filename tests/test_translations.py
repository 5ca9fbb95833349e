"""The Chinese catalogue: complete, checked, compiled, in step with the source, and used.

The catalogue is src/taizhang/locale/zh_Hans/LC_MESSAGES/django.po with its compiled django.mo
beside it; scripts/messages brings both up to date (see its comments for the routine).
"""

from __future__ import annotations

import os
import re
import shutil
import string
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.utils import translation

import taizhang
from tests.support.cli import clean_environment, run_taizhang

PACKAGE_DIR = Path(taizhang.__file__).parent
MESSAGES_DIR = PACKAGE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_FILE = MESSAGES_DIR / "django.po"
MO_FILE = MESSAGES_DIR / "django.mo"
#: What scripts/messages passes to makemessages --ignore; keep the two in step.
IGNORED = ["tests/*", "benchmarks/*", ".venv/*"]
REMEDY = "run scripts/messages, translate what it reports, and commit django.po and django.mo"

#: A printf-style placeholder: %(name)s, %s, %5.2f, %%.
PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<type>.)"
)
#: A count set apart from the Chinese around it by a space ("第 %(row)d 行"); a count that ends
#: a Latin name keeps its space ("PostgreSQL %(server)d 服务器").
SPACED_COUNT = re.compile(r"(?<![A-Za-z] )%\(\w+\)d [\u4e00-\u9fff]|[\u4e00-\u9fff] %\(\w+\)d")
#: A Chinese character beside ASCII punctuation: a sentence that needs ，。：；（）？！ instead.
ASCII_PUNCTUATION_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,;:()?!]|[,;:()?!][\u4e00-\u9fff]")


def catalogue() -> list[polib.POEntry]:
    """The entries of the committed .po, without the header and without obsolete ones."""
    return [entry for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete]


def translations(entry: polib.POEntry) -> list[str]:
    """The entry's msgstr, or its plural forms in order."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[form] for form in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def key(entry: polib.POEntry) -> tuple[str | None, str, str]:
    """What identifies a message to gettext: its context, its text and its plural text."""
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def percent_placeholders(text: str) -> tuple[frozenset[tuple[str, str]], list[str]]:
    """The named %(x)s placeholders as a set, and the bare ones (%s, %d) in order."""
    named: set[tuple[str, str]] = set()
    bare: list[str] = []
    for match in PERCENT.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is None:
            bare.append(match["type"])
        else:
            named.add((match["name"], match["type"]))
    return frozenset(named), bare


def brace_placeholders(text: str) -> frozenset[str]:
    """The {x} placeholders, each with its conversion and format spec ({month:02d})."""
    fields = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.add(
                f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            )
    return frozenset(fields)


def placeholder_problems(entry: polib.POEntry) -> list[str]:
    """Why the entry's translations would format differently from its source; empty if not."""
    problems = []
    # Chinese has one plural form: it stands for every count, so it takes the plural's fields.
    source = entry.msgid_plural or entry.msgid
    for text in translations(entry):
        if "python-format" in entry.flags and percent_placeholders(text) != percent_placeholders(
            source
        ):
            problems.append(f"{source!r} -> {text!r}: %-placeholders differ")
        if "python-brace-format" in entry.flags:
            try:
                differ = brace_placeholders(text) != brace_placeholders(source)
            except ValueError as error:  # an unmatched { or } would fail at .format()
                differ, text = True, f"{text!r} ({error})"
            if differ:
                problems.append(f"{source!r} -> {text!r}: {{}}-placeholders differ")
    return problems


# --- the catalogue on its own ------------------------------------------------------------------


def test_the_catalogue_declares_simplified_chinese_with_one_plural_form() -> None:
    metadata = polib.pofile(str(PO_FILE)).metadata
    assert metadata["Language"] == "zh_Hans"
    assert metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_every_entry_is_translated() -> None:
    untranslated = [
        entry.msgid
        for entry in catalogue()
        if not all(text.strip() for text in translations(entry))
    ]
    assert untranslated == [], f"untranslated entries: {REMEDY}"


def test_every_plural_entry_has_the_one_form_chinese_has() -> None:
    plurals = [entry for entry in catalogue() if entry.msgid_plural]
    assert plurals, "the catalogue has no plural entry to check"
    assert [entry.msgid for entry in plurals if sorted(entry.msgstr_plural) != [0]] == []


def test_no_entry_is_fuzzy() -> None:
    # A fuzzy entry is msgmerge's guess from a similar old message: gettext ignores it, and it
    # is often wrong. Each must be checked by a person and its flag removed.
    fuzzy = [entry.msgid for entry in catalogue() if entry.fuzzy]
    assert fuzzy == [], f"fuzzy entries: check each translation, remove the flag, {REMEDY}"


def test_every_translation_has_the_placeholders_of_its_source() -> None:
    problems = [problem for entry in catalogue() for problem in placeholder_problems(entry)]
    assert problems == []


def test_the_placeholder_check_catches_a_lost_or_renamed_placeholder() -> None:
    def entry(msgid: str, msgstr: str, flag: str) -> polib.POEntry:
        return polib.POEntry(msgid=msgid, msgstr=msgstr, flags=[flag])

    assert placeholder_problems(entry("Row %(row)d", "第 %(row)d 行", "python-format")) == []
    assert placeholder_problems(entry("Row %(row)d", "第 %(line)d 行", "python-format"))
    assert placeholder_problems(entry("Row %(row)d", "第 %(row)s 行", "python-format"))
    assert placeholder_problems(entry("%s of %s", "%s", "python-format"))
    assert placeholder_problems(entry("{value} is", "{值}是", "python-brace-format"))
    assert placeholder_problems(entry("{month:02d}", "{month}月", "python-brace-format"))
    assert placeholder_problems(entry("{value} is", "{value 是", "python-brace-format"))


def test_sentences_use_chinese_punctuation() -> None:
    ascii_beside_chinese = [
        text
        for entry in catalogue()
        for text in translations(entry)
        if ASCII_PUNCTUATION_IN_CHINESE.search(text)
    ]
    assert ascii_beside_chinese == [], "use ，。：；（）？！ between Chinese words"


def test_counts_sit_close_to_their_chinese_as_official_documents_write_them() -> None:
    spaced = [
        text for entry in catalogue() for text in translations(entry) if SPACED_COUNT.search(text)
    ]
    assert spaced == [], "write 第%(row)d行 and %(count)d个项目, without spaces"


# --- the compiled catalogue ---------------------------------------------------------------------


def compiled_messages(entries: polib.POFile | polib.MOFile) -> dict[tuple, tuple[str, ...]]:
    """What a compiled catalogue answers: each message's translation(s), by its key."""
    return {
        key(entry): tuple(translations(entry))
        for entry in entries
        if entry.msgid and not entry.obsolete
    }


def test_the_committed_mo_is_compiled_from_the_committed_po() -> None:
    po = polib.pofile(str(PO_FILE))
    expected = polib.mofile(po.to_binary())
    committed = polib.mofile(str(MO_FILE))
    assert compiled_messages(committed) == compiled_messages(expected), (
        f"django.mo is behind django.po: {REMEDY}"
    )
    assert committed.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]


# --- the catalogue against the source ----------------------------------------------------------


def extracted_from_source(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> polib.POFile:
    """A fresh catalogue made by makemessages from a copy of the package, as scripts/messages
    makes it, without touching the committed one."""
    if shutil.which("xgettext") is None:
        reason = "GNU gettext's xgettext is not installed (Debian: apt-get install gettext)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must check that the catalogue covers the source")
        pytest.skip(reason)
    copy = tmp_path / "taizhang"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)  # makemessages reads the tree it runs in
    call_command(
        "makemessages", locale=["zh_Hans"], ignore_patterns=IGNORED, no_obsolete=True, verbosity=0
    )
    return polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def test_the_catalogue_holds_every_marked_string_of_the_source_and_no_other(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_source = {key(entry) for entry in extracted_from_source(tmp_path, settings, monkeypatch)}
    in_catalogue = {key(entry) for entry in catalogue()}
    missing = sorted(msgid for _context, msgid, _plural in in_source - in_catalogue)
    stale = sorted(msgid for _context, msgid, _plural in in_catalogue - in_source)
    assert missing == [], f"{len(missing)} not in the catalogue: {REMEDY}\n" + "\n".join(missing)
    assert stale == [], f"{len(stale)} no longer in the source: {REMEDY}\n" + "\n".join(stale)


# --- the translations in use --------------------------------------------------------------------


def test_a_plural_message_takes_the_one_chinese_form_for_any_count() -> None:
    with translation.override("zh-hans"):
        one = translation.ngettext("%(count)d project", "%(count)d projects", 1)
        many = translation.ngettext("%(count)d project", "%(count)d projects", 92)
    assert one % {"count": 1} == "1个项目"
    assert many % {"count": 92} == "92个项目"


@pytest.mark.parametrize(
    ("accept_language", "expected", "absent"),
    [
        ("zh-CN,zh;q=0.9", "招商引资签约项目台账", "the ledger of signed investment projects"),
        ("en-US,en;q=0.9", "the ledger of signed investment projects", "招商引资签约项目台账"),
    ],
)
def test_the_home_page_speaks_the_browser_s_language(
    client: Client, accept_language: str, expected: str, absent: str
) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    assert expected in page
    assert absent not in page


def test_the_home_page_speaks_chinese_to_a_browser_that_states_no_language(
    client: Client, settings
) -> None:
    settings.LANGUAGE_CODE = "zh-hans"  # what TAIZHANG_LANGUAGE gives when it is unset
    page = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "台账管理" in page
    assert "系统运行状态" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"), [("zh-hans", "签约项目台账"), ("en", "taizhang 台账")]
)
def test_the_admin_names_the_site_in_the_active_language(
    rf: RequestFactory, language: str, title: str
) -> None:
    request = rf.get("/admin/")
    request.user = AnonymousUser()
    with translation.override(language):
        context = admin.site.each_context(request)  # what every admin page's header shows
        assert (str(context["site_header"]), str(context["site_title"])) == (title, title)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "尚无签约活动，请用“taizhang events add”新增。"),
        ("en", "No signing events yet; add one with “taizhang events add”."),
    ],
)
def test_events_list_says_there_are_no_events_in_the_active_language(
    language: str, expected: str
) -> None:
    out = StringIO()
    with translation.override(language):
        call_command("events", "list", stdout=out)
    assert out.getvalue().strip() == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "--within：“不存在”不是已知地区"),
        ("en", "--within: “不存在” is not a known region"),
    ],
)
def test_an_unknown_region_is_reported_in_the_active_language(language: str, expected: str) -> None:
    with translation.override(language), pytest.raises(CommandError) as raised:
        call_command("regions", "list", "--within", "不存在", stdout=StringIO())
    assert str(raised.value).startswith(expected)


def test_the_command_line_speaks_the_language_taizhang_language_names(tmp_path: Path) -> None:
    env = clean_environment(tmp_path, TAIZHANG_LANGUAGE="zh-hans")
    migrated = run_taizhang("migrate", "--no-input", "-v", "0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    listed = run_taizhang("events", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "尚无签约活动，请用“taizhang events add”新增。"
    unknown = run_taizhang("regions", "list", "--within", "不存在", env=env)
    assert unknown.returncode == 1
    assert "“不存在”不是已知地区" in unknown.stderr
