"""Where an export goes: a file that appears whole or not at all, or an open binary stream.

An export is written to a temporary file beside its destination and renamed over it only once
complete, so a failed or interrupted export never leaves half a workbook where yesterday's
good one was. A stream (standard output, an HTTP response) receives the finished file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

Target = str | os.PathLike[str] | BinaryIO


@contextlib.contextmanager
def output_file(target: Target, suffix: str) -> Iterator[Path]:
    """A path to write the export to; on success it becomes ``target`` (a path or a stream)."""
    destination = Path(target) if isinstance(target, str | os.PathLike) else None
    directory = destination.parent if destination is not None else Path(tempfile.gettempdir())
    path = _new_file(directory, suffix)
    try:
        yield path
        if destination is not None:
            os.replace(path, destination)
        else:
            with path.open("rb") as finished:
                shutil.copyfileobj(finished, target)  # type: ignore[arg-type]
            target.flush()  # type: ignore[union-attr]
    finally:
        path.unlink(missing_ok=True)


def _new_file(directory: Path, suffix: str) -> Path:
    """An empty file of a fresh name in ``directory``, with the permissions the umask gives
    (mkstemp's would be the owner's alone, wrong for an ordinary export)."""
    for _attempt in range(100):
        path = directory / f".taizhang-export-{secrets.token_hex(6)}{suffix}"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary file name in {directory}")
