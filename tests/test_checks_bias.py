"""The bias check: an erased group, a forced outcome rate, a gap that shrinks."""


import pandas as pd
import pytest

import synthlab
from synthlab.checks import bias
from synthlab.checks._common import prepare

from real_splits import three_way


@pytest.fixture(scope="module")
def actg():
    return three_way("actg175", (900, 600, 600))


def run(train, synthetic, holdout=None, **options):
    risk = bias.run(prepare(train, synthetic, holdout, **options))
    return risk, {f.name: f.verdict for f in risk.findings}


def test_fresh_real_rows_do_not_fail(actg):
    train, fresh, holdout = actg
    risk, _ = run(train, fresh, holdout)
    assert risk.verdict != "fail", risk.sentence


def test_an_erased_group_fails(actg):
    train, fresh, holdout = actg
    planted = fresh[fresh["race"] == 0]
    planted = pd.concat(
        [planted, planted.iloc[: 600 - len(planted)]], ignore_index=True
    )
    risk, found = run(train, planted, holdout)
    assert found["group_share_loss:race"] == "fail"
    assert "race = 1 kept 0.0% of its real share" in risk.sentence


def test_a_forced_outcome_rate_fails(actg):
    train, fresh, holdout = actg
    planted = fresh.copy()
    planted.loc[planted["gender"] == 0, "cens"] = 1  # every woman has the event
    risk, found = run(train, planted, holdout)
    assert found["gap_change:gender"] == "fail"


def outcomes(rates, per_group=800):
    """Exactly ``rate * per_group`` good outcomes in each group, no sampling noise."""
    rows = []
    for group, rate in rates.items():
        good = int(round(rate * per_group))
        rows += [(group, 1)] * good + [(group, 0)] * (per_group - good)
    return pd.DataFrame(rows, columns=["sex", "good"])


def test_only_the_gap_shows_a_gap_that_shrinks():
    # Each group's rate moves a little, inside its own interval; the gap halves.
    real = outcomes({"m": 0.72, "f": 0.62})
    synthetic = outcomes({"m": 0.695, "f": 0.645})
    risk, found = run(real, synthetic, target="good", sensitive=["sex"])
    gap = risk.tables["gaps"].iloc[0]
    assert gap["rates_inside_intervals"]
    assert gap["relative_change"] == pytest.approx(0.5)
    assert found["gap_change:sex"] == "warn"


def test_small_groups_are_listed_not_judged():
    real = pd.concat([outcomes({"m": 0.7, "f": 0.6}), outcomes({"x": 0.5}, 10)])
    synthetic = pd.concat([outcomes({"m": 0.7, "f": 0.6}), outcomes({"x": 1.0}, 10)])
    risk, found = run(real, synthetic, target="good", sensitive=["sex"])
    assert found["gap_change:sex"] == "pass"
    assert (
        "Groups with fewer than 30 rows are not judged (their rates move a lot by "
        "chance): sex = x." in risk.notes
    )


def test_numeric_attributes_are_binned(actg):
    train, fresh, holdout = actg
    risk, _ = run(train, fresh, holdout)
    assert any("age is numerical, so it was cut into 4 groups" in n for n in risk.notes)


def test_without_sensitive_attributes_bias_says_so(actg):
    train, fresh, _ = actg
    risk, _ = run(train, fresh, sensitive=[])
    assert risk.verdict == "warn"
    assert (
        risk.sentence == "No sensitive attributes were named, so bias was not checked."
    )
