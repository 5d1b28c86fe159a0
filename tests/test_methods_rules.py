"""The rules method: a spec you write, its checks, and the event simulation."""

import pandas as pd
import pytest

import synthlab
from synthlab.errors import SpecError

SAAS = {
    "columns": {
        "customer_id": {"faker": "id"},
        "company": {"faker": "company"},
        "plan": {"categories": {"free": 0.6, "pro": 0.3, "enterprise": 0.1}},
        "seats": {"distribution": "poisson", "mean": 3, "min": 1},
        "monthly_fee": {"formula": "seats * 12"},
        "signup_date": {"dates": ["2024-01-01", "2024-12-31"]},
        "churn_date": {"after": "signup_date", "days": [30, 365], "missing": 0.5},
    },
    "rules": [
        {
            "when": "plan == 'enterprise'",
            "then": {"seats": {"distribution": "integer", "min": 50, "max": 500}},
        },
        "churn_date > signup_date",
    ],
}


def test_a_spec_gives_its_columns_and_keeps_its_rules():
    table = synthlab.generate(SAAS, "rules", 300, seed=0)
    assert list(table.columns) == list(SAAS["columns"])
    assert table["customer_id"].is_unique
    enterprise = table[table["plan"] == "enterprise"]
    assert len(enterprise) > 0 and (enterprise["seats"] >= 50).all()
    assert (table.loc[table.plan != "enterprise", "seats"] >= 1).all()
    assert (table["monthly_fee"] == table["seats"] * 12).all()
    churned = table.dropna(subset=["churn_date"])
    assert 0 < len(churned) < len(table)
    assert (
        pd.to_datetime(churned.churn_date) > pd.to_datetime(churned.signup_date)
    ).all()
    assert table.attrs["notes"] == ["sampled from a rule spec; no real data used"]


def test_same_seed_same_table():
    pd.testing.assert_frame_equal(
        synthlab.generate(SAAS, "rules", 50, seed=3),
        synthlab.generate(SAAS, "rules", 50, seed=3),
    )


def test_yaml_text_reads_like_the_dict():
    text = """
columns:
  plan: {categories: [free, pro]}
  seats: {distribution: integer, min: 1, max: 3}
"""
    table = synthlab.generate(text, "rules", 20, seed=0)
    assert set(table["plan"]) <= {"free", "pro"} and table["seats"].between(1, 3).all()


def test_simulation_moves_entities_through_states():
    spec = {
        "columns": {
            "patient": {"faker": "id"},
            "admitted": {"dates": ["2024-01-01", "2024-01-31"]},
        },
        "simulation": {
            "start": "ward",
            "transitions": {
                "ward": {"ward": 0.5, "icu": 0.2, "home": 0.3},
                "icu": {"icu": 0.4, "ward": 0.6},
            },
            "steps": 10,
            "start_date": "admitted",
            "days_per_step": 1,
        },
    }
    events = synthlab.generate(spec, "rules", 30, seed=0)
    assert list(events.columns) == ["patient", "admitted", "step", "state", "date"]
    assert events["patient"].nunique() == 30
    firsts = events[events.step == 0]
    assert (firsts.state == "ward").all() and len(firsts) == 30
    assert set(events.state) <= {"ward", "icu", "home"}
    after_home = events.merge(
        events[events.state == "home"][["patient", "step"]],
        on="patient",
        suffixes=("", "_home"),
    )
    assert (after_home.step <= after_home.step_home).all()  # home is a state never left


@pytest.mark.parametrize(
    "spec, message",
    [
        (
            {"columns": {"plan": {"categories": {"free": 0.6, "pro": 0.6}}}},
            "Column 'plan': the weights sum to 1.2, not 1.",
        ),
        (
            {"columns": {"seats": {"distribution": "integer", "min": 9, "max": 2}}},
            r"Column 'seats': min \(9\) is greater than max \(2\). Swap them.",
        ),
        (
            {"columns": {"plan": {"categories": ["a"]}}, "rules": ["seats >= 50"]},
            (
                "The rule 'seats >= 50' reads column 'seats', which the spec does not"
                " define."
            ),
        ),
        (
            {"columns": {"a": {"formula": "b + 1"}, "b": {"formula": "a * 2"}}},
            "The derived columns form a cycle: a -> b -> a.",
        ),
        (
            {"columns": {"x": {"distribution": "zipf", "mean": 1}}},
            (
                "Column 'x': unknown distribution 'zipf'. The distributions are:"
                " uniform, integer,"
            ),
        ),
        (
            {"columns": {"x": {"faker": "dragon_name"}}},
            "Faker has no provider 'dragon_name'",
        ),
        ({"columns": {}}, "The spec needs a 'columns' section"),
        (
            {"columns": {"x": {"categories": ["a"], "distribution": "uniform"}}},
            "must say how it is made with exactly one of",
        ),
        (
            {
                "columns": {"s": {"categories": ["a"]}},
                "simulation": {"transitions": {"a": {"b": 0.5}}},
            },
            "The transitions from state 'a': the weights sum to 0.5",
        ),
    ],
)
def test_a_contradictory_spec_names_the_problem(spec, message):
    with pytest.raises(SpecError, match=message):
        synthlab.generate(spec, "rules", 5)


def test_a_rule_that_can_never_hold():
    spec = {
        "columns": {"a": {"distribution": "integer", "min": 0, "max": 5}},
        "rules": ["a > 10"],
    }
    with pytest.raises(SpecError, match="rows still break the rules 'a > 10'"):
        synthlab.generate(spec, "rules", 5)


def test_a_spec_cannot_drive_a_learning_method():
    from synthlab.errors import MethodError

    with pytest.raises(MethodError, match="A rule spec only drives the 'rules' method"):
        synthlab.generate("columns:\n  a: {categories: [x]}\n", "gaussian_copula", 5)


def test_from_a_dataset_only_the_structure():
    from synthlab.methods.rules import spec_from

    trial = synthlab.datasets.load("actg175")
    spec = spec_from(trial)
    assert spec["columns"]["pidnum"] == {"faker": "id"}
    assert spec["columns"]["cd496"]["missing"] == 0.37
    assert spec["columns"]["arms"] == {"categories": [0, 1, 2, 3]}
    table = synthlab.generate(trial, "rules", 100, seed=0)
    assert not table["pidnum"].isin(trial.data["pidnum"]).any()
