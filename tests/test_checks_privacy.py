"""The privacy check: exact DCR against SDMetrics, planted copies, the holdout rule."""

import warnings

import numpy as np
import pandas as pd
import pytest

import synthlab
from synthlab.checks import privacy
from synthlab.checks._common import prepare

from real_splits import three_way


@pytest.fixture(scope="module")
def actg():
    return three_way(reset_fresh=False)


def mixed_table(rng, n):
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "k": rng.integers(0, 5, n).astype(float),
            "c": rng.choice(list("abc"), n),
            "const": 3.0,
            "b": rng.choice(["yes", "no"], n),
        }
    )


def test_dcr_equals_sdmetrics_on_a_small_table():
    from sdmetrics.single_table import DCROverfittingProtection
    from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

    rng = np.random.default_rng(0)
    real, synthetic, holdout = (
        mixed_table(rng, 80),
        mixed_table(rng, 60),
        mixed_table(rng, 50),
    )
    real.loc[3, "x"] = np.nan
    synthetic.loc[[1, 2], "x"] = np.nan
    synthetic.loc[4, "c"] = None
    real.loc[5, "c"] = None
    synthetic.loc[6, "const"] = 4.0  # a constant real column: any difference is 1
    synthetic.loc[7, "x"] = 10.0  # outside the real range: capped at 1
    kinds = {
        "x": "numerical",
        "k": "numerical",
        "c": "categorical",
        "const": "numerical",
        "b": "categorical",
    }
    metadata = {"columns": {c: {"sdtype": k} for c, k in kinds.items()}}

    mine, _ = privacy.dcr(synthetic, real, kinds)
    theirs = calculate_dcr(synthetic, real, metadata).to_numpy()
    np.testing.assert_allclose(mine, theirs, atol=1e-6)

    inputs = prepare(real, synthetic, holdout)
    inputs.kinds = kinds  # the same sdtypes as the SDMetrics metadata
    figures = privacy.run(inputs).figures
    with warnings.catch_warnings():
        # SDMetrics advises a validation set at least half the training size.
        warnings.filterwarnings("ignore", "Your real_validation_data contains")
        breakdown = DCROverfittingProtection.compute_breakdown(
            real, synthetic, holdout, metadata, None
        )
    assert figures["closer_to_training_share"] == pytest.approx(
        breakdown["synthetic_data_percentages"]["closer_to_training"], abs=1e-9
    )


def test_dcr_equals_sdmetrics_on_actg175(actg):
    from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

    train, fresh, _ = actg
    inputs = prepare(train, fresh.iloc[:150])
    mine, _ = privacy.dcr(inputs.synthetic, inputs.real, inputs.kinds)
    metadata = {"columns": {c: {"sdtype": k} for c, k in inputs.kinds.items()}}
    theirs = calculate_dcr(inputs.synthetic, inputs.real, metadata).to_numpy()
    np.testing.assert_allclose(mine, theirs, atol=1e-6)


def test_fresh_real_rows_do_not_fail(actg):
    train, fresh, holdout = actg
    risk = privacy.run(prepare(train, fresh, holdout))
    assert risk.verdict != "fail", risk.sentence


def test_copied_rows_fail_against_the_holdout(actg):
    train, fresh, holdout = actg
    copied = pd.concat([fresh.iloc[:540], train.data.iloc[:60]], ignore_index=True)
    risk = privacy.run(prepare(train, copied, holdout))
    assert risk.verdict == "fail"
    failing = {f.name for f in risk.findings if f.verdict == "fail"}
    assert {"exact_copy_excess", "unique_copy_excess"} <= failing
    assert "equal a training row" in risk.sentence


def test_near_copies_fail(actg):
    train, fresh, holdout = actg
    near = train.data.iloc[:150].copy()
    near["wtkg"] = near["wtkg"] + 0.1  # a tenth of a kilogram: not an exact copy
    planted = pd.concat([fresh.iloc[:450], near], ignore_index=True)
    risk = privacy.run(prepare(train, planted, holdout))
    verdicts = {f.name: f.verdict for f in risk.findings}
    assert verdicts["exact_copy_excess"] == "pass"
    assert verdicts["near_copy_excess"] == "fail"
    assert risk.verdict == "fail"


def test_without_a_holdout_privacy_says_so(actg):
    train, fresh, _ = actg
    risk = privacy.run(prepare(train, fresh))
    assert risk.verdict == "warn"
    assert risk.sentence.startswith("No holdout was given, so leakage cannot be judged")
    assert risk.figures["closer_to_training_share"] is None


def test_what_the_check_cannot_prove_is_stated(actg):
    train, fresh, holdout = actg
    risk = privacy.run(prepare(train, fresh, holdout))
    assert any(
        "distance tests can pass while targeted attacks" in n for n in risk.notes
    )
