"""The distribution check: a shifted column, a shuffled column, the detector, TSTR."""


import numpy as np
import pandas as pd
import pytest

import synthlab
from synthlab.checks import distribution
from synthlab.checks._common import prepare

from real_splits import three_way


@pytest.fixture(scope="module")
def actg():
    return three_way()


def run(train, synthetic, holdout=None):
    risk = distribution.run(prepare(train, synthetic, holdout))
    return risk, {f.name: f.verdict for f in risk.findings}


def test_ks_statistic_matches_scipy():
    from scipy.stats import ks_2samp

    rng = np.random.default_rng(0)
    a, b = rng.normal(size=300), rng.normal(0.3, size=200).round(1)
    assert distribution.ks_statistic(a, b) == pytest.approx(ks_2samp(a, b).statistic)


def test_fresh_real_rows_pass(actg):
    train, fresh, holdout = actg
    risk, _ = run(train, fresh, holdout)
    assert risk.verdict == "pass", risk.sentence
    assert 0.4 < risk.figures["detector_auc"] < 0.6


def test_a_shifted_column_fails_on_its_shape(actg):
    train, fresh, holdout = actg
    planted = fresh.copy()
    planted["cd40"] = planted["cd40"] + planted["cd40"].std()
    risk, found = run(train, planted, holdout)
    assert found["column_shape"] == "fail"
    assert risk.figures["worst_column"] == "cd40"
    assert "'cd40'" in risk.sentence


def test_a_shuffled_column_keeps_its_shape_but_breaks_pairs(actg):
    train, fresh, holdout = actg
    planted = fresh.copy()
    planted["cd420"] = np.random.default_rng(0).permutation(planted["cd420"].to_numpy())
    risk, found = run(train, planted, holdout)
    assert found["column_shape"] == "pass"
    assert found["pair_trend"] == "fail"
    assert "cd420" in risk.figures["worst_pair"]


def test_tstr_falls_when_the_outcome_is_scrambled(actg):
    train, fresh, holdout = actg
    planted = fresh.copy()
    planted["cens"] = np.random.default_rng(0).permutation(planted["cens"].to_numpy())
    risk, found = run(train, planted, holdout)
    assert found["utility_gap"] == "fail"
    assert risk.figures["tstr"] < 0.6 < risk.figures["trtr"]


def test_without_a_holdout_utility_is_flagged_optimistic(actg):
    train, fresh, _ = actg
    risk, _ = run(train, fresh)
    assert any("TSTR looks better than it would" in note for note in risk.notes)


def test_noise_widens_cut_offs_for_small_tables():
    rng = np.random.default_rng(0)
    real = pd.DataFrame({"x": rng.normal(size=40), "y": rng.choice(["a", "b"], 40)})
    other = pd.DataFrame({"x": rng.normal(size=40), "y": rng.choice(["a", "b"], 40)})
    shapes = distribution.column_shapes(prepare(real, other), other)
    assert (shapes["warn_at"] > 0.25).all()  # the policy alone says 0.10
