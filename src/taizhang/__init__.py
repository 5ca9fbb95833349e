"""taizhang (台账): the ledger of projects signed at investment signing ceremonies."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("taizhang")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
