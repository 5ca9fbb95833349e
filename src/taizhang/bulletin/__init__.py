"""The bulletin: what the city publishes about a signing event, computed from the ledger.

``statistics`` counts any set of projects (chosen with ``selection``), ``figures`` states an
event's or a series' figures in the JSON form of shared/spec/bulletin.md, ``publishing``
freezes a bulletin, and the text, docx and xlsx modules render the figures. See docs/bulletin.md.
"""
