"""The ledger: events, projects, investors, regions, parks, industry chains and classifications."""
