"""Start ``taizhang serve`` in a subprocess and talk HTTP to it.

``with serving(clean_environment(home)) as server: server.get("/healthz")``
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import IO, Any

from tests.support.cli import taizhang_command

_URL = re.compile(r"http://\S+/")
# Requests go straight to the test server, whatever proxy the machine is configured with.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    """What an HTTP request got back."""

    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def http_get(url: str, *, timeout: float = 30) -> Response:
    """GET ``url``; error statuses are returned like any other, not raised."""
    try:
        with _OPENER.open(url, timeout=timeout) as reply:
            return Response(reply.status, reply.headers, reply.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


@dataclass
class RunningServer:
    """A ``taizhang serve`` subprocess, its output, and the URL it said it serves on."""

    process: subprocess.Popen[str]
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    url: str = ""

    def __post_init__(self) -> None:
        # Drain both pipes all the time: a server blocked on a full pipe stops answering.
        for stream, lines in (
            (self.process.stdout, self.stdout),
            (self.process.stderr, self.stderr),
        ):
            threading.Thread(target=_collect, args=(stream, lines), daemon=True).start()

    @property
    def output(self) -> str:
        """Everything the server printed so far, for assertion messages."""
        return "".join(self.stdout) + "".join(self.stderr)

    def wait_for_url(self, timeout: float) -> str:
        """The URL from the server's "Serving ... on URL" line, once it is listening."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.stdout):
                found = _URL.search(line)
                if found:
                    self.url = found.group(0)
                    return self.url
            if self.process.poll() is not None:
                time.sleep(0.2)  # let the readers take the last lines
                raise AssertionError(
                    f"taizhang serve exited with status {self.process.returncode} before "
                    f"serving:\n{self.output}"
                )
            time.sleep(0.05)
        raise AssertionError(f"taizhang serve printed no URL in {timeout} s:\n{self.output}")

    def get(self, path: str, **kwargs: Any) -> Response:
        """GET ``path`` (e.g. ``/healthz``) from the server."""
        return http_get(self.url + path.lstrip("/"), **kwargs)

    def stop(self, timeout: float = 15) -> int:
        """Ask the server to stop (SIGTERM; on Windows the process is ended) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        time.sleep(0.1)  # let the readers take the last lines
        return self.process.returncode


@contextmanager
def serving(env: dict[str, str], *args: str, timeout: float = 60) -> Iterator[RunningServer]:
    """Run ``taizhang serve *args`` (on a free port unless ``--port`` is given) while inside.

    The server is stopped on the way out; ``server.stop()`` inside returns its exit status.
    """
    port_args = [] if "--port" in args else ["--port", "0"]
    process = subprocess.Popen(
        [*taizhang_command(), "serve", *port_args, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    server = RunningServer(process)
    try:
        server.wait_for_url(timeout)
        yield server
    finally:
        server.stop()


def _collect(stream: IO[str], lines: list[str]) -> None:
    for line in stream:
        lines.append(line)
