"""Running one step of the benchmark in a process of its own and measuring it.

Each import, floor and baseline runs in a fresh child process, so its peak memory is its own
and nothing it imported or cached helps the next one. Wall time is taken around the child's
whole life (start-up included: that is what an operator waits for), and peak memory is the
child's maximum resident set size as the kernel reports it to :func:`os.wait4` (Linux counts
it in KiB, and includes any child that process waited for). Unlike the
``RUSAGE_CHILDREN`` figure of :func:`resource.getrusage`, which is the largest of all children
so far, ``wait4`` gives this one child's own.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Variables a measured process must not inherit from the shell that runs the benchmark.
_INHERITED_PREFIXES = ("TAIZHANG_", "DJANGO_")

#: The directory holding ``benchmarks/``: child processes import ``benchmarks.*`` from it.
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measured:
    """How one child process went: its exit status, wall time, peak memory and output."""

    returncode: int
    seconds: float
    cpu_seconds: float  # user + system time of the process (not of a database server)
    peak_rss_mb: float
    timed_out: bool
    log: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def tail(self, lines: int = 15) -> str:
        """The last lines the process printed, to show why it failed."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def child_environment(**variables: str) -> dict[str, str]:
    """This process's environment without ``TAIZHANG_*``/``DJANGO_*``, plus ``variables``.

    ``benchmarks`` is put on the path, output is UTF-8 and unbuffered, and messages are in
    English so that a failure reads the same on every machine.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(_INHERITED_PREFIXES)}
    # Measured processes use and write bytecode like any installed program's second run;
    # without it every start would compile Django from source (seconds, not the import's).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUNBUFFERED"] = "1"
    env["TAIZHANG_LANGUAGE"] = "en"
    env.update(variables)
    return env


def python_module(module: str, *args: str) -> list[str]:
    """The command line running ``python -m module args`` with this interpreter."""
    return [sys.executable, "-m", module, *args]


def run_measured(
    command: Sequence[str],
    *,
    env: Mapping[str, str],
    log: Path,
    timeout: float | None = None,
) -> Measured:
    """Run ``command`` to its end (or kill it after ``timeout`` seconds) and measure it.

    Its standard output and error go to ``log``; standard input is empty, as under CI, so no
    progress bar or prompt is drawn.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    timed_out = threading.Event()
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a timeout kills all it started
        )
        timer = None
        if timeout is not None:
            timer = threading.Timer(timeout, _kill_group, (process.pid, timed_out))
            timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            if timer is not None:
                timer.cancel()
        seconds = time.perf_counter() - started
    # os.wait4 reaped the child: tell Popen so that it does not wait for it again.
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        returncode=process.returncode,
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
        timed_out=timed_out.is_set(),
        log=log,
    )


def run_checked(
    command: Sequence[str], *, env: Mapping[str, str], what: str, timeout: float = 600
) -> None:
    """Run a preparation step (not measured); raise :class:`StepFailed` if it fails."""
    result = subprocess.run(
        list(command),
        env=dict(env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()[-15:]
        raise StepFailed(f"{what} failed (exit status {result.returncode}):\n" + "\n".join(output))


#: The packages the measured processes import, compiled to bytecode before measuring.
MEASURED_PACKAGES = (
    "asgiref",
    "benchmarks",
    "diff_match_patch",
    "dj_database_url",
    "django",
    "et_xmlfile",
    "import_export",
    "openpyxl",
    "psycopg",
    "pycountry",
    "sqlparse",
    "tablib",
    "taizhang",
    "tqdm",
    "xlsxwriter",
)


def compile_bytecode() -> None:
    """Compile the measured packages' modules to bytecode (a no-op when already done).

    An environment with ``PYTHONDONTWRITEBYTECODE`` set (some sandboxes and CI set it) would
    otherwise have every measured process compile Django from source first: seconds of
    start-up that no installed taizhang pays.
    """
    directories = []
    for name in MEASURED_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            directories.extend(spec.submodule_search_locations)
    subprocess.run(
        python_module("compileall", "-q", "-j", "0", *directories),
        env=child_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        check=False,  # a module that does not compile fails loudly when it is imported
    )


class StepFailed(Exception):
    """A preparation step of the benchmark failed; the message says which and shows why."""


def _kill_group(pid: int, timed_out: threading.Event) -> None:
    timed_out.set()
    with contextlib.suppress(ProcessLookupError):  # it ended just as the timer fired
        os.killpg(pid, signal.SIGKILL)
