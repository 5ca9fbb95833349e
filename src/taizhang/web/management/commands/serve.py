"""``taizhang serve``: the application behind waitress, static files through WhiteNoise."""

from __future__ import annotations

import argparse
import contextlib
import errno
import ipaddress
import signal
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    DjangoHelpFormatter,
)
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http.request import validate_host
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import taizhang
from taizhang.i18n import join_list

#: Addresses that mean "every interface of this machine".
WILDCARD_HOSTS = {"0.0.0.0", "::", "*", ""}  # noqa: S104 - the names we recognise, not a bind
#: What Django allows when DEBUG is on and ALLOWED_HOSTS is empty.
DEBUG_DEFAULT_HOSTS = [".localhost", "127.0.0.1", "[::1]"]

HELP = gettext_lazy(
    """Serve taizhang with waitress, a production web server, until Ctrl-C or SIGTERM.

Static files are first collected into $TAIZHANG_HOME/var/static (quick when nothing
changed) and served by WhiteNoise. Migrations are NOT run: run `taizhang migrate` after
installing or upgrading; serve warns when some are not applied. GET /healthz answers 200
while the database is reachable and 503 when it is not.

The default, 127.0.0.1:8000, accepts connections from this machine only. To accept
others, give an address of this machine (--host 10.0.0.5) or all of them (--host 0.0.0.0)
and list every name and address clients use in TAIZHANG_ALLOWED_HOSTS, separated by
commas, e.g. TAIZHANG_ALLOWED_HOSTS=taizhang.example.gov.cn,10.0.0.5. serve refuses to
start, with exit status 2, when clients could not be served under the host given rather
than answer them all with 400 Bad Request.

Behind a reverse proxy that terminates HTTPS, keep the default host, put the public name
in TAIZHANG_ALLOWED_HOSTS, https://that-name in TAIZHANG_CSRF_TRUSTED_ORIGINS and set
TAIZHANG_SECURE_COOKIES=1."""
)


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's help layout, keeping the paragraphs of the description as written."""


def _port(raw: str) -> int:
    try:
        port = int(raw)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            _("%(port)r is not a port: use a number from 1 to 65535 (0: any free port).")
            % {"port": raw}
        )
    return port


def _threads(raw: str) -> int:
    try:
        threads = int(raw)
    except ValueError:
        threads = 0
    if threads < 1:
        raise argparse.ArgumentTypeError(
            _("%(threads)r is not a number of threads: use 1 or more.") % {"threads": raw}
        )
    return threads


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_header(host: str) -> str:
    """The Host header clients send to reach ``host``: IPv6 addresses go in brackets."""
    try:
        if ipaddress.ip_address(host.strip("[]")).version == 6:
            return f"[{host.strip('[]')}]"
    except ValueError:
        pass
    return host.lower()


def allowed_hosts() -> list[str]:
    """The host names Django will answer to, as it computes them itself."""
    if settings.DEBUG and not settings.ALLOWED_HOSTS:
        return DEBUG_DEFAULT_HOSTS
    return list(settings.ALLOWED_HOSTS)


