"""The import benchmark of issue 3: ledger files of any size, the floors and baseline it is
measured against, and the script that runs them all (``benchmarks/import_ledger.py``).

Nothing here is part of the application; docs/performance.md says how to run it and what it
measured.
"""
