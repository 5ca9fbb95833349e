"""Reference data shipped with the ledger (regions, NBS industries) and the code that loads it.

``data/`` holds the files; :mod:`.csvfile` reads a region file, :mod:`.countries` makes the
country rows from pycountry, :mod:`.loader` checks and upserts region rows, :mod:`.industries`
loads the NBS classification and :mod:`.shipped` puts them together for the data migration.
See docs/reference-data.md.
"""
