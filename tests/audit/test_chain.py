from hypothesis import given
from hypothesis import strategies as st

from cadre.audit import chain

field_values = st.fixed_dictionaries(
    {
        "at": st.text(max_size=8),
        "actor": st.text(max_size=8),
        "organisation": st.integers(),
        "action": st.text(max_size=8),
        "object_type": st.text(max_size=8),
        "object_id": st.text(max_size=4),
        "object_repr": st.text(max_size=8),
        "before": st.none() | st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
        "after": st.none() | st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=3),
    }
)


def build(entries):
    prev, rows = chain.GENESIS, []
    for i, fields in enumerate(entries):
        h = chain.entry_hash(prev, fields)
        rows.append((i, prev, h, fields))
        prev = h
    return rows


@given(st.lists(field_values, max_size=8))
def test_an_untouched_chain_verifies(entries):
    assert chain.first_break(build(entries)) is None


@given(st.lists(field_values, min_size=1, max_size=8), st.data())
def test_changing_any_field_of_any_entry_is_found_at_that_entry(entries, data):
    rows = build(entries)
    i = data.draw(st.integers(0, len(rows) - 1))
    key = data.draw(st.sampled_from(chain.HASHED_FIELDS))
    entry_id, prev, h, fields = rows[i]
    altered = dict(fields, **{key: "tampered" if fields[key] != "tampered" else "x"})
    rows[i] = (entry_id, prev, h, altered)
    assert chain.first_break(rows) == (i, "hash")


@given(st.lists(field_values, min_size=2, max_size=8), st.data())
def test_removing_an_entry_breaks_the_chain_at_its_successor(entries, data):
    rows = build(entries)
    i = data.draw(st.integers(0, len(rows) - 2))
    del rows[i]
    assert chain.first_break(rows) == (i + 1, "prev")
