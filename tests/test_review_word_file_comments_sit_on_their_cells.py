"""The Word file an office sends back: a .docx draft comes back as itself with one comment (批注) per finding,
anchored on the paragraph or table cell the finding concerns (read back from the package's XML); a draft in any
other form comes back as a review document by section. Both open in python-docx and in LibreOffice, which
renders them to PDF (the comments as PDF annotations beside the figures they mark)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from disclosure import pipeline
from disclosure.model import Source
from disclosure.review import drafts, review_bytes
from disclosure.review.word import annotated_docx, review_document, review_word

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def planted():
    """ptsjj 2024 with a wrong （七）总计, a carry-over break in the 自然人 column and part 五 removed."""
    last, this = drafts.published("putian-ptsjj-2023"), drafts.published("putian-ptsjj-2024")
    bad = drafts.plant_missing_part(drafts.plant_carryover(drafts.plant_total(this), "natural"), "五、")
    data = bad.docx()
    report, review = review_bytes(data, bad.file_name(), previous=pipeline.read_bytes(last.docx(), last.file_name()))
    return bad, data, report, review


def anchors(docx_bytes: bytes) -> dict[str, dict]:
    """comment id → where its range starts: the table, row and grid column of its cell, or its body paragraph, and the text there."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
        comments = etree.fromstring(z.read("word/comments.xml"))
    texts = {c.get(f"{W}id"): "\n".join("".join(p.itertext()) for p in c.iter(f"{W}p")) for c in comments.iter(f"{W}comment")}
    tables = list(body.iter(f"{W}tbl"))
    paragraphs = [p for p in body.iter(f"{W}p") if not any(a.tag == f"{W}tbl" for a in p.iterancestors())]
    out = {}
    for start in body.iter(f"{W}commentRangeStart"):
        cid = start.get(f"{W}id")
        tc = next((a for a in start.iterancestors() if a.tag == f"{W}tc"), None)
        if tc is not None:
            tr = tc.getparent()
            tbl = next(a for a in tr.iterancestors() if a.tag == f"{W}tbl")
            column = 0  # the grid column: earlier cells' gridSpan added up
            for cell in tr.iter(f"{W}tc"):
                if cell is tc:
                    break
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                column += int(span.get(f"{W}val")) if span is not None else 1
            rows = [r for r in tbl.iter(f"{W}tr")]
            out[cid] = {
                "table": tables.index(tbl),
                "row": rows.index(tr),
                "cell": column,
                "text": "".join(tc.itertext()),
                "comment": texts[cid],
            }
        else:
            p = next(a for a in start.iterancestors() if a.tag == f"{W}p")
            out[cid] = {"paragraph": paragraphs.index(p), "text": "".join(p.itertext()), "comment": texts[cid]}
    return out


def test_every_finding_is_one_comment_on_the_cell_or_paragraph_it_concerns(planted):
    bad, data, report, review = planted
    commented = annotated_docx(data, report, review)
    placed = anchors(commented)
    assert len(placed) == len(review.findings) >= 5
    left = list(placed.values())
    for f in review.findings:  # each finding's comment (its message on the second line) starts where the finding is
        a = next(a for a in left if a["comment"].splitlines()[1] == f.message and {k: a.get(k) for k in f.where.docx} == f.where.docx)
        assert f.fix in a["comment"]
        left.remove(a)
    assert left == []
    total = [a for a in placed.values() if "合计与分项不符" in a["comment"]]
    assert total and all(a["text"] == str(bad.facts.facts["requests.outcome.total|total"]) for a in total)
    [natural] = [a for a in placed.values() if "自然人列" in a["comment"]]
    assert natural["text"] == str(bad.facts.facts["requests.carried_over|natural"])
    import docx

    header = docx.Document(io.BytesIO(commented)).tables[natural["table"]].rows
    assert any(header[r].cells[natural["cell"]].text == "自然人" for r in range(3))  # under the 自然人 column heading
    [part] = [a for a in placed.values() if "缺少规定部分" in a["comment"]]
    assert part["text"].startswith("四、")
    # the draft itself: every paragraph and table as the agency wrote them, comments added
    before, after = docx.Document(io.BytesIO(data)), docx.Document(io.BytesIO(commented))
    assert [p.text for p in before.paragraphs] == [p.text for p in after.paragraphs]
    assert [c.text for t in before.tables for r in t.rows for c in r.cells] == [
        c.text for t in after.tables for r in t.rows for c in r.cells
    ]
    assert len(list(after.comments)) == len(review.findings)


def test_a_draft_that_is_not_a_docx_gets_a_review_document_by_section(planted):
    bad, data, report, review = planted
    import dataclasses

    import docx

    as_text = dataclasses.replace(report, source=Source("draft.txt", "txt", ""))
    assert docx.Document(io.BytesIO(review_word(b"", as_text, review))).paragraphs[0].text.endswith("审核意见")

    for lang, heading, column in (
        ("zh", "三、收到和处理政府信息公开申请情况", "修改建议"),
        ("en", "3. Requests received and handled", "To fix"),
    ):
        document = docx.Document(io.BytesIO(review_document(review, lang)))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert heading in headings
        assert all(t.rows[0].cells[3].text == column for t in document.tables)
        rows = [r.cells[1].text for t in document.tables for r in t.rows[1:]]
        assert len(rows) == len(review.findings)


def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: apt-get install -y --no-install-recommends libreoffice-writer-nogui")
        pytest.skip("LibreOffice not installed (apt-get install -y --no-install-recommends libreoffice-writer-nogui)")
    return found


@pytest.mark.slow  # LibreOffice starts in about 10 s on the 2-core machine
def test_libreoffice_renders_both_word_files_with_the_comments(planted, tmp_path):
    bad, data, report, review = planted
    (tmp_path / "commented.docx").write_bytes(annotated_docx(data, report, review))
    (tmp_path / "review.docx").write_bytes(review_document(review))
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
            "--outdir",
            str(tmp_path),
            str(tmp_path / "commented.docx"),
            str(tmp_path / "review.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    with pdfplumber.open(tmp_path / "commented.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        notes = []
        for page in pdf.pages:
            for a in resolve1(page.page_obj.annots) or []:
                a = resolve1(a)
                if resolve1(a.get("Subtype")).name == "Text":
                    x0, y0, x1, y1 = (float(v) for v in resolve1(a["Rect"]))
                    near = [w["text"] for w in page.extract_words() if abs(w["top"] - (page.height - y1)) < 14 and abs(w["x0"] - x0) < 60]
                    notes.append(near)
    assert "莆田市审计局" in text and "（七）总计" in text.replace(" ", "")
    assert len(notes) == len(review.findings)
    # the wrong total is printed right beside its comment's marker
    assert any(str(bad.facts.facts["requests.outcome.total|total"]) in near for near in notes)
    with pdfplumber.open(tmp_path / "review.pdf") as pdf:
        review_text = "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "")
    assert "审核意见" in review_text and "修改建议" in review_text and "存在的主要问题及改进情况" in review_text
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(tmp_path / "review.pdf"), str(tmp_path / "review")], check=True
    )
    assert list(tmp_path.glob("review*.png"))
