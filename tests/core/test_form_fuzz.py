"""Every POST form of the product, filled with junk: never a server error, never half a record.

Generated from the URL configuration, like tests/orgs/test_url_matrix.py (whose `objects` and
`fill()` name the objects): every URL is opened as the school's admin, every page of the
voters, the experts and the public without logging in, and the pages that only a stage of a
campaign or of a reserve programme shows are reached by following the links from its home
page. Every `<form method="post">` found is posted a few times, its fields (parsed from the
HTML) filled by hypothesis: left as the page sent them but for a few, or all junk; empty, very
long, unicode, numbers, dates in odd forms, other schools' ids, several values at once,
missing fields and fields nobody asked for. The CSRF token is the page's own, and checked.
Whatever is posted:

- the answer is never a server error;
- when the answer is a refusal (4xx, the form shown again, or a redirect with an error
  message), the database is exactly as it was: every row of every table, compared before and
  after.

Each example runs in a savepoint that is rolled back, and the client's cookies are put back,
so that a form that succeeds (a redirect: allowed to change things) or logs out does not
change what the next one sees. Runs are derandomised: CI sees the same examples every time.
"""

import copy
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cadre.appointments.models import Notice, Objection
from cadre.ballots.models import Evaluation
from cadre.ballots.services import codes_issue, evaluation_create, evaluation_open
from cadre.orgs.forms import DepartmentForm
from cadre.orgs.models import Department, Membership
from cadre.panels import services as panels
from cadre.reserve.models import Programme
from tests.appointments.conftest import approved, inspecting, on_notice, proposed  # noqa: F401
from tests.campaigns.factories import campaign_draft
from tests.campaigns.test_review import closed  # noqa: F401
from tests.conftest import every_row
from tests.orgs.test_url_matrix import ROUTES, fill, objects  # noqa: F401
from tests.panels.conftest import reviewed  # noqa: F401
from tests.reserve.conftest import (  # noqa: F401
    cultivating,
    decided,
    draft,
    evaluating,
    published,
    recommended,
    staff,
    submitted,
)

