import pytest

from cityties.matchmaking.models import Meeting, Recommendation

pytestmark = pytest.mark.django_db


def test_world(world):
    assert Meeting.objects.count() == 1
    assert Recommendation.objects.count() > 0
