"""The django-import-export baseline: a flat model of a ledger row and its import Resource.

This is what a Django team would reach for: one model with a field per column and a
``ModelResource`` mapping the ledger's Chinese headers to it, imported through the library's
documented ``Resource.import_data(dataset, dry_run=False, use_transactions=True)``. It exists
only for the benchmark (``benchmarks.settings`` installs it); the application never loads it.
"""
