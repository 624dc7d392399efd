"""The public pages (no login) show what a 公示 needs — name, gender, month of birth,
education, title, current and proposed post — and nothing else of the person: no staff
number, no mobile phone, no full date of birth, no political or family details."""

import re

from django.urls import reverse

from cadre.people.models import Person


def leaks(page: str, person: Person) -> list[str]:
    """What of the person's private data the page shows. A value counts only standing
    alone among letters and digits: a short staff number such as "L1" is otherwise found
    inside other words."""
    found = []
    for label, value in (
        ("staff number", person.staff_no),
        ("phone", person.phone),
        ("date of birth", person.birth_date.isoformat()),
        ("native place", person.native_place),
    ):
        alone = rf"(?<![A-Za-z0-9-]){re.escape(value)}(?![A-Za-z0-9-])" if value else ""
        if value and re.search(alone, page):
            found.append(label)
    return found


def test_the_public_notice_shows_what_a_notice_needs_and_no_more(on_notice, world):
    Person.objects.filter(organisation=world.school).update(
        phone="13812345678", native_place="江苏常州"
    )
    client = world.client("anonymous")
    pages = [
        client.get(reverse("public_notice", args=[world.school.code, on_notice.pk])),
        client.get(reverse("public_plan", args=[world.school.code, on_notice.pk])),
    ]
    appointees = [
        p.person for p in on_notice.proposals.filter(status="proposed").select_related("person")
    ]
    assert appointees
    for response in pages:
        assert response.status_code == 200
        page = response.content.decode()
        for person in Person.objects.filter(organisation=world.school):
            assert not leaks(page, person), (response.request["PATH_INFO"], person.name)
    notice = pages[0].content.decode()
    for person in appointees:
        assert person.name in notice and f"{person.birth_date:%Y}年" in notice
