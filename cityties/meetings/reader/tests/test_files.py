"""Reading files: TXT (any usual encoding), Markdown, DOCX and PDF; what is refused."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from cityties.meetings.reader import MAX_BYTES, UnreadableMinutes, read_file
from cityties.meetings.reader.tests import render

MINUTES = (
    "# Réunion du bureau du 12 mai 2022\n\n"
    "Présents : Mme Claire Martin (présidente), M. Paul Durand (trésorier).\n\n"
    "Excusés : M. Luc Bernard (pouvoir à Mme Claire Martin).\n\n"
    "**Mme Claire MARTIN** ouvre la séance. Le vide-grenier aura lieu le 18 septembre 2022.\n\n"
    "M. Paul Durand s'occupe de la demande d'autorisation.\n\n"
    "Prochaine réunion : le jeudi 9 juin 2022 à 18h30.\n"
)


def check(proposal) -> None:
    assert proposal.date == dt.date(2022, 5, 12)
    assert [p.name for p in proposal.present] == ["Claire Martin", "Paul Durand"]
    assert [(p.name, proxy) for p, proxy in proposal.represented] == [
        ("Luc Bernard", "Claire Martin")
    ]
    assert (dt.date(2022, 9, 18), "day") in [(e.start, e.precision) for e in proposal.events]
    assert [a.owner for a in proposal.actions] == ["M. Paul Durand"]
    assert proposal.next_meeting == dt.datetime(2022, 6, 9, 18, 30)


def test_text_in_utf8():
    check(read_file(MINUTES.encode(), "cr.txt"))


def test_markdown():
    check(read_file(MINUTES.encode(), "cr.md"))


def test_text_in_windows_1252():
    check(read_file(MINUTES.replace("’", "'").encode("cp1252"), "cr.txt"))


def test_text_in_latin_1_when_not_windows_1252():
    # 0x81 is undefined in Windows-1252: the file falls back to Latin-1.
    proposal = read_file(b"\x81" + MINUTES.encode("latin-1"), "cr.txt")
    assert [p.name for p in proposal.present] == ["Claire Martin", "Paul Durand"]


def test_text_in_utf16_with_a_bom():
    check(read_file(MINUTES.encode("utf-16"), "cr.txt"))


def test_word_document():
    check(read_file(render.to_docx(MINUTES), "cr.docx"))


def test_word_bold_runs_name_speakers():
    proposal = read_file(render.to_docx(MINUTES), "cr.docx")
    assert [p.last_name for p in proposal.speakers] == ["Martin", "Durand"]


def test_word_tables_are_read_cell_by_cell():
    document = docx.Document()
    document.add_heading("Réunion du 12 mai 2022", level=1)
    document.add_paragraph("Liste des participants")
    table = document.add_table(rows=3, cols=4)
    rows = [
        ("Civilité", "Prénom", "Nom", "Organisme"),
        ("Mme", "Claire", "MARTIN", "Comité des fêtes"),
        ("M.", "Paul", "DURAND", "Mairie"),
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Excusés : Mme Sophie Petit.")
    buffer = io.BytesIO()
    document.save(buffer)
    proposal = read_file(buffer.getvalue(), "cr.docx")
    assert [(p.name, p.organisation) for p in proposal.present] == [
        ("Claire Martin", "Comité des fêtes"),
        ("Paul Durand", "Mairie"),
    ]
    assert [p.name for p in proposal.excused] == ["Sophie Petit"]


def test_word_cell_with_a_person_a_paragraph():
    document = docx.Document()
    document.add_paragraph("Réunion du 12 mai 2022")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Présents", "Excusés"
    table.cell(1, 0).text = "Mme Claire Martin"
    table.cell(1, 0).add_paragraph("M. Paul Durand")
    table.cell(1, 1).text = "Mme Sophie Petit"
    buffer = io.BytesIO()
    document.save(buffer)
    proposal = read_file(buffer.getvalue(), "cr.docx")
    assert [p.name for p in proposal.present] == ["Claire Martin", "Paul Durand"]
    assert [p.name for p in proposal.excused] == ["Sophie Petit"]


def test_word_page_header_gives_the_date():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Compte rendu – 12/01/2023"
    document.add_paragraph("Présents : Mme Claire Martin.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_file(buffer.getvalue(), "cr.docx").date == dt.date(2023, 1, 12)


def test_pdf():
    check(read_file(render.to_pdf(MINUTES), "cr.pdf"))


def test_pdf_annex_table():
    text = (
        "# Réunion du bureau du 12 mai 2022\n\nANNEXE : LISTE DES PARTICIPANTS\n\n"
        "Civilité\tPrénom\tNom\tFonction\tOrganisme\nMme\tClaire\tMARTIN\tPrésidente\tComité\n"
        "M.\tPaul\tDURAND\tTrésorier\tMairie\nEXCUSÉS\nMme\tSophie\tPETIT\tMembre\tMairie\n"
    )
    proposal = read_file(render.to_pdf(text), "cr.pdf")
    assert [p.name for p in proposal.present] == ["Claire Martin", "Paul Durand"]
    assert [p.name for p in proposal.excused] == ["Sophie Petit"]


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render.to_pdf(MINUTES))))
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "cr.txt", "empty"),
        (MINUTES.encode(), "cr.odt", "Unsupported format .odt"),
        (MINUTES.encode(), "cr.doc", "Unsupported format .doc"),
        (b"PK\x03\x04 not really a zip", "cr.docx", "DOCX"),
        (b"%PDF-1.7\n garbage", "cr.pdf", "PDF"),
        (b"\x00\x01\x02binary", "cr.txt", "not a text file"),
        (b"   \n\n  ", "cr.txt", "no text"),
    ],
)
def test_unreadable_files(data: bytes, name: str, message: str):
    with pytest.raises(UnreadableMinutes, match=message):
        read_file(data, name)


def test_encrypted_pdf_is_refused():
    with pytest.raises(UnreadableMinutes, match="encrypted"):
        read_file(encrypted_pdf(), "cr.pdf")


def test_files_above_10_mb_are_refused():
    with pytest.raises(UnreadableMinutes, match="10 MB"):
        read_file(b"a" * (MAX_BYTES + 1), "cr.txt")
