"""Pages of meetings, one module per concern; `urls.py` maps them."""
