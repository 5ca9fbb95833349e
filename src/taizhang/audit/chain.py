"""The hash chain: how an entry's content is serialised and hashed.

An entry's hash is ``H(canonical JSON of its content)``, where the content holds every stored
field except the hash itself, ``prev_hash`` (the hash of the entry before it) included. The
canonical JSON has sorted keys, no spaces, UTF-8 text, Decimals as strings, and dates and
times in ISO 8601 (times in UTC, to the microsecond), so the same content gives the same bytes
on SQLite and PostgreSQL, today and when verified years later.

``H`` is the entry's own ``algorithm``: SHA-256 by default, SM3 (GB/T 32905-2016) when
``TAIZHANG_AUDIT_HASH=sm3``. Both give 256 bits, written as 64 hexadecimal digits.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from json.encoder import (
    c_make_encoder,  # None on a Python without the _json accelerator
    encode_basestring,  # what ensure_ascii=False writes strings with
)
from typing import Any

from django.conf import settings
from django.utils.functional import Promise

from taizhang.conf import ConfigurationError

#: The algorithms an operator may choose with TAIZHANG_AUDIT_HASH.
ALGORITHMS = ("sha256", "sm3")
DEFAULT_ALGORITHM = "sha256"
#: The ``prev_hash`` of the first entry: there is nothing before it.
GENESIS = "0" * 64
SETTING_VARIABLE = "TAIZHANG_AUDIT_HASH"

#: What a plain value is made of: JSON's types without floats.
Plain = None | bool | int | str | list["Plain"] | dict[str, "Plain"]


class UnavailableAlgorithm(Exception):
    """The hash algorithm is not offered by this machine's Python and OpenSSL."""


def configured_algorithm() -> str:
    """The algorithm new entries are hashed with; raises if this machine cannot compute it."""
    name = getattr(settings, "AUDIT_HASH", DEFAULT_ALGORITHM)
    if name not in ALGORITHMS:
        raise ConfigurationError(SETTING_VARIABLE, name, f"use one of {', '.join(ALGORITHMS)}")
    try:
        new_hasher(name)
    except UnavailableAlgorithm:
        import ssl

        raise ConfigurationError(
            SETTING_VARIABLE,
            name,
            f"this machine's hashlib (on {ssl.OPENSSL_VERSION}) does not offer {name.upper()}; "
            "run taizhang with a Python whose OpenSSL provides it (OpenSSL 1.1.1 or later with "
            f"its default provider), or set {SETTING_VARIABLE}=sha256",
        ) from None
    return name


def new_hasher(name: str) -> Any:
    """A fresh ``hashlib`` object for ``name``; raises :class:`UnavailableAlgorithm`."""
    try:
        return hashlib.new(name)
    except (ValueError, TypeError) as error:
        raise UnavailableAlgorithm(name) from error


def plain(value: Any, where: str = "value") -> Plain:
    """``value`` as the JSON-native value the record stores and hashes.

    Decimals become strings (``Decimal("1.50")`` → ``"1.50"``, the scale kept), dates and
    times ISO 8601 (aware times in UTC), sets sorted lists, enumerations their value, lazy
    translations their text. Floats are refused: an amount is a Decimal, and a float's digits
    would not survive the trip through the database exactly. ``where`` names the value in an
    error message.
    """
    if type(value) in _SIMPLE:
        return value
    return _plain(value, (where,))


#: Types that are already plain (exactly these: a subclass such as an enum is converted).
_SIMPLE = frozenset({str, int, bool, type(None)})


def _decimal_text(value: Decimal) -> str:
    if not value.is_finite():
        raise TypeError(f"The audit record cannot hold {value}.")
    return str(value)


