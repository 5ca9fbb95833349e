"""Settings of the benchmark's django-import-export baseline: taizhang's, plus two apps.

``DJANGO_SETTINGS_MODULE=benchmarks.settings`` with the repository root on ``PYTHONPATH``.
The database, home and language come from the same ``TAIZHANG_*`` variables as taizhang's.
"""

from __future__ import annotations

from taizhang.settings import *  # noqa: F403
from taizhang.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "import_export", "benchmarks.baseline_app"]
