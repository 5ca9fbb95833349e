"""The canonical form and the hash: the same content gives the same bytes, anywhere."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.audit import chain
from taizhang.audit.chain import (
    GENESIS,
    canonical_text,
    configured_algorithm,
    content_text,
    entry_content,
    hash_content,
    plain,
)
from taizhang.conf import ConfigurationError

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def content(**changes) -> dict:
    values = {
        "id": 1,
        "time": datetime.datetime(2024, 5, 1, 9, 30, tzinfo=datetime.UTC),
        "actor": "cli:alice",
        "source": "cli",
        "request_id": "",
        "action": "project.update",
        "object_type": "project",
        "object_id": "42",
        "before": {"value": "100.00"},
        "after": {"value": "120.00"},
        "result": "success",
        "algorithm": "sha256",
        "prev_hash": GENESIS,
    }
    values.update(changes)
    return entry_content(**values)


def test_decimals_keep_every_digit_and_their_scale_as_text() -> None:
    assert plain(Decimal("252400000000.10")) == "252400000000.10"
    assert plain({"value": Decimal("1.50")}) == {"value": "1.50"}


def test_dates_are_iso_and_times_are_utc_to_the_microsecond() -> None:
    assert plain(datetime.date(2021, 8, 23)) == "2021-08-23"
    signed = datetime.datetime(2021, 8, 23, 10, 0, tzinfo=SHANGHAI)
    assert plain(signed) == "2021-08-23T02:00:00.000000+00:00"


def test_floats_are_refused_with_where_they_were() -> None:
    with pytest.raises(TypeError, match=r"after\.value"):
        plain({"value": 1.5}, "after")


def test_an_object_that_is_not_data_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot hold a object"):
        plain(object())


def test_sets_become_sorted_lists_so_their_order_cannot_change_a_hash() -> None:
    assert plain({"b", "a", "c"}) == ["a", "b", "c"]


def test_the_canonical_text_sorts_keys_and_keeps_chinese_characters() -> None:
    assert canonical_text({"b": 1, "a": "渝北"}) == '{"a":"渝北","b":1}'


def test_the_hash_covers_every_field_and_the_previous_hash() -> None:
    original = hash_content(content(), "sha256")
    assert hash_content(content(), "sha256") == original
    for name, value in [
        ("actor", "cli:mallory"),
        ("after", {"value": "120.01"}),
        ("time", datetime.datetime(2024, 5, 1, 9, 30, 0, 1, tzinfo=datetime.UTC)),
        ("prev_hash", "1" * 64),
        ("result", "failure"),
    ]:
        assert hash_content(content(**{name: value}), "sha256") != original, name


def test_sha256_is_the_hash_of_the_canonical_utf8_text() -> None:
    expected = hashlib.sha256(canonical_text(content()).encode("utf-8")).hexdigest()
    assert hash_content(content(), "sha256") == expected


def test_sm3_gives_the_test_vector_of_gb_t_32905() -> None:
    # GB/T 32905-2016, appendix A.1: SM3("abc").
    hasher = chain.new_hasher("sm3")
    hasher.update(b"abc")
    assert hasher.hexdigest() == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )


def test_sm3_and_sha256_hash_the_same_content_differently() -> None:
    sm3 = hash_content(content(algorithm="sm3"), "sm3")
    assert len(sm3) == 64
    assert sm3 != hash_content(content(algorithm="sm3"), "sha256")


def test_sm3_can_be_chosen(settings) -> None:
    settings.AUDIT_HASH = "sm3"
    assert configured_algorithm() == "sm3"


def test_asking_for_sm3_where_openssl_lacks_it_stops_start_up(settings, monkeypatch) -> None:
    settings.AUDIT_HASH = "sm3"

    def without_sm3(name: str, *args):
        if name == "sm3":
            raise ValueError("unsupported hash type sm3")
        return hashlib.sha256()

    monkeypatch.setattr(chain.hashlib, "new", without_sm3)
    with pytest.raises(ConfigurationError, match=r"TAIZHANG_AUDIT_HASH='sm3'.*does not offer SM3"):
        configured_algorithm()


def test_an_unknown_algorithm_setting_is_refused(settings) -> None:
    settings.AUDIT_HASH = "md5"
    with pytest.raises(ConfigurationError, match="use one of sha256, sm3"):
        configured_algorithm()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@given(
    actor=st.text(min_size=1),
    object_id=st.text(min_size=1),
    before=json_values,
    after=json_values,
    number=st.integers(min_value=1, max_value=2**62),
)
def test_the_content_assembled_field_by_field_is_the_canonical_json(
    actor, object_id, before, after, number
) -> None:
    fields = content(
        id=number, actor=actor, object_id=object_id, before=plain(before), after=plain(after)
    )
    expected = canonical_text(fields)
    assert content_text(fields) == expected
    assert (
        content_text(
            fields, before=canonical_text(fields["before"]), after=canonical_text(fields["after"])
        )
        == expected
    )


def test_an_error_names_the_path_to_the_value() -> None:
    with pytest.raises(TypeError, match=r"at after\.investors\[1\]\.share"):
        plain({"investors": [{"share": Decimal(1)}, {"share": 0.5}]}, "after")


def test_a_field_of_the_wrong_type_is_still_hashed_canonically() -> None:
    # A tampered row may hold a number where text belongs; verify must still hash it.
    odd = content(actor=12, object_id=None)
    assert content_text(odd) == canonical_text(odd)
