"""The minutes as PDF (read back with pdftotext) and DOCX (read back with python-docx)."""

import subprocess
from datetime import date
from io import BytesIO

import docx
import pytest

from cityties.meetings import services as svc

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(us_group, herve, claire, anne, expert, caen, staff):
    meeting = make_meeting(
        us_group, chair=herve, secretary=claire, actor=staff, title="Réunion du groupe-pays"
    )
    svc.check_save_minutes(meeting, actor=staff, opening="Le président remercie les participants.")
    item = svc.check_add_agenda_item(
        meeting, actor=staff, title="Congrès de la NLC", presenter=herve
    )
    svc.check_save_minutes(
        meeting, actor=staff, items={item.pk: "<p>Caen propose une <b>délégation</b>.</p>"}
    )
    svc.check_add_decision(
        meeting, actor=staff, text="Écrire à Business France", agenda_item=item, votes_for=12
    )
    svc.check_add_action(
        meeting,
        actor=staff,
        text="Contacter la NLC pour la liste des participants",
        owner_organisation=caen,
        owner_person=claire,
        due_on=date(2016, 4, 30),
    )
    rows = svc.check_add_attendees(meeting, actor=staff, people=[herve, claire, anne, expert])
    statuses = {"Lemarchand": "present", "Vautier": "present", "Delorme": "excused"}
    for row in rows:
        if row.last_name in statuses:
            svc.check_update_attendance(row, actor=staff, status=statuses[row.last_name])
        else:
            svc.check_update_attendance(row, actor=staff, status="represented", proxy=claire)
    return meeting


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_pdf_has_the_french_layout(client_for, caen_officer, meeting, tmp_path):
    response = client_for(caen_officer).get(f"/meetings/{meeting.pk}/minutes.pdf?lang=fr")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    for expected in (
        "Compte-rendu de la réunion du Groupe-pays États-Unis du 30 mars 2016",
        "mercredi 30 mars 2016",
        "M. Hervé LEMARCHAND, Maire, Ville de Caen, préside la réunion",
        "Le président remercie les participants.",
        "1. Congrès de la NLC",
        "Écrire à Business France",
        "Pour : 12, contre : 0, abstentions : 0",
        "Contacter la NLC pour la liste des participants",
        "30 avril 2016",
        "Annexe : liste des participants",
        "Madame",
        "VAUTIER",
        "Excusés",
        "DELORME",
        "Projet — pas encore approuvé",
    ):
        assert expected in " ".join(text.split()), expected
    annex = text[text.index("Annexe") :]
    assert annex.index("VAUTIER") < annex.index("Excusés") < annex.index("DELORME")


def test_the_pdf_in_english(client_for, caen_officer, meeting, tmp_path):
    response = client_for(caen_officer).get(f"/meetings/{meeting.pk}/minutes.pdf?lang=en")
    text = " ".join(_pdf_text(response.content, tmp_path).split())
    assert "Minutes of the meeting of the Groupe-pays États-Unis of March 30, 2016" in text
    assert "Annex: list of participants" in text and "Excused" in text
    assert "represented by Claire Vautier (Ville de Caen)" in text


def test_the_docx_reads_back_with_its_annex(client_for, caen_officer, meeting):
    response = client_for(caen_officer).get(f"/meetings/{meeting.pk}/minutes.docx?lang=fr")
    document = docx.Document(BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Compte-rendu de la réunion du Groupe-pays États-Unis du 30 mars 2016"
    assert "Annexe : liste des participants" in paragraphs
    assert "Excusés" in paragraphs
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "délégation" in bold
    present, represented, excused = document.tables[1:4]
    header = [cell.text for cell in present.rows[0].cells]
    assert header[:5] == ["Civilité", "Prénom", "Nom", "Fonction", "Organisation"]
    rows = [[cell.text for cell in row.cells] for row in present.rows[1:]]
    assert ["Monsieur", "Hervé", "LEMARCHAND", "Maire", "Ville de Caen", ""] in rows
    assert [cell.text for cell in excused.rows[1].cells][:3] == ["Madame", "Anne-Sophie", "DELORME"]
    assert "PETIT" in [cell.text for cell in represented.rows[1].cells]
    actions = document.tables[0]
    assert actions.rows[1].cells[0].text == "Contacter la NLC pour la liste des participants"


def test_approved_minutes_export_their_version_even_after_the_directory_changes(
    client_for, caen_officer, meeting, herve, staff, tmp_path
):
    from cityties.network import services as network_services

    svc.check_approve_minutes(meeting, actor=staff)
    network_services.check_update_person(herve, actor=staff, function="Ancien maire")
    text = " ".join(
        _pdf_text(
            client_for(caen_officer).get(f"/meetings/{meeting.pk}/minutes.pdf").content, tmp_path
        ).split()
    )
    assert "Approuvé le" in text and "(version 1)" in text
    assert "Ancien maire" not in text and "Projet" not in text


def test_an_earlier_version_stays_downloadable(client_for, caen_officer, meeting, staff):
    svc.check_approve_minutes(meeting, actor=staff)
    svc.check_reopen_minutes(meeting, actor=staff)
    decision = meeting.decisions.get()
    svc.check_update_decision(decision, actor=staff, text="Écrire à Business France et à la DAECT")
    svc.check_approve_minutes(meeting, actor=staff)
    client = client_for(caen_officer)
    first = docx.Document(
        BytesIO(client.get(f"/meetings/{meeting.pk}/minutes.docx?version=1").content)
    )
    latest = docx.Document(BytesIO(client.get(f"/meetings/{meeting.pk}/minutes.docx").content))
    first_text = "\n".join(p.text for p in first.paragraphs)
    latest_text = "\n".join(p.text for p in latest.paragraphs)
    assert "DAECT" not in first_text and "DAECT" in latest_text
    page = client.get(f"/meetings/{meeting.pk}/versions/1/").content.decode()
    assert "Écrire à Business France" in page and "et à la DAECT" not in page
    assert client.get(f"/meetings/{meeting.pk}/minutes.pdf?version=9").status_code == 404
