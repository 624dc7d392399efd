"""The Changzhou campaign's oral defence: five external experts score every qualified
candidate (one stands aside for a former colleague), the panel closes, and the leading group
confirms the shortlist for inspection."""

import random
from datetime import date

from django.contrib.auth import get_user_model

from cadre.decisions.services import Vote, decision_record
from cadre.panels import services as panels

User = get_user_model()
EXPERTS = (
    ("周文华", "常州市教育科学研究院", "正高级教师"),
    ("陈建国", "常州市天宁区教师发展中心", "高级教师"),
    ("刘敏", "常州市第二十四中学", "副校长"),
    ("王志强", "江苏理工学院教育学院", "教授"),
    ("孙丽", "常州市北郊初级中学", "党总支书记"),
)


def hold_defence(campaign, on: date = date(2025, 7, 1)):
    admin = User.objects.get(username="cz-admin")
    panel = panels.panel_create(actor=admin, campaign=campaign)
    panels.questions_set(
        actor=admin,
        panel=panel,
        questions={
            str(p.pk): f"请谈谈你对{p.title}岗位职责的理解，以及上任后第一学期的工作打算。"
            for p in campaign.positions.all()
            if p.level != "officer"
        },
    )
    experts = [
        panels.expert_add(actor=admin, panel=panel, name=n, affiliation=a, title=t)[0]
        for n, a, t in EXPERTS
    ]
    panels.panel_open(actor=admin, panel=panel)
    rng = random.Random(701)
    people = [p for p, _note in panels.candidates(panel)]
    # The last expert once taught alongside the first candidate: she stands aside (回避).
    panels.conflict_declare(expert=experts[-1], person=people[0], conflicted=True)
    strength = {p.pk: rng.uniform(0.68, 0.92) for p in people}
    for expert in experts:
        for person in people:
            if expert.conflicts.filter(pk=person.pk).exists():
                continue
            points = {
                d["code"]: str(_points(rng, strength[person.pk], d["max"]))
                for d in panel.dimensions
            }
            panels.sheet_save(
                expert=expert, person=person, raw_points=points, submit=True, signature=expert.name
            )
    panels.panel_close(actor=admin, panel=panel)
    members = list(campaign.leading_group.members.all())
    decision = decision_record(
        actor=admin,
        body=campaign.leading_group,
        subject=f"{campaign.title}考察对象",
        kind="shortlist",
        on=on,
        present=members,
        vote=Vote(len(members)),
    )
    panels.shortlist_confirm(actor=admin, panel=panel, decision=decision)
    return panel


def _points(rng, strength, maximum):
    value = max(0.0, min(maximum, rng.gauss(strength * maximum, maximum * 0.05)))
    return round(value * 2) / 2  # half points
