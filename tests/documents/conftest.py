import pytest
from django.utils import translation

# A campaign carried from the shortlist to the appointment, for the appointees' documents.
from tests.appointments.conftest import (  # noqa: F401
    appointed,
    approved,
    inspecting,
    on_notice,
    proposed,
    reviewed,
)


@pytest.fixture(autouse=True)
def english():
    """These tests read the services' messages, written as English msgids."""
    with translation.override("en"):
        yield
