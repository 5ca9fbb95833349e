"""PostgreSQL's client programs (pg_dump, pg_restore): finding one that fits, and running it.

A program is looked for on PATH, then in the versioned directories packages install to
(``/usr/lib/postgresql/<major>/bin`` on Debian and Ubuntu, ``/usr/pgsql-<major>/bin`` on Red
Hat's family). pg_dump refuses a server newer than itself, so the program's major version
must be at least the server's.
"""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from taizhang.i18n import join_list

_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")
_SEARCHED = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/homebrew/opt/libpq/bin")
#: Connection options Django passes through to libpq, and the variable each one has there.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class ToolError(Exception):
    """A PostgreSQL client program is missing, too old, or failed; the message says which."""


@dataclass(frozen=True)
class Tool:
    """A client program and its major version."""

    path: Path
    major: int


def find(name: str, server_major: int) -> Tool:
    """The ``name`` program (``pg_dump``) for a server of ``server_major``; raises
    :class:`ToolError` saying what was found and what to install."""
    candidates: list[Path] = []
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for pattern in _SEARCHED:
        candidates.extend(Path(found) / name for found in glob.glob(pattern))
    seen: list[Tool] = []
    for candidate in candidates:
        major = _major(candidate) if candidate.is_file() else None
        if major is not None:
            seen.append(Tool(candidate, major))
    fitting = [tool for tool in seen if tool.major >= server_major]
    if fitting:
        # The one on PATH when it fits (the operator's choice), else the newest installed.
        return (
            fitting[0]
            if fitting[0].path == Path(on_path or "")
            else max(fitting, key=lambda tool: tool.major)
        )
    if seen:
        raise ToolError(
            _(
                "%(name)s is too old for this PostgreSQL %(server)d server: found %(found)s. "
                "Install PostgreSQL %(server)d's client programs (on Debian and Ubuntu the "
                "package postgresql-client-%(server)d) and run the command again."
            )
            % {
                "name": name,
                "server": server_major,
                "found": join_list(f"{tool.path} ({tool.major})" for tool in seen),
            }
        )
    raise ToolError(
        _(
            "%(name)s was not found on PATH nor in /usr/lib/postgresql/*/bin: it is one of "
            "PostgreSQL's client programs. Install them (on Debian and Ubuntu the package "
            "postgresql-client-%(server)d), or put the directory that holds %(name)s on PATH, "
            "and run the command again."
        )
        % {"name": name, "server": server_major}
    )


def libpq_environment(settings_dict: dict[str, Any], base: dict[str, str]) -> dict[str, str]:
    """``base`` with the PG* variables that connect libpq programs where Django connects.

    The password travels in the environment of the child process, never on its command line,
    where other users of the machine could read it.
    """
    env = dict(base)
    pairs = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
    }
    for option, variable in _LIBPQ_OPTIONS.items():
        pairs[variable] = (settings_dict.get("OPTIONS") or {}).get(option)
    for variable, value in pairs.items():
        if value not in (None, ""):
            env[variable] = str(value)
    return env


def run(tool: Tool, arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``tool`` to the end; raises :class:`ToolError` with its own words when it fails."""
    completed = subprocess.run(
        [str(tool.path), *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise ToolError(
            _("%(program)s failed (exit status %(status)d): %(error)s")
            % {
                "program": tool.path.name,
                "status": completed.returncode,
                "error": completed.stderr.strip() or completed.stdout.strip(),
            }
        )
    return completed


def _major(path: Path) -> int | None:
    try:
        completed = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = _VERSION.search(completed.stdout)
    return int(found.group(1)) if found else None
