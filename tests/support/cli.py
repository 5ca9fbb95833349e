"""Run the ``taizhang`` console command in a subprocess, as an operator would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Variables a test must never inherit from the shell that runs the suite.
_INHERITED_PREFIXES = ("TAIZHANG_", "DJANGO_")


def taizhang_command() -> list[str]:
    """The installed ``taizhang`` console script, found beside the running Python."""
    script = shutil.which("taizhang", path=str(Path(sys.executable).parent))
    if script is None:
        raise RuntimeError(
            f"The taizhang console script is not installed beside {sys.executable}: "
            "run `uv sync` first."
        )
    return [script]


def clean_environment(home: Path, **variables: str) -> dict[str, str]:
    """The test process's environment without any ``TAIZHANG_*`` or ``DJANGO_*`` variable,
    with ``TAIZHANG_HOME`` set to ``home``, English messages, and then ``variables`` added.

    ``clean_environment(tmp_path, TAIZHANG_DEBUG="maybe")``
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_INHERITED_PREFIXES)
    }
    env["TAIZHANG_HOME"] = str(home)
    # Messages in English, as the suite reads them; a test asks for Chinese by passing it.
    env["TAIZHANG_LANGUAGE"] = "en"
    env["PYTHONIOENCODING"] = "utf-8"  # Chinese output through a pipe, Windows included
    env["PYTHONUNBUFFERED"] = "1"  # a subprocess's lines arrive as they are printed
    env.update(variables)
    return env


def run_taizhang(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``taizhang *args`` to the end and return its exit status, stdout and stderr.

    ``run_taizhang("migrate", "--no-input", env=clean_environment(tmp_path))``
    """
    return subprocess.run(
        [*taizhang_command(), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
