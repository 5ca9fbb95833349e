"""The audit record: an append-only, hash-chained log of every change and security event.

Write services call :func:`taizhang.audit.recorder.record` (one change) or
:func:`taizhang.audit.recorder.record_many` (a bulk import's batch) inside the transaction
that makes the change; :mod:`taizhang.audit.context` says who is acting. See docs/audit.md.
"""
