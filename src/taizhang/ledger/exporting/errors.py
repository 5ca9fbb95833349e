"""What can stop an export, said so that the user knows what to do instead."""

from __future__ import annotations


class ExportError(Exception):
    """An export that cannot be written as asked; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
