def test_dashboard_is_shown_to_a_member_officer(client_for, caen_officer):
    response = client_for(caen_officer).get("/dashboard/")
    assert response.status_code == 200
    assert "Ville de Caen" in response.content.decode()
