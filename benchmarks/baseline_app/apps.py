"""The baseline app's configuration."""

from __future__ import annotations

from django.apps import AppConfig


class BaselineConfig(AppConfig):
    name = "benchmarks.baseline_app"
    label = "bench_baseline"
    verbose_name = "django-import-export baseline (benchmark only)"
    default_auto_field = "django.db.models.BigAutoField"
