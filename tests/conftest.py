"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest

# Tests read messages in English unless a test asks for Chinese; set before Django's settings
# load, so subprocesses started by tests (the CLI, the server) inherit it too.
os.environ.setdefault("TAIZHANG_LANGUAGE", "en")

# The shared fixtures (taizhang_home, cli_env, pg_admin_url, ...) for every test directory.
pytest_plugins = ["tests.support.fixtures"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # Real hashing is slow by design; only the sign-in tests need the real thing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _static_files_without_manifest(plain_static_storage: None) -> None:
    """Pages render in tests without a collectstatic first (production uses the manifest)."""
