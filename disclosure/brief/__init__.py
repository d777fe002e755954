"""A one-page A4 PDF brief per agency-year and per scope-year (issue 12, item 5)."""
