"""The machine a benchmark ran on, for the record beside its figures."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.platform()


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages: other work on the machine skews the figures."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def postgres_version(admin_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def machine_lines(admin_url: str | None) -> list[str]:
    """One line per fact: CPUs, CPU model, memory, OS, Python, SQLite, PostgreSQL."""
    lines = [
        f"CPUs: {os.cpu_count()} × {_cpu_model()}; memory {_memory_gib()}",
        f"OS: {_os_name()} ({platform.release()})",
        f"Python {platform.python_version()} ({sys.implementation.name}); "
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if admin_url:
        lines.append(f"PostgreSQL {postgres_version(admin_url)} (server)")
    return lines
