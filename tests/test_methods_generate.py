"""generate(): the one call, its errors, and the rules that hold for every method."""

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

import synthlab
from synthlab.datasets import load
from synthlab.errors import DataError, MethodError


@pytest.fixture(scope="module")
def credit():
    return load("german_credit")


def test_unknown_method_lists_the_methods(credit):
    with pytest.raises(
        MethodError,
        match=r"no method called 'gan'.*The methods are: rules, "
        r"gaussian_copula, smote, ctgan, tvae, llm",
    ):
        synthlab.generate(credit, "gan", 10)


def test_close_method_name_is_suggested(credit):
    with pytest.raises(MethodError, match="Did you mean 'gaussian_copula'"):
        synthlab.generate(credit, "gaussian_copola", 10)


@pytest.mark.parametrize("n_rows", [0, -5])
def test_n_rows_below_one_is_refused(credit, n_rows):
    with pytest.raises(MethodError, match=f"n_rows must be at least 1; got {n_rows}"):
        synthlab.generate(credit, "gaussian_copula", n_rows)


def test_unknown_option_names_the_options(credit):
    with pytest.raises(
        MethodError, match="has no option 'epochs'. Its options are: condition"
    ):
        synthlab.generate(credit, "gaussian_copula", 10, epochs=3)


def test_a_bare_dataframe_points_to_from_csv(credit):
    with pytest.raises(DataError, match="from_csv"):
        synthlab.generate(credit.data, "gaussian_copula", 10)


def test_gaussian_copula_keeps_columns_and_types(credit):
    synthetic = synthlab.generate(credit, "gaussian_copula", 40, seed=0)
    assert list(synthetic.columns) == list(credit.data.columns)
    assert synthetic.dtypes.equals(credit.data.dtypes)
    assert len(synthetic) == 40
    assert set(synthetic["housing"]) <= set(credit.data["housing"])
    assert synthetic.attrs["method"] == "gaussian_copula"


def test_gaussian_copula_condition_gives_only_that_class(credit):
    synthetic = synthlab.generate(
        credit, "gaussian_copula", 30, seed=0, condition={"risk": 0}
    )
    assert synthetic["risk"].eq(0).all()


def test_condition_on_a_value_never_seen_is_refused(credit):
    with pytest.raises(
        MethodError, match=r"asks for risk=7, a value the real table never has"
    ):
        synthlab.generate(credit, "gaussian_copula", 10, condition={"risk": 7})


def test_rules_of_a_dataset_become_constraints():
    trial = load("actg175")
    synthetic = synthlab.generate(trial, "gaussian_copula", 150, seed=0)
    for rule in synthlab.rules.parse_all(trial.rules):
        assert not rule.violations(synthetic, trial.data).any(), rule.text
    assert any("FixedCombinations" in note for note in synthetic.attrs["notes"])


def test_identifiers_are_faker_stand_ins_never_real_values():
    trial = load("actg175")
    synthetic = synthlab.generate(trial, "gaussian_copula", 100, seed=0)
    assert synthetic["pidnum"].is_unique
    assert not synthetic["pidnum"].isin(trial.data["pidnum"]).any()


def test_seed_changes_the_table_and_repeats_it(credit):
    first = synthlab.generate(credit, "gaussian_copula", 20, seed=1)
    again = synthlab.generate(credit, "gaussian_copula", 20, seed=1)
    other = synthlab.generate(credit, "gaussian_copula", 20, seed=2)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


def test_rules_from_a_dataset_say_structure_without_fidelity(credit):
    synthetic = synthlab.generate(credit, "rules", 50, seed=0)
    assert list(synthetic.columns) == list(credit.data.columns)
    assert "structure without fidelity" in synthetic.attrs["notes"][0]
    assert synthetic["age"].between(credit.data.age.min(), credit.data.age.max()).all()


_SCRIPT = """
import json, sys, synthlab
options = {"ctgan": {"epochs": 2}, "tvae": {"epochs": 2}, "llm": {"steps": 20}}
tables = {}
for m in sys.argv[1:]:
    table = synthlab.generate("german_credit", m, 12, seed=3, **options.get(m, {}))
    tables[m] = table.to_json()
print(json.dumps(tables))
"""
METHODS = ["rules", "gaussian_copula", "smote", "ctgan", "tvae", "llm"]


def _in_fresh_process():
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *METHODS],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "123", "SYNTHLAB_PROGRESS": "0"},
    )
    return json.loads(result.stdout)


def test_same_seed_same_table_in_fresh_processes():
    first, second = _in_fresh_process(), _in_fresh_process()
    assert sorted(first) == sorted(METHODS)
    for method in METHODS:
        assert first[method] == second[method], method


def test_fit_once_sample_many_times(credit):
    copula = synthlab.methods.fit(credit, "gaussian_copula", seed=2)
    whole = copula.sample(30)
    rare = copula.sample(10, condition={"risk": 0})
    assert rare["risk"].eq(0).all() and len(whole) == 30
    pd.testing.assert_frame_equal(whole, copula.sample(30))
    pd.testing.assert_frame_equal(
        whole, synthlab.generate(credit, "gaussian_copula", 30, seed=2)
    )


def test_fit_refuses_methods_without_a_model(credit):
    with pytest.raises(
        MethodError,
        match=(
            "fit\\(\\) keeps a trained model for gaussian_copula, "
            "ctgan, tvae; 'smote' is not one"
        ),
    ):
        synthlab.methods.fit(credit, "smote")
