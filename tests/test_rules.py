import pandas as pd
import pytest

from synthlab.errors import SpecError
from synthlab.rules import parse, parse_all

REAL = pd.DataFrame({"arm": [0, 1, 2, 0], "treat": [0, 1, 1, 0], "start": [1, 2, 3, 4],
                     "end": [2, 2, 5, 9]})


def test_determines_learns_allowed_pairs_from_the_real_table():
    synthetic = pd.DataFrame({"arm": [0, 1, 0, 7], "treat": [0, 0, 1, 1], "start": 0, "end": 0})
    broken = parse("arm determines treat").violations(synthetic, REAL)
    assert broken.tolist() == [False, True, True, False]


def test_comparison_between_columns_and_with_a_number():
    synthetic = pd.DataFrame({"start": [1, 5, None], "end": [3, 2, 1]})
    assert parse("end >= start").violations(synthetic).tolist() == [False, True, False]
    assert parse("start < 2").violations(synthetic).tolist() == [False, True, False]


def test_parse_all_accepts_one_rule_or_none():
    assert parse_all(None) == []
    assert [r.kind for r in parse_all("end >= start")] == ["compare"]


@pytest.mark.parametrize("text, message", [
    ("end after start", "is not understood. Write 'A determines B' or a comparison"),
    ("a determines a", "relates a column to itself"),
    (42, "A rule is a sentence"),
])
def test_unreadable_rules_are_refused(text, message):
    with pytest.raises(SpecError, match=message):
        parse(text)


def test_a_rule_on_a_missing_column_names_it():
    with pytest.raises(SpecError, match="reads column 'seats', which the table does not have"):
        parse("seats >= 50").violations(REAL)


def test_determines_needs_the_real_table():
    with pytest.raises(SpecError, match="pass the real table as well"):
        parse("arm determines treat").violations(REAL)
