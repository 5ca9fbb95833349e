"""Typed readers for the environment variables that configure taizhang.

Each reader returns a safe default for the embedded mode when the variable is unset, and raises
:class:`ConfigurationError` naming the variable when it is set to something unusable, so that a
bad value stops start-up with a message instead of surfacing later as a confusing failure.
"""

from __future__ import annotations

import os
import secrets
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(Exception):
    """A configuration variable holds a value taizhang cannot use."""

    def __init__(self, variable: str, value: str, expected: str) -> None:
        self.variable = variable
        super().__init__(f"{variable}={value!r} is not valid: {expected}.")


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


def env_home(name: str = "TAIZHANG_HOME") -> Path:
    """The home directory (default: the current directory); its ``var/`` holds the data."""
    raw = os.environ.get(name)
    home = Path(raw).expanduser() if raw else Path.cwd()
    if raw and home.exists() and not home.is_dir():
        raise ConfigurationError(name, raw, "it names a file, use a directory")
    return home.resolve()


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
    scheme = urlsplit(raw).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigurationError(
            name, raw, "use sqlite:///path/to/file.sqlite3 or postgresql://user@host:5432/db"
        )
    if scheme != "sqlite" and not urlsplit(raw).path.strip("/"):
        raise ConfigurationError(name, raw, "the PostgreSQL URL must name a database")
    return raw


def env_secret_key(name: str, var_dir: Path) -> str:
    """The secret key, or one generated once and kept in ``var/secret_key`` (mode 0600)."""
    raw = os.environ.get(name)
    if raw is not None:
        if len(raw) < 32:
            raise ConfigurationError(name, "<hidden>", "use at least 32 characters")
        return raw
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Create with owner-only permissions from the start so the key is never world-readable.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key