# A few per form keep the whole file to a couple of minutes; CADRE_FUZZ_EXAMPLES=50 digs
# deeper.
EXAMPLES_PER_FORM = int(os.environ.get("CADRE_FUZZ_EXAMPLES", 4))
FUZZ = settings(
    max_examples=EXAMPLES_PER_FORM,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
DOWNLOADS = (".docx", ".xlsx", ".zip", ".pdf", ".json", ".csv")

# ---------------------------------------------------------------- the forms of a page


@dataclass
class Field:
    type: str
    name: str
    value: str = ""  # what the browser sends as the page stands ("" for none)
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    sent: bool = True  # an unchecked box or an unpressed button sends nothing


@dataclass
class Form:
    action: str  # the path it posts to, with its query if any
    fields: list[Field] = field(default_factory=list)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(sorted({f.name for f in self.fields}))

    def grouped(self) -> dict[str, list[Field]]:
        out = defaultdict(list)
        for f in self.fields:
            out[f.name].append(f)
        return out


class PageParser(HTMLParser):
    """The POST forms of a page, with their fields' names, values and options, and its links."""

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form = self._select = self._textarea = None

    def _path(self, href, query=False):
        url = urlsplit(urljoin(self.url, href))
        return f"{url.path}?{url.query}" if query and url.query else url.path

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(self._path(a["href"]))
        elif tag == "form":
            post = a.get("method", "get").lower() == "post"
            action = self._path(a.get("action") or self.url, query=True)
            self._form = Form(action) if post else None
            if self._form:
                self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            if kind in ("checkbox", "radio"):
                value = a.get("value", "on")
                self._form.fields.append(
                    Field(kind, a["name"], value, [value], kind == "checkbox", "checked" in a)
                )
            else:
                self._form.fields.append(
                    Field(kind, a["name"], a.get("value", ""), sent=kind not in ("submit", "image"))
                )
        elif tag == "select":
            self._select = Field("select", a["name"], multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a or len(self._select.options) == 1:
                self._select.value = value
        elif tag == "textarea":
            self._textarea = Field("textarea", a["name"])
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse(response, url) -> PageParser:
    parser = PageParser(url)
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode())
    return parser


def route_of(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


# ---------------------------------------------------------------- junk

JUNK = [
    "",
    " ",
    "\t\n",
    "x" * 5000,
    "长" * 300,
    "０１２３４５６７８９",  # full-width digits
    "①",  # a digit to str.isdigit(), not to int()
    "²/60/0",
    "１９８５-０３-１２",
    "😀👩‍👩‍👧",
    "\u202eevil",
    "a\x00b",  # PostgreSQL refuses NUL in text
    "<script>alert(1)</script>",
    "=1+1",
    "' OR 1=1 --",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "-0",
    "2147483648",  # past a 32-bit integer column
    "99999999999999999999999",
    "1985-13-40",
    "2025-02-30",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "31/12/2025",
    "2025年13月1日",
    "2025-07-01T25:61",
    "//evil.example/",
    "true",
    "on",
    "None",
    "[]",
    "{}",
]
FILES = [
    ("empty.xlsx", b""),
    ("a.pdf", b"%PDF-1.4\n%junk"),
    ("名册.xlsx", b"PK\x03\x04" + b"\x00" * 64),
    ("x" * 300 + ".docx", b"PK\x03\x04junk"),
    ("../../etc/passwd", b"root:x:0:0"),
    ("a.exe", bytes(range(256))),
]
EXTRA = ["id", "pk", "organisation", "person", "status", "campaign", "next"]


def odd_dates():
    return st.dates(date(1, 1, 1), date(9999, 12, 31)).flatmap(
        lambda d: st.sampled_from(
            [
                d.isoformat(),
                f"{d.year}/{d.month}/{d.day}",
                f"{d.year}年{d.month}月",
                d.strftime("%d.%m.%Y"),
                f"{d.isoformat()}T{d.month % 24:02d}:{d.day:02d}",
            ]
        )
    )


def junk(ids):
    return st.one_of(
        st.sampled_from(JUNK),
        st.sampled_from(ids).map(str),
        st.text(max_size=40),
        st.integers(-(2**64), 2**64).map(str),
        odd_dates(),
        st.floats().map(str),
    )


def junk_values(fields: list[Field], ids):
    """A name's values: its options, its neighbours' ids, junk; one, none or several."""
    options = sorted({o for f in fields for o in [f.value, *f.options]})
    one = st.one_of(st.sampled_from(options), junk(ids)) if options else junk(ids)
    return st.lists(one, max_size=4 if len(fields) > 1 or fields[0].multiple else 2)


def as_sent(fields: list[Field]) -> list[str]:
    return [f.value for f in fields if f.sent]


@st.composite
def form_data(draw, form: Form, ids):
    """The form as the page would send it, with a few fields (or all) changed to junk.

    The smallest example, which hypothesis tries first, is the form sent as it stands.
    """
    groups = {n: fs for n, fs in form.grouped().items() if n != "csrfmiddlewaretoken"}
    names = sorted(n for n, fs in groups.items() if fs[0].type not in ("submit", "image"))
    everything = draw(st.booleans())
    if everything or not names:
        changed = set(names)
    else:
        changed = draw(st.sets(st.sampled_from(names), max_size=3))
    data = {}
    for name in names:
        fields = groups[name]
        if fields[0].type == "file":
            if draw(st.booleans()):
                filename, content = draw(st.sampled_from(FILES))
                data[name] = SimpleUploadedFile(filename, content)
        elif name in changed:
            data[name] = draw(junk_values(fields, ids))
        elif as_sent(fields):
            data[name] = as_sent(fields)
    buttons = [f for fs in groups.values() for f in fs if f.type in ("submit", "image")]
    if buttons:
        pressed = draw(st.sampled_from([None, *buttons]))
        if pressed is not None:
            data[pressed.name] = pressed.value
    if draw(st.integers(0, 4)) == 4:
        data[draw(st.sampled_from(EXTRA))] = draw(junk(ids))
    for f in form.fields:
        if f.name == "csrfmiddlewaretoken":
            data[f.name] = f.value  # forged requests are tests/core/test_csrf_everywhere.py's
    return data


# ---------------------------------------------------------------- the database, whole


def difference(before, after, ignore=()) -> str:
    out = []
    for label, rows in before.items():
        if label not in ignore and rows != after[label]:
            gone = [r for r in rows if r not in after[label]]
            new = [r for r in after[label] if r not in rows]
            out.append(f"{label}: -{gone[:2]} +{new[:2]}"[:300])
    return "; ".join(out)


# What a refusal may write, by route: a failed login is counted, to lock a guesser out.
REFUSAL_RECORDS = {"accounts/login/": {"axes.AccessAttempt", "axes.AccessFailureLog"}}


# ---------------------------------------------------------------- posting


@dataclass
class Outcome:
    posts: int = 0
    refusals: int = 0
    forms: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)

    def check(self, at_least: int):
        print(
            f"\n{len(self.forms)} forms, {self.posts} posts ({self.refusals} refused), "
            f"{dict(self.statuses)}"
        )
        for f in self.forms:
            print("  ", f)
        assert not self.failures, "\n".join(self.failures)
        # A page that stops showing its forms would quietly test nothing.
        assert len(self.forms) >= at_least, self.forms


def refused(response, path) -> bool:
    """A refusal: a client error, the form shown again instead of moving on, or a redirect
    with an error message (the views of one-button steps say no that way)."""
    if 400 <= response.status_code < 500:
        return True
    if response.status_code == 302:
        # Those the request itself added, not ones it was handed from a previous redirect.
        said = getattr(response.wsgi_request, "_messages", None)
        return any(m.level >= messages.ERROR for m in getattr(said, "_queued_messages", ()))
    return response.status_code == 200 and any(
        f.action == path for f in parse(response, path).forms
    )


def post_once(client: Client, path: str, data: dict, before, outcome: Outcome) -> str | None:
    """Post in a savepoint rolled back afterwards; `before` is the database at its start."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            try:
                response = client.post(path, data)
                outcome.posts += 1
                outcome.statuses[response.status_code] += 1
                if response.status_code >= 500:
                    exc = response.exc_info[1] if response.exc_info else None
                    return f"{response.status_code} {exc!r}"
                if refused(response, path):
                    outcome.refusals += 1
                    changed = difference(
                        before, every_row(), REFUSAL_RECORDS.get(route_of(path), ())
                    )
                    if changed:
                        return f"{response.status_code} yet changed {changed}"
                return None
            finally:
                transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def shown(data: dict) -> str:
    text = repr({k: v for k, v in data.items() if k != "csrfmiddlewaretoken"})
    return text if len(text) < 600 else text[:600] + "…"


def fuzz(client: Client, form: Form, ids, outcome: Outcome, examples=FUZZ) -> None:
    outcome.forms.append(f"{form.action} {list(form.names)}")
    # Every example starts from here: the one before it was rolled back.
    before = every_row()

    @examples
    @given(st.data())
    def run(data):
        posted = data.draw(form_data(form, ids), label="posted")
        problem = post_once(client, form.action, posted, before, outcome)
        assert problem is None, f"POST {form.action} {shown(posted)} → {problem}"

    try:
        run()
    except AssertionError as exc:
        outcome.failures.append(str(exc).splitlines()[0])
    assert every_row() == before, f"an example posted to {form.action} was not rolled back"


def fuzz_pages(client: Client, urls, ids, owns, crawl_within: str | None = None) -> Outcome:
    """GET each URL (and, given a prefix, the pages linked from them under it), then fuzz each
    POST form whose target `owns(route, path)` accepts, once per target and set of fields."""
    outcome = Outcome()
    queue, visited, seen = list(urls), set(), set()
    while queue:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            exc = response.exc_info[1] if response.exc_info else None
            outcome.failures.append(f"GET {url} → {response.status_code} {exc!r}")
        page = parse(response, url)
        if crawl_within:
            queue += [
                link
                for link in page.links
                if link.startswith(crawl_within) and not link.endswith(DOWNLOADS)
            ]
        for form in page.forms:
            route = route_of(form.action)
            key = (route, form.names)
            if route is None or not owns(route, form.action) or key in seen:
                continue
            seen.add(key)
            fuzz(client, form, ids, outcome)
    return outcome


def admin_client(world) -> Client:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(world.users["school_admin"])
    return client


def some_ids(world, *more):
    """Ids a form might be handed: this school's objects, and the other school's, which no
    form of this school may accept."""
    other = [
        world.other_person.pk,
        Department.objects.filter(organisation=world.other_school).first().pk,
        world.users["other_admin"].pk,
        world.other_school.pk,
    ]
    return sorted({*more, *other, world.person.pk, world.department.pk, 0, -1, 2**31})


# ---------------------------------------------------------------- the school's pages


def group(route: str) -> str | None:
    if not route.startswith("o/<slug:code>/"):
        return None
    rest = route.removeprefix("o/<slug:code>/")
    for part in ("/appointment/", "/panel/"):
        if part in rest:
            return part.strip("/")
    head = rest.split("/", 1)[0]
    return "orgs" if head in ("", "accounts", "departments", "positions") else head


GROUPS = sorted({group(r) for r in ROUTES})
RECORD_KINDS = ("post", "appraisal", "honour", "discipline")
# Fewer forms than these on a group's pages (with the url matrix's objects: 7, 14, 8, 4, 10 and
# 17 today) would mean that pages stopped showing them, or this test stopped finding them.
FORMS_AT_LEAST = {"ballots": 5, "campaigns": 10, "orgs": 6, "panel": 3, "people": 8, "reserve": 12}


@pytest.mark.parametrize("name", GROUPS)
def test_the_forms_of_a_school_refuse_junk_without_a_trace(world, objects, name):  # noqa: F811
    urls = [fill(r, world, objects) for r in ROUTES if group(r) == name]
    if name == "people":
        # The record pages are one route for four kinds of record.
        urls += [f"/o/{world.school.code}/people/{world.person.pk}/{k}/new/" for k in RECORD_KINDS]
    outcome = fuzz_pages(
        admin_client(world),
        urls,
        some_ids(world, *objects.values()),
        lambda r, _p: group(r) == name,
    )
    outcome.check(at_least=FORMS_AT_LEAST.get(name, 0))


def test_the_forms_a_teacher_fills_in_refuse_junk_without_a_trace(world, objects):  # noqa: F811
    """His application, his recommendations, his answer to a nomination: the forms of
    someone on the roster without any role."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(world.users["teacher"])
    urls = [fill(r, world, objects) for r in ROUTES]
    outcome = fuzz_pages(
        client, urls, some_ids(world, *objects.values()), lambda r, _p: group(r) is not None
    )
    outcome.check(at_least=1)


# ---------------------------------------------------------------- the stages


def campaign_stage(fixture):
    def home(request, world):
        c = request.getfixturevalue(fixture)
        return f"/o/{world.school.code}/campaigns/{c.pk}/"

    return home


def programme_stage(fixture):
    def home(request, world):
        p = request.getfixturevalue(fixture)
        p = getattr(p, "programme", p)  # cultivating is a namespace around it
        return f"/o/{world.school.code}/reserve/{p.pk}/"

    return home


@pytest.fixture
def drafted(world):
    return campaign_draft(world)


@pytest.fixture
def concern(on_notice):  # noqa: F811
    """A concern about an appointee, received by the office, to be concluded."""
    Objection.objects.create(
        notice=on_notice.notice, content="反映问题", received_at=timezone.now()
    )
    return on_notice


@pytest.fixture
def scored(reviewed):  # noqa: F811
    """The oral defence in session, one expert's sheet submitted (the chair may reopen it)."""
    panel = panels.panel_create(actor="t", campaign=reviewed)
    expert, _token = panels.expert_add(actor="t", panel=panel, name="专家", affiliation="x")
    panels.panel_open(actor="t", panel=panel)
    panels.sheet_save(
        expert=expert,
        person=reviewed.people[0],
        raw_points={d["code"]: "20" for d in panel.dimensions},
        submit=True,
        signature=expert.name,
    )
    return reviewed


@pytest.fixture
def recommending(published):  # noqa: F811
    """Recommendations open today."""
    today = timezone.localdate()
    Programme.objects.filter(pk=published.pk).update(
        recommendation_opens=today - timedelta(days=1),
        recommendation_closes=today + timedelta(days=5),
    )
    return published


# Pages that only a stage shows: a campaign's draft, its review, the panel before it is set up
# and in session, the inspections, the notice, the concerns, the approval; a programme's
# recommendations, its evaluation sheets, the committee's decision, the cultivation.
STAGES = {
    "campaign-draft": campaign_stage("drafted"),
    "campaign-closed": campaign_stage("closed"),
    "campaign-closed-committee": campaign_stage("closed"),  # the qualification review
    "campaign-reviewed": campaign_stage("reviewed"),
    "campaign-scored": campaign_stage("scored"),
    "campaign-inspecting": campaign_stage("inspecting"),
    "campaign-proposed": campaign_stage("proposed"),
    "campaign-on-notice": campaign_stage("on_notice"),
    "campaign-concern": campaign_stage("concern"),
    "campaign-approved": campaign_stage("approved"),
    "reserve-draft": programme_stage("draft"),
    "reserve-recommending": programme_stage("recommending"),
    "reserve-recommending-teacher": programme_stage("recommending"),  # recommends himself
    "reserve-recommended": programme_stage("recommended"),
    "reserve-evaluating": programme_stage("evaluating"),
    "reserve-submitted": programme_stage("submitted"),
    "reserve-cultivating": programme_stage("cultivating"),
}


@pytest.mark.parametrize("stage", STAGES)
def test_the_forms_of_each_stage_refuse_junk_without_a_trace(request, world, stage):
    home = STAGES[stage](request, world)
    client = admin_client(world)
    if stage.endswith("-teacher"):
        client.force_login(world.users["teacher"])
    if stage.endswith("-committee"):
        Membership.objects.create(
            user=world.users["school_admin"],
            organisation=world.school,
            role=Membership.Role.PARTY_COMMITTEE,
        )
    outcome = fuzz_pages(
        client,
        [home],
        some_ids(world),
        lambda _r, path: path.startswith(home),
        crawl_within=home,
    )
    outcome.check(at_least=1)


# ---------------------------------------------------------------- voters, experts, the public


def site_routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from site_routes(entry, route)
        elif isinstance(entry, URLPattern) and not route.startswith("o/"):
            yield route


SITE_ROUTES = sorted(set(site_routes()))


@dataclass
class Public:
    campaign: int
    token: str  # an expert's personal link
    candidate: int  # a person the expert scores
    public_id: str  # an open evaluation's


@pytest.fixture
def defence(world, reviewed):  # noqa: F811
    """The oral defence in session with one expert, and a democratic evaluation open."""
    panel = panels.panel_create(actor="t", campaign=reviewed)
    _expert, token = panels.expert_add(actor="t", panel=panel, name="专家", affiliation="市教科院")
    panels.panel_open(actor="t", panel=panel)
    evaluation = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, title="测评"),
        candidates=[(p, "") for p in reviewed.people],
    )
    codes_issue(actor="t", evaluation=evaluation, count=3)
    evaluation_open(actor="t", evaluation=evaluation)
    evaluation.refresh_from_db()
    return Public(reviewed.pk, token, reviewed.people[0].pk, evaluation.public_id)


