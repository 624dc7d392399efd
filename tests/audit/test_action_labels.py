"""Every action on the audit trail is shown in words, in the reader's language."""

import ast
import itertools
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from django.urls import reverse
from django.utils import translation

import cadre
from cadre.audit.actions import ACTIONS, action_choices, action_label
from cadre.audit.services import audit_record
from cadre.people.views import RECORD_KINDS
from cadre.reserve.models import Outcome

SOURCE = Path(cadre.__file__).parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# The values of the placeholders of f-string actions, by the placeholder's source text. An
# f-string with a placeholder not named here fails the scan: enumerate its values here.
# (A function's own `action` parameter inside an f-string, as in core.status.part_save, is
# filled in from the prefixes its callers pass; it needs no entry.)
RECORD_MODELS = [model._meta.model_name for model, _form, _label in RECORD_KINDS.values()]
FAMILIES = {
    # people.services.record_save / record_delete: a person's post, appraisal, honour, …
    "model._meta.model_name": RECORD_MODELS,
    "record._meta.model_name": RECORD_MODELS,
    # reserve.services.outcome._apply: the committee's decision at the end of the cycle
    "p.kind": list(Outcome.Kind.values),
}


def _trees():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _callee(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _takes_action(trees) -> dict[str, tuple[int | None, bool]]:
    """The functions (and dataclasses) with an `action` parameter: its position when it can
    be passed positionally, and whether the function builds codes from it in an f-string
    (so that what its callers pass is a prefix, not a code)."""
    found = {}
    for _path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                positional = [a.arg for a in node.args.posonlyargs + node.args.args]
                if "action" not in positional + [a.arg for a in node.args.kwonlyargs]:
                    continue
                prefix = any(
                    isinstance(n, ast.FormattedValue)
                    and isinstance(n.value, ast.Name)
                    and n.value.id == "action"
                    for n in ast.walk(node)
                )
                index = positional.index("action") if "action" in positional else None
                found[node.name] = (index, prefix)
            elif isinstance(node, ast.ClassDef):  # audit.services.Change
                fields = [
                    n.target.id
                    for n in node.body
                    if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
                ]
                if "action" in fields:
                    found[node.name] = (fields.index("action"), False)
    return found


def _values(node: ast.expr, where: str, placeholders: dict) -> set[str]:
    """The strings `node` can be: literals, both sides of `a if c else b`, and f-strings
    whose placeholders are literals or named in `placeholders`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _values(node.body, where, placeholders) | _values(node.orelse, where, placeholders)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for part in node.values:
            if not isinstance(part, ast.FormattedValue):
                parts.append([part.value])
            elif isinstance(part.value, ast.Constant | ast.IfExp):
                parts.append(sorted(_values(part.value, where, placeholders)))
            else:
                key = ast.unparse(part.value)
                assert key in placeholders, (
                    f"{where}: the action f-string {ast.unparse(node)} has a placeholder "
                    f"{{{key}}} whose values are unknown; add them to FAMILIES"
                )
                parts.append(placeholders[key])
        return {"".join(p) for p in itertools.product(*parts)}
    if isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.Call):
        return set()  # a value passed on (or read from a request), counted where it is made
    raise AssertionError(f"{where}: cannot tell the actions of {ast.unparse(node)}")


@cache
def codes_in_source() -> frozenset[str]:
    """Every action code the code base can write to the trail (or look up in it)."""
    trees = list(_trees())
    takes = _takes_action(trees)

    def action_args(call):
        if _callee(call) == "add_argument":  # argparse's action="store_true"
            return
        for keyword in call.keywords:
            if keyword.arg == "action":
                yield keyword.value
        index = takes.get(_callee(call), (None, False))[0]
        if index is not None and len(call.args) > index:
            yield call.args[index]

    codes, prefixes = set(), {}
    for path, tree in trees:
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            for arg in action_args(call):
                if isinstance(arg, ast.JoinedStr):
                    continue  # below, with the placeholders of its function
                found = _values(arg, f"{path}:{arg.lineno}", {})
                if takes.get(_callee(call), (None, False))[1]:
                    prefixes.setdefault(_callee(call), set()).update(found)
                else:
                    codes |= found
    for path, tree in trees:
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            placeholders = dict(FAMILIES)
            if function.name in prefixes:
                placeholders["action"] = sorted(prefixes[function.name])
            for node in ast.walk(function):
                where = f"{path}:{getattr(node, 'lineno', '?')}"
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "action" for t in node.targets
                ):
                    if isinstance(node.value, ast.Constant | ast.IfExp | ast.JoinedStr):
                        codes |= _values(node.value, where, placeholders)
                elif isinstance(node, ast.Call):
                    for arg in action_args(node):
                        if isinstance(arg, ast.JoinedStr):
                            codes |= _values(arg, where, placeholders)
    return frozenset(codes)


def test_the_scan_finds_the_actions_however_they_are_written():
    codes = codes_in_source()
    assert "objection.file" in codes  # action="…"
    assert {"evaluation.codes_issue", "evaluation.codes_reissue"} <= codes  # a if c else b
    assert "roster.import" in codes  # Change("…", …)
    assert "panel.open" in codes  # _set_status(…, "panel.open")
    assert {"campaign.stage.create", "campaign.stage.update", "campaign.stage.delete"} <= codes
    assert {"reserve.rotation.create", "reserve.rotation.update"} <= codes
    assert "reserve.rotation.delete" not in codes
    assert {f"{m}.delete" for m in RECORD_MODELS} <= codes
    assert "reserve.cadre.move_up" in codes
    assert "store_true" not in codes
    assert "campaign.stage" not in codes  # a prefix, not a code


def test_every_action_in_the_code_base_has_a_label():
    missing = sorted(codes_in_source() - ACTIONS.keys())
    assert not missing, f"actions without a label in cadre/audit/actions.py: {missing}"


def test_every_label_is_for_an_action_the_code_base_writes():
    assert not sorted(ACTIONS.keys() - codes_in_source())


def test_the_labels_are_distinct():
    with translation.override("en"):
        english = [str(label) for label in ACTIONS.values()]
    with translation.override("zh-hans"):
        chinese = [str(label) for label in ACTIONS.values()]
    assert len(set(english)) == len(english)
    assert len(set(chinese)) == len(chinese)


def test_every_label_is_translated_into_chinese():
    with translation.override("zh-hans"):
        untranslated = {
            c: str(label) for c, label in ACTIONS.items() if not CHINESE.search(str(label))
        }
    assert not untranslated, (
        f"{len(untranslated)} of {len(ACTIONS)} labels are not in the zh_Hans catalogue, "
        f"e.g. {sorted(untranslated.values())[:5]}"
    )


def test_an_unknown_code_is_shown_as_itself():
    assert action_label("legacy.something_old") == "legacy.something_old"
    assert action_choices(["legacy.something_old", "account.create"]) == [
        ("account.create", str(ACTIONS["account.create"])),
        ("legacy.something_old", "legacy.something_old"),
    ]


class Visible(HTMLParser):
    """The text a reader sees (not attributes, scripts or styles)."""

    def __init__(self):
        super().__init__()
        self.parts, self.titles, self.options, self._skip = [], [], {}, 0
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if "title" in attrs:
            self.titles.append(attrs["title"])
        if tag == "option":
            self._option = attrs.get("value")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "option":
            self._option = None

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)
            if self._option is not None and data.strip():
                self.options[self._option] = data.strip()

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def audit_page(world, **query) -> Visible:
    url = reverse("audit:org", args=[world.school.code])
    response = world.client("school_admin").get(url, query)
    assert response.status_code == 200
    page = Visible()
    page.feed(response.content.decode())
    return page


def test_the_audit_page_shows_the_label_not_the_code(world):
    audit_record(
        actor=world.users["school_admin"],
        organisation=world.school,
        action="objection.file",
        object_repr="关于某同志的反映",
    )
    with translation.override("zh-hans"):  # the page's language
        label = action_label("objection.file")
    page = audit_page(world)
    assert label in page.text
    assert "objection.file" not in page.text
    assert "objection.file" in page.titles  # the code, for whoever needs it
    assert page.options["objection.file"] == label


def test_the_action_filter_matches_the_action_exactly(world):
    admin = world.users["school_admin"]
    audit_record(actor=admin, organisation=world.school, action="campaign.close")
    audit_record(actor=admin, organisation=world.school, action="campaign.close_registration")
    with translation.override("zh-hans"):
        closed = action_label("campaign.close")
        registration = action_label("campaign.close_registration")
    page = audit_page(world, action="campaign.close")
    # In the order of the mapping: registration ends before the campaign closes.
    assert list(page.options) == ["", "campaign.close_registration", "campaign.close"]
    # Each label once in the filter; the table lists only the entry of the exact action.
    assert page.text.count(closed) == 2
    assert page.text.count(registration) == 1


def test_an_unknown_code_on_the_page_is_shown_as_itself(world):
    code = "legacy.something_old"
    audit_record(actor=world.users["school_admin"], organisation=world.school, action=code)
    page = audit_page(world)
    assert code in page.text
    assert page.options[code] == code