def _datetime_text(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    return value.isoformat(timespec="microseconds")


#: The commonest values that are not JSON's own, by exact type, each with its conversion: what
#: the branches of :func:`_plain` below do for them, found with one lookup instead of a chain
#: of isinstance tests (an import's rows are full of amounts and dates).
_CONVERSIONS: dict[type, Callable[[Any], str]] = {
    Decimal: _decimal_text,
    datetime.date: datetime.date.isoformat,
    datetime.datetime: _datetime_text,
    datetime.time: datetime.time.isoformat,
}


def _plain(value: Any, where: tuple[Any, ...]) -> Plain:
    # The path to the value is kept as a tuple and joined only for an error message: a bulk
    # import converts millions of values and must not build a string for each.
    kind = type(value)
    if kind in _SIMPLE:
        return value
    convert = _CONVERSIONS.get(kind)
    if convert is not None:
        try:
            return convert(value)
        except TypeError:
            raise TypeError(f"The audit record cannot hold {value} (at {_path(where)}).") from None
    if kind is dict or isinstance(value, Mapping):
        return {
            str(key): item if type(item) in _SIMPLE else _plain(item, (*where, key))
            for key, item in value.items()
        }
    if kind is list or kind is tuple:
        return [
            item if type(item) in _SIMPLE else _plain(item, (*where, index))
            for index, item in enumerate(value)
        ]
    if isinstance(value, enum.Enum):
        return _plain(value.value, where)
    if isinstance(value, bool | str):
        return bool(value) if isinstance(value, bool) else str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise TypeError(f"The audit record cannot hold {value} (at {_path(where)}).")
        return str(value)
    if isinstance(value, float):
        raise TypeError(
            f"The audit record does not take floats (at {_path(where)}: {value!r}): pass a "
            "Decimal or a string, so that every digit is kept."
        )
    if isinstance(value, datetime.datetime):
        return _datetime_text(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Promise):
        return str(value)
    if isinstance(value, set | frozenset):
        items = [_plain(item, (*where, "[]")) for item in value]
        return sorted(items, key=canonical_text)
    if isinstance(value, list | tuple):
        return [_plain(item, (*where, index)) for index, item in enumerate(value)]
    raise TypeError(
        f"The audit record cannot hold a {type(value).__name__} (at {_path(where)}): pass its "
        "id or its text."
    )


def _path(where: tuple[Any, ...]) -> str:
    """``("after", "investors", 0)`` → ``after.investors[0]``."""
    text = str(where[0])
    for part in where[1:]:
        text += f"[{part}]" if isinstance(part, int) or part == "[]" else f".{part}"
    return text


_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def canonical_text(value: Plain) -> str:
    """The canonical JSON of a plain value: sorted keys, no spaces, characters unescaped."""
    return _ENCODER.encode(value)


def _met(value: Any) -> Plain:
    """What the encoder of :func:`plain_text` calls for a value that is not JSON's own."""
    convert = _CONVERSIONS.get(type(value))
    if convert is not None:
        return convert(value)
    return _plain(value, ("value",))


#: The C encoder itself, made once (json.JSONEncoder.encode makes one on every call), without
#: the check for circular references (a plain value is a tree); the pure-Python encoder on a
#: Python without the accelerator.
_PLAIN_ENCODER = (
    c_make_encoder(None, _met, encode_basestring, None, ":", ",", True, False, False)
    if c_make_encoder is not None
    else json.JSONEncoder(
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_met
    ).iterencode
)


def plain_text(value: Any) -> str:
    """``canonical_text(plain(value))`` in one pass of the C encoder, for a value the caller
    knows to be plain data.

    That is: dicts with string keys, lists and tuples, strings, ints, bools and None, and
    among them anything :func:`plain` converts (Decimals, dates, times, enumerations, UUIDs,
    sets…), converted exactly as it converts them, when the encoder meets them.

    Nothing else is checked, to be fast: the value must hold **no float** (``plain`` refuses
    them; the encoder would write their ``repr``) and **no key that is not a string**
    (``plain`` writes ``str(key)``; the encoder writes ``true`` for ``True`` and sorts numbers
    as numbers). For every other value the text is that of ``canonical_text(plain(value))``.
    """
    return "".join(_PLAIN_ENCODER(value, 0))


def entry_content(
    *,
    id: int,
    time: datetime.datetime,
    actor: str,
    source: str,
    request_id: str,
    action: str,
    object_type: str,
    object_id: str,
    before: Plain,
    after: Plain,
    result: str,
    algorithm: str,
    prev_hash: str,
) -> dict[str, Plain]:
    """What an entry's hash covers: every stored field but the hash, as plain values."""
    return {
        "id": id,
        "time": plain(time),
        "actor": actor,
        "source": source,
        "request_id": request_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "before": before,
        "after": after,
        "result": result,
        "algorithm": algorithm,
        "prev_hash": prev_hash,
    }


def content_text(
    content: dict[str, Plain], *, before: str | None = None, after: str | None = None
) -> str:
    """``canonical_text(content)``, assembled field by field in the canonical key order.

    The same text, made faster: without a general encoder pass over the whole content, and
    without encoding ``before`` and ``after`` again when the caller has their canonical text
    already (the recorder stores it), so a bulk import's entries are encoded once.
    """
    if before is None:
        before = canonical_text(content["before"])
    if after is None:
        after = canonical_text(content["after"])
    text = encode_basestring
    try:
        return (
            f'{{"action":{text(content["action"])},"actor":{text(content["actor"])},'
            f'"after":{after},"algorithm":{text(content["algorithm"])},"before":{before},'
            f'"id":{_integer(content["id"])},"object_id":{text(content["object_id"])},'
            f'"object_type":{text(content["object_type"])},'
            f'"prev_hash":{text(content["prev_hash"])},'
            f'"request_id":{text(content["request_id"])},"result":{text(content["result"])},'
            f'"source":{text(content["source"])},"time":{text(content["time"])}}}'
        )
    except TypeError:
        # A field that is not text where text belongs (a tampered row): the general path.
        return canonical_text(content)


def _integer(value: Any) -> str:
    if type(value) is not int:
        raise TypeError(value)
    return str(value)


def hash_text(text: str, algorithm: str) -> str:
    """The hexadecimal hash of ``text``'s UTF-8 bytes, with ``algorithm``."""
    hasher = new_hasher(algorithm)
    hasher.update(text.encode("utf-8"))
    return hasher.hexdigest()


def hash_function(algorithm: str) -> Callable[[bytes], Any]:
    """The ``hashlib`` constructor of ``algorithm``, called with the bytes to hash:
    ``hash_function("sha256")(data).hexdigest()``. Raises :class:`UnavailableAlgorithm`."""
    new_hasher(algorithm)
    if algorithm == "sha256":
        return hashlib.sha256  # the named constructor: no lookup by name per entry
    return partial(hashlib.new, algorithm)


class ContentTexts:
    """The canonical content text of entries written together, built from pieces encoded once.

    The entries of one ``record_many`` share their time, actor, source, request id and
    algorithm: those are encoded here once, and :meth:`text` puts an entry's own fields
    between them. What it returns is exactly :func:`content_text` of the same content (the
    tests compare the two); :func:`content_text` remains what ``audit verify`` uses.
    """

    def __init__(
        self,
        *,
        time: datetime.datetime,
        actor: str,
        source: str,
        request_id: str,
        algorithm: str,
    ) -> None:
        text = encode_basestring
        self.actor_after = f',"actor":{text(actor)},"after":'
        self.algorithm_before = f',"algorithm":{text(algorithm)},"before":'
        self.request_id_result = f',"request_id":{text(request_id)},"result":'
        self.source_time = f',"source":{text(source)},"time":{text(plain(time))}}}'

    def text(
        self,
        id: int,
        action_text: str,
        object_type_text: str,
        object_id: str,
        before_text: str,
        after_text: str,
        result_text: str,
        prev_hash: str,
    ) -> str:
        """One entry's content text. ``action_text``, ``object_type_text`` and ``result_text``
        are the JSON strings of those fields (``encode_basestring``), as the caller caches
        them; ``before_text`` and ``after_text`` are canonical JSON (``"null"`` for None)."""
        return (
            f'{{"action":{action_text}{self.actor_after}{after_text}{self.algorithm_before}'
            f'{before_text},"id":{id},"object_id":{encode_basestring(object_id)},'
            f'"object_type":{object_type_text},"prev_hash":{encode_basestring(prev_hash)}'
            f"{self.request_id_result}{result_text}{self.source_time}"
        )


def hash_content(content: dict[str, Plain], algorithm: str) -> str:
    """The hexadecimal hash of ``content``'s canonical JSON, with ``algorithm``."""
    return hash_text(content_text(content), algorithm)