def unreachable_host_problem(host: str) -> str | None:
    """Why clients of other machines could not be served on ``host``, or None when they can."""
    hosts = allowed_hosts()
    if is_loopback(host):
        return None  # a reverse proxy on this machine names the public host; nothing to check
    if host in WILDCARD_HOSTS:
        if any(not is_loopback(pattern.lstrip(".")) for pattern in hosts):
            return None
        reason = _(
            "--host %(host)s accepts connections from other machines, but "
            "TAIZHANG_ALLOWED_HOSTS only allows this machine (%(allowed)s)"
        )
    elif validate_host(host_header(host), hosts):
        return None
    else:
        reason = _("--host %(host)s is not in TAIZHANG_ALLOWED_HOSTS (%(allowed)s)")
    reason %= {"host": host or "''", "allowed": join_list(hosts) or _("empty")}
    return _(
        "%(reason)s, so every request from another machine would be refused with 400 Bad "
        "Request. Set TAIZHANG_ALLOWED_HOSTS to the names and addresses clients use, "
        "separated by commas, e.g. TAIZHANG_ALLOWED_HOSTS=taizhang.example.gov.cn,%(example)s"
    ) % {"reason": reason, "example": "10.0.0.5" if host in WILDCARD_HOSTS else host}


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help=_("Address to listen on (default: %(default)s; 0.0.0.0 for every address)."),
        )
        parser.add_argument(
            "--port",
            type=_port,
            default=8000,
            help=_("Port to listen on (default: %(default)s; 0 picks a free one)."),
        )
        parser.add_argument(
            "--threads",
            type=_threads,
            default=4,
            help=_("Requests served at the same time (default: %(default)s)."),
        )

    def handle(self, *args: Any, host: str, port: int, threads: int, **options: Any) -> None:
        problem = unreachable_host_problem(host)
        if problem:
            raise CommandError(problem, returncode=2)
        if settings.DEBUG and not is_loopback(host):
            self.stderr.write(
                _(
                    "Warning: TAIZHANG_DEBUG is on: anyone who reaches this server sees "
                    "tracebacks and settings when a page fails. Turn it off in production."
                )
            )
        _stop_on_termination_signals()
        # Stopped before waitress's loop began (which handles the interrupt from then on):
        # nothing is under way, and its request threads are daemons that end with the process.
        with contextlib.suppress(KeyboardInterrupt):
            self.serve(host, port, threads)
        self.stdout.write(_("Stopped."))

    def serve(self, host: str, port: int, threads: int) -> None:
        """Prepare, listen, say where, and serve until interrupted."""
        self.collect_static_files()
        self.warn_about_database()

        # Import the application only now: WhiteNoise lists the static files when it starts.
        from waitress import create_server

        from taizhang.wsgi import application

        try:
            server = create_server(application, host=host, port=port, threads=threads)
        except (OSError, ValueError) as error:  # waitress: ValueError for an unknown host name
            raise CommandError(listen_problem(host, port, error)) from None
        listening = getattr(server, "effective_listen", None) or [
            (server.effective_host, server.effective_port)
        ]
        for address, bound_port in listening:
            url = f"http://{host_header(str(address))}:{bound_port}/"
            self.stdout.write(
                _("Serving taizhang %(version)s on %(url)s (database: %(database)s).")
                % {"version": taizhang.__version__, "url": url, "database": self.database()}
            )
        self.stdout.write(_("Press Ctrl-C to stop."))
        self.stdout.flush()  # the URL must reach a log or a pipe now, not when a buffer fills
        server.run()  # on Ctrl-C / SIGTERM waitress lets the requests under way finish

    def collect_static_files(self) -> None:
        """Collect static files for WhiteNoise; unchanged files are skipped, so this is quick."""
        try:
            call_command("collectstatic", interactive=False, verbosity=0)
        except OSError as error:
            raise CommandError(
                _(
                    "Cannot collect static files into %(path)s: %(error)s. Make sure the "
                    "user running taizhang may write there (it is TAIZHANG_HOME/var/static)."
                )
                % {"path": settings.STATIC_ROOT, "error": error}
            ) from None

    def warn_about_database(self) -> None:
        """Say on stderr when migrations are missing or the database cannot be reached now."""
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            self.stderr.write(
                _(
                    "Warning: the database cannot be reached now (%(error)s). Serving anyway: "
                    "/healthz answers 503 until it can."
                )
                % {"error": first_line(error)}
            )
            return
        finally:
            connection.close()  # request threads open their own connections
        if plan:
            self.stderr.write(
                _(
                    "Warning: %(count)d database migrations are not applied; pages may fail "
                    "until they are. Stop the server and run `taizhang migrate`."
                )
                % {"count": len(plan)}
            )

    @staticmethod
    def database() -> str:
        """The database in use, without its password."""
        connection = connections[DEFAULT_DB_ALIAS]
        if connection.vendor == "sqlite":
            return f"SQLite {connection.settings_dict['NAME']}"
        params = connection.settings_dict
        return f"PostgreSQL {params.get('NAME')} on {params.get('HOST') or 'localhost'}"


def listen_problem(host: str, port: int, error: OSError | ValueError) -> str:
    """What went wrong when the server could not listen, and what to do about it."""
    if getattr(error, "errno", None) == errno.EADDRINUSE:
        advice = _("Another program is using that port: choose another with --port.")
    else:
        advice = _("Use an address of this machine with --host, or 0.0.0.0 for all of them.")
    return _("Cannot listen on %(host)s port %(port)s: %(error)s. %(advice)s") % {
        "host": host,
        "port": port,
        "error": getattr(error, "strerror", None) or str(error).rstrip("."),
        "advice": advice,
    }


def first_line(error: Exception) -> str:
    """The first line of an error's message: database drivers add hints on further lines."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _stop_on_termination_signals() -> None:
    """Make SIGTERM (and Ctrl-Break on Windows) stop the server like Ctrl-C does."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # waitress's loop stops cleanly on it

    signal.signal(signal.SIGTERM, stop)
    if sys.platform == "win32" and hasattr(signal, "SIGBREAK"):
        signal.signal(signal.SIGBREAK, stop)
