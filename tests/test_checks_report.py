"""synthlab.check end to end: the report, its JSON and HTML, thresholds, bad input."""

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

import synthlab
from synthlab.checks import THRESHOLDS, RiskReport
from synthlab.errors import DataError, SpecError


@pytest.fixture(scope="module")
def credit():
    dataset = synthlab.datasets.load("german_credit")
    order = np.random.default_rng(0).permutation(len(dataset.data))
    train = dataset.data.iloc[np.sort(order[:500])]
    fresh = dataset.data.iloc[np.sort(order[500:750])]
    holdout = dataset.data.iloc[np.sort(order[750:])]
    return dataclasses.replace(dataset, data=train), fresh, holdout


@pytest.fixture(scope="module")
def report(credit):
    train, fresh, holdout = credit
    return synthlab.check(train, fresh, holdout=holdout)


def test_real_held_out_rows_fail_no_check(report):
    assert isinstance(report, RiskReport)
    assert set(report.verdicts) == {"distribution", "artifacts", "privacy", "bias"}
    assert "fail" not in report.verdicts.values(), report.summary().to_string()


def test_every_risk_explains_itself(report):
    for risk in report.risks.values():
        assert risk.verdict in ("pass", "warn", "fail")
        assert risk.sentence.endswith(".") and risk.next_step
        assert risk.source
        for finding in risk.findings:
            assert finding.source and finding.label


def test_to_dict_is_json_with_verdicts_on_top(report):
    data = json.loads(json.dumps(report.to_dict()))
    assert list(data)[0] == "verdicts"
    assert data["verdicts"] == report.verdicts
    assert 0 <= data["privacy"]["closer_to_training_share"] <= 1
    assert (
        data["privacy"]["figures"]["closer_to_training_share"]
        == data["privacy"]["closer_to_training_share"]
    )
    finding = data["distribution"]["findings"][0]
    assert {"name", "value", "warn_at", "fail_at", "verdict", "source"} <= set(finding)


def test_to_html_is_self_contained_and_refuses_to_overwrite(report, tmp_path):
    path = tmp_path / "report.html"
    report.to_html(path)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("data:image/png;base64,") == 4
    assert "http://" not in page and "https://" not in page and "<script" not in page
    with pytest.raises(DataError, match="already exists; pass force=True"):
        report.to_html(path)
    report.to_html(path, force=True)


def test_the_notebook_dashboard_renders(report):
    page = report._repr_html_()
    for label in (
        "Distribution mismatch",
        "Artifacts",
        "Privacy leakage",
        "Bias amplification",
    ):
        assert label in page


def test_identifier_columns_are_left_out():
    dataset = synthlab.datasets.load("actg175")
    train, holdout = dataset.split(holdout=0.5, seed=0)
    fresh = holdout.iloc[:300].copy()
    fresh["pidnum"] = -1  # a stand-in id would never match; it must not matter
    report = synthlab.check(
        dataclasses.replace(dataset, data=train),
        fresh,
        holdout=holdout.iloc[300:],
        sensitive=["race"],
    )
    assert report.inputs["left_out"] == ["pidnum"]
    assert "pidnum" not in report.inputs["numerical"] + report.inputs["categorical"]


def test_thresholds_override_the_policy(credit):
    train, fresh, holdout = credit
    copied = pd.concat([fresh.iloc[:200], train.data.iloc[:50]], ignore_index=True)
    assert synthlab.check(train, copied, holdout=holdout).verdicts["privacy"] == "fail"
    lenient = {name: 1.0 for name in THRESHOLDS["privacy"]}
    report = synthlab.check(
        train, copied, holdout=holdout, thresholds={"privacy": lenient}
    )
    assert report.verdicts["privacy"] == "pass"
    finding = report.findings("privacy").set_index("name").loc["exact_copy_excess"]
    assert finding["fail_at"] == 1.0


def test_threshold_names_are_checked(credit):
    train, fresh, _ = credit
    with pytest.raises(
        SpecError,
        match="thresholds\\['privacy'\\] has no cut-off called "
        "'copies'; the cut-offs are: exact_copy_excess_warn",
    ):
        synthlab.check(train, fresh, thresholds={"privacy": {"copies": 0.1}})
    with pytest.raises(SpecError, match="thresholds has a section 'fidelity'"):
        synthlab.check(train, fresh, thresholds={"fidelity": {}})
    assert "membership_auc_fail" in THRESHOLDS["privacy"]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda f: f.drop(columns=["age"]),
            "The synthetic table lacks 1 of the real table's columns, such as 'age'",
        ),
        (
            lambda f: f.assign(extra=1),
            "The synthetic table has 1 columns the real table does not have, such as "
            "'extra'",
        ),
        (
            lambda f: f.assign(age="old"),
            "The synthetic column 'age' should hold numbers like the real one, but has",
        ),
        (lambda f: f.iloc[:0], "The synthetic table has no rows"),
    ],
)
def test_bad_synthetic_tables_are_refused_by_message(credit, change, message):
    train, fresh, _ = credit
    with pytest.raises(DataError, match=message):
        synthlab.check(train, change(fresh))


def test_bad_arguments_are_refused_by_message(credit):
    train, fresh, holdout = credit
    with pytest.raises(
        DataError, match="The target column 'income' is not in the real table"
    ):
        synthlab.check(train, fresh, target="income")
    with pytest.raises(
        DataError, match="The sensitive column 'gender' is not in the real"
    ):
        synthlab.check(train, fresh, sensitive="gender")
    with pytest.raises(DataError, match="synthetic should be a pandas DataFrame"):
        synthlab.check(train, fresh.to_numpy())
    with pytest.raises(
        DataError, match="The holdout table lacks 1 of the real table's"
    ):
        synthlab.check(train, fresh, holdout=holdout.drop(columns=["sex"]))
    with pytest.raises(
        SpecError, match="The rule 'sex determines colour' reads column 'colour'"
    ):
        synthlab.check(train, fresh, rules=["sex determines colour"])


def test_identifiers_in_a_plain_table_are_found_and_left_out():
    customers = synthlab.datasets.load("cdnow_customers").data
    order = np.random.default_rng(0).permutation(len(customers))
    train, fresh = customers.iloc[order[:600]], customers.iloc[order[600:900]]
    report = synthlab.check(train, fresh)
    assert report.inputs["left_out"] == ["customer_id"]


def test_a_target_with_one_value_is_refused():
    table = pd.DataFrame({"x": np.arange(40.0), "t": 1})
    with pytest.raises(DataError, match="The target column 't' has a single value"):
        synthlab.check(table, table, target="t")
