"""The ledger's write services: every change to ledger data goes through one of these."""
