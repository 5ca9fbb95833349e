"""Who a read or write is done for: the signed-in user, ``--as NAME``, or the operator.

Code deep in a read path (a bulletin's statistics) restricts by :func:`acting_user`, so that
what a page or a command shows follows whoever asked without passing the user through every
call. A web request sets it for its view (:class:`taizhang.access.middleware.ActingUserMiddleware`);
``--as NAME`` for its command (:mod:`taizhang.access.commandline`). Otherwise it is
:data:`OPERATOR`: whoever runs ``taizhang`` on the server, who can read the database file
anyway, and whom nothing is hidden from.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any


class Operator:
    """The operating-system user running a command without ``--as``: restricted by nothing.

    Not a Django user, so that no account can be given these powers by mistake.
    """

    is_authenticated = True
    is_active = True
    is_superuser = False
    pk = None

    def get_username(self) -> str:
        """``cli:<operating-system user>``, as the audit record names the operator."""
        try:
            name = getpass.getuser() or "unknown"
        except (OSError, KeyError, ImportError):
            name = "unknown"  # a container user without a passwd entry or USER
        return f"cli:{name}"

    def __repr__(self) -> str:
        return "<Operator>"


#: The acting user of a command run without ``--as``.
OPERATOR = Operator()

_acting: ContextVar[Any] = ContextVar("taizhang_acting_user", default=OPERATOR)


def acting_user() -> Any:
    """The user reads and writes are done for now: a Django user, or :data:`OPERATOR`."""
    return _acting.get()


@contextmanager
def act_as(user: Any) -> Iterator[Any]:
    """Do what runs inside for ``user``: restricted to what they may see and change."""
    token = _acting.set(user)
    try:
        yield user
    finally:
        _acting.reset(token)
