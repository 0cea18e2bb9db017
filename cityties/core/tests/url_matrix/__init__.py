"""Every page and endpoint of the platform, requested by every persona: the expected status
of each (URL, persona) pair, one module per area, checked by `test_url_matrix.py`."""
