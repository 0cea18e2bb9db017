from __future__ import annotations

import pytest

from .factories import make_world


@pytest.fixture
def world(staff, caen, tours, ministry):
    return make_world(staff=staff, caen=caen, tours=tours, ministry=ministry)
