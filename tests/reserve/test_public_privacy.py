"""The reserve programme's public page (no login) lists the decided reserve cadres by name,
tier and post, and nothing else of them: no staff number, phone or date of birth."""

from django.urls import reverse

from cadre.people.models import Person
from cadre.reserve.services import selection
from tests.appointments.test_public_privacy import leaks


def test_the_public_result_names_the_cadres_and_no_more(world, decided):
    selection.result_publish(actor="t", programme=decided)
    Person.objects.filter(organisation=world.school).update(
        phone="13812345678", native_place="江苏南通"
    )
    response = world.client("anonymous").get(
        reverse("reserve_public", args=[world.school.code, decided.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    for cadre in decided.reserve_cadres.select_related("person"):
        assert cadre.person.name in page
    for person in Person.objects.filter(organisation=world.school):
        assert not leaks(page, person), person.name
