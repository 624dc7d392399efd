import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """These tests read the services' messages, written as English msgids."""
    with translation.override("en"):
        yield
