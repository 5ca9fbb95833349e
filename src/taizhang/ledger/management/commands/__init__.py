"""``taizhang`` commands that work on the ledger and its reference data."""
