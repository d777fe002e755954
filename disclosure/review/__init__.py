"""Reviewing a draft before it is published (issue 26): the 政务公开 office's January in one page and one Word file.

A draft is read through the pipeline (parsed in the sandbox), compared with the agency's report for the
year before (a file, the store, or another draft of the batch), and audited; the audit's findings become a
reviewer's — each at its place and with what would make it right (`findings`). `word` writes them back as
comments on the draft, or as a review document; `batch` reviews a folder into one table.
"""

from .model import Finding, Review, Where
from .run import read_previous, review_bytes, review_file, review_report, store_lookup

__all__ = ["Finding", "Review", "Where", "read_previous", "review_bytes", "review_file", "review_report", "store_lookup"]
