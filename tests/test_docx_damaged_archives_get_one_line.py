"""A Word file whose zip entries claim to be encrypted (zipfile raises RuntimeError) is a damaged
document with a one-line reason, not an 'unexpected failure' — the fuzz test found it."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from disclosure.model import ReportError
from disclosure.parse import parse_bytes


def _flag_every_entry_encrypted(data: bytes) -> bytes:
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = out.find(signature)
        while i >= 0:
            out[i + flag_at] |= 1  # general-purpose bit 0: encrypted
            i = out.find(signature, i + 4)
    return bytes(out)


def test_an_entry_flagged_encrypted_is_a_corrupt_document():
    data = _flag_every_entry_encrypted((FIXTURES / "blank-2021-template.docx").read_bytes())
    with pytest.raises(ReportError) as e:
        parse_bytes(data, "flagged.docx")
    assert str(e.value) == "flagged.docx: corrupt Word document (RuntimeError)"
