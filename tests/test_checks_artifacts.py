"""The artifacts check: each planted defect is caught, fresh real rows are not."""


import numpy as np
import pandas as pd
import pytest

import synthlab
from synthlab.checks import artifacts
from synthlab.checks._common import prepare

from real_splits import three_way


@pytest.fixture(scope="module")
def actg():
    return three_way()


def verdicts(train, synthetic):
    risk = artifacts.run(prepare(train, synthetic))
    return risk, {f.name: f.verdict for f in risk.findings}


def test_fresh_real_rows_pass(actg):
    train, fresh, _ = actg
    risk, _ = verdicts(train, fresh)
    assert risk.verdict == "pass", risk.sentence


def test_impossible_values_fail(actg):
    train, fresh, _ = actg
    planted = fresh.copy()
    planted.loc[:59, "age"] = -5  # 10% of rows
    risk, found = verdicts(train, planted)
    assert found["out_of_range"] == "fail"
    assert "outside the real range" in risk.sentence and "'age'" in risk.sentence


def test_an_unseen_category_fails(actg):
    train, fresh, _ = actg
    planted = fresh.copy()
    planted.loc[:59, "race"] = 7
    _, found = verdicts(train, planted)
    assert found["unseen_category"] == "fail"


def test_broken_rules_fail(actg):
    train, fresh, _ = actg
    planted = fresh.copy()
    flip = planted.index[:30]
    planted.loc[flip, "treat"] = 1 - planted.loc[flip, "treat"]
    risk, found = verdicts(train, planted)
    assert found["rule_violation"] == "fail"
    assert "arms determines treat" in risk.sentence


def test_duplicates_inside_the_synthetic_table_fail(actg):
    train, fresh, _ = actg
    planted = pd.concat([fresh.iloc[:400], fresh.iloc[:200]], ignore_index=True)
    _, found = verdicts(train, planted)
    assert found["duplicate_excess"] == "fail"


def test_a_smeared_grid_and_a_lost_spike_fail(actg):
    # What a Gaussian copula does to actg175: karnof has 4 values, preanti 41% zeros.
    train, fresh, _ = actg
    rng = np.random.default_rng(0)
    planted = fresh.copy()
    planted["karnof"] = rng.integers(70, 101, len(planted))
    zeros = planted["preanti"] == 0
    planted.loc[zeros, "preanti"] = rng.integers(1, 1000, zeros.sum())
    risk, found = verdicts(train, planted)
    assert found["off_grid"] == "fail"
    assert found["spike_loss"] == "fail"
    table = risk.tables["grids_and_spikes"].set_index("column")
    assert table.loc["karnof", "real_values"] == 4
    assert table.loc["preanti", "real_spike_share"] > 0.35


def test_a_collapsed_category_fails(actg):
    train, fresh, _ = actg
    planted = fresh.copy()
    planted["symptom"] = 0
    risk, found = verdicts(train, planted)
    assert found["collapsed_category"] == "fail"
    assert "symptom" in risk.tables["collapsed_categories"]["column"].tolist()


def test_impossible_combinations_from_a_shuffled_column():
    rng = np.random.default_rng(0)
    size = 1000
    shape = rng.choice(["circle", "square"], size)
    colour = np.where(shape == "circle", "red", "blue")
    real = pd.DataFrame({"shape": shape, "colour": colour})
    synthetic = real.copy()
    synthetic["colour"] = rng.permutation(synthetic["colour"].to_numpy())
    risk, found = verdicts(real, synthetic)
    assert found["impossible_combination"] == "fail"
