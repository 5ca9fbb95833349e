"""Helpers shared by the test suite.

- :mod:`tests.support.cli`: run the ``taizhang`` console command in a subprocess with a clean
  environment and a home of its own.
- :mod:`tests.support.server`: start ``taizhang serve`` on a free port and make requests to it.
- :mod:`tests.support.postgres`: find the PostgreSQL server for tests that need a database of
  their own (``TAIZHANG_TEST_PG_ADMIN_URL``), and create and drop such databases.
- :mod:`tests.support.fixtures`: pytest fixtures built on these; import the ones you use into
  your ``conftest.py`` or test module.
"""
