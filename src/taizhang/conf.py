"""Typed readers for the environment variables that configure taizhang.

Each reader returns a safe default for the embedded mode when the variable is unset, and raises
:class:`ConfigurationError` naming the variable when it is set to something unusable, so that a
bad value stops start-up with a message instead of surfacing later as a confusing failure.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@/]*@")


class ConfigurationError(Exception):
    """A configuration variable holds a value taizhang cannot use."""

    def __init__(self, variable: str, value: str, expected: str, *, source: str = "") -> None:
        self.variable = variable
        # ``source`` names what held the value when it was not the variable itself (a file).
        super().__init__(f"{source or f'{variable}={value!r}'} is not valid: {expected}.")


def env_str(name: str, default: str) -> str:
    """The variable's value, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable: 1/true/yes/on or 0/false/no/off, any case."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(name, raw, "use one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole-number variable of at least ``minimum``."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigurationError(name, raw, "use a whole number") from None
    if value < minimum:
        raise ConfigurationError(name, raw, f"use a number of at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list variable; blanks between commas are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: list[str]) -> str:
    """A variable that must be one of ``choices`` (compared case-insensitively)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    for choice in choices:
        if raw.strip().lower() == choice.lower():
            return choice
    raise ConfigurationError(name, raw, f"use one of {', '.join(choices)}")


def env_log_level(name: str, default: str) -> str:
    """A logging level name: DEBUG, INFO, WARNING, ERROR or CRITICAL, any case."""
    raw = os.environ.get(name, default)
    level = raw.strip().upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ConfigurationError(name, raw, "use DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return level


def env_home(name: str = "TAIZHANG_HOME") -> Path:
    """The home directory (default: the current directory); its ``var/`` holds the data."""
    raw = os.environ.get(name)
    home = Path(raw).expanduser() if raw else Path.cwd()
    if raw and home.exists() and not home.is_dir():
        raise ConfigurationError(name, raw, "it names a file, use a directory")
    return home.resolve()


def var_dir(home: Path, name: str = "TAIZHANG_HOME") -> Path:
    """``home/var``, created if need be: the SQLite file, the secret key, static files."""
    path = home / "var"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(
            name,
            str(home),
            f"cannot create {path} ({error.strerror or error}); use a directory the user "
            "running taizhang may write to",
        ) from None
    return path


def env_time_zone(name: str, default: str) -> str:
    """An IANA time zone name such as ``Asia/Shanghai``."""
    raw = os.environ.get(name, default)
    try:
        zoneinfo.ZoneInfo(raw)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(name, raw, "use an IANA time zone such as Asia/Shanghai") from None
    return raw


def env_database_url(name: str, default: str) -> str:
    """A database URL: ``sqlite:///path`` or ``postgresql://user:pass@host:port/db``."""
    raw = os.environ.get(name) or default
    shown = _PASSWORD_IN_URL.sub(r"\1***@", raw)  # error messages end up in logs
    expected = "use sqlite:///path/to/file.sqlite3 or postgresql://user@host:5432/db"
    malformed = f"it is not a well-formed URL: {expected}"
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ConfigurationError(name, shown, malformed) from None
    if parts.scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigurationError(name, shown, expected)
    try:
        database = dj_database_url.parse(raw)
    except ValueError:
        raise ConfigurationError(name, shown, malformed) from None
    if parts.scheme == "sqlite" and database["NAME"] in {"", ":memory:"}:
        # An in-memory database would lose the ledger when the process ends.
        raise ConfigurationError(name, shown, "the SQLite URL must name a file: " + expected)
    if parts.scheme != "sqlite" and not parts.path.strip("/"):
        raise ConfigurationError(name, shown, "the PostgreSQL URL must name a database")
    return raw


def env_secret_key(name: str, var_dir: Path) -> str:
    """The secret key, or one generated once and kept in ``var/secret_key`` (mode 0600)."""
    raw = os.environ.get(name)
    if raw is not None:
        if len(raw) < 32:
            raise ConfigurationError(name, "<hidden>", "use at least 32 characters")
        return raw
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        _write_new_key(key_file)
    key = key_file.read_text(encoding="utf-8").strip()
    if len(key) < 32:
        raise ConfigurationError(
            name,
            "",
            f"it holds fewer than 32 characters: delete it to have a new key made, or set {name}",
            source=f"{key_file} (the secret key used while {name} is unset)",
        )
    return key


def _write_new_key(key_file: Path) -> None:
    """Write a new key to ``key_file`` unless another process does so first."""
    draft = key_file.with_name(f"{key_file.name}.{secrets.token_hex(8)}.new")
    # Owner-only permissions from the start, so the key is never world-readable.
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
        # A hard link appears whole and only once: two first starts at the same moment (serve
        # and migrate) agree on one key, and neither reads a half-written file.
        with contextlib.suppress(FileExistsError):
            os.link(draft, key_file)
    finally:
        draft.unlink()