@pytest.fixture
def notice_up(on_notice):  # noqa: F811
    """The appointment on notice, the notice running today: the page to report a concern
    takes reports."""
    today = timezone.localdate()
    Notice.objects.filter(campaign=on_notice).update(
        starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=5)
    )
    return Public(on_notice.pk, "no-such-token", 0, "no-such-ballot")


def fill_site(route: str, world, public: Public) -> str:
    for token, value in {
        "<str:token>": public.token,
        "<int:person_pk>": public.candidate,
        "<str:public_id>": public.public_id,
        "<slug:code>": world.school.code,
        "<int:pk>": public.campaign,
        "<uidb64>": "MQ",
        "<token>": "set-password",
    }.items():
        route = route.replace(token, str(value))
    assert "<" not in route, f"teach this test the parameter of {route}"
    return "/" + route


@pytest.mark.parametrize(
    ("scene", "persona", "at_least"),
    [
        # The login form and the language switch; the expert's sheet and his conflict of
        # interest; the ballot.
        ("defence", "anonymous", 5),
        # The form to report a concern about an appointee on notice.
        ("notice_up", "anonymous", 3),
        # Changing one's password, logging out.
        ("defence", "school_admin", 3),
    ],
)
def test_the_forms_of_voters_experts_and_the_public_refuse_junk_without_a_trace(
    request, world, scene, persona, at_least
):
    public = request.getfixturevalue(scene)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(world.users[persona])
    urls = [fill_site(r, world, public) for r in SITE_ROUTES]
    outcome = fuzz_pages(
        client, urls, some_ids(world, public.candidate), lambda r, _p: group(r) is None
    )
    outcome.check(at_least=at_least)


# ---------------------------------------------------------------- the fuzzer itself


def test_the_fuzzer_reports_a_server_error_and_a_record_half_stored(world, monkeypatch):
    """Without this, a harness that posted nothing, or compared nothing, would pass."""
    once = settings(FUZZ, max_examples=1, phases=[Phase.generate])  # no shrinking
    client = admin_client(world)
    url = f"/o/{world.school.code}/departments/new/"
    [form] = [f for f in parse(client.get(url), url).forms if f.action == url]

    def half_stored(self):
        Department.objects.create(organisation=world.school, name="写了一半")
        raise ValidationError("refused after writing")

    monkeypatch.setattr(DepartmentForm, "clean", half_stored)
    outcome = Outcome()
    fuzz(client, form, some_ids(world), outcome, once)
    assert "200 yet changed orgs.Department" in outcome.failures[0]

    def crash(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(DepartmentForm, "clean", crash)
    outcome = Outcome()
    fuzz(client, form, some_ids(world), outcome, once)
    assert "500 RuntimeError('boom')" in outcome.failures[0]
    assert not Department.objects.filter(name="写了一半").exists()
