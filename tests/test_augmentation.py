"""The pilot experiment: a model with and without synthetic rows, on real rows."""

import pytest

from synthlab.augmentation import SETUPS, pilot_experiment, summarize
from synthlab.errors import DataError


def test_every_setup_is_scored_on_real_rows_per_seed():
    results = pilot_experiment("german_credit", train_rows=150, synthetic_rows=150,
                               seeds=(0, 1), method="rules")
    assert len(results) == 2 * len(SETUPS)
    assert results.roc_auc.between(0, 1).all()
    assert list(summarize(results).index) == list(SETUPS)


def test_the_same_seed_gives_the_same_scores():
    first = pilot_experiment("german_credit", 150, 100, seeds=(3,), method="rules")
    second = pilot_experiment("german_credit", 150, 100, seeds=(3,), method="rules")
    assert first.equals(second)


def test_a_table_without_a_binary_target_is_refused():
    with pytest.raises(DataError, match="cdnow_customers needs a target with two"):
        pilot_experiment("cdnow_customers")


def test_train_rows_must_leave_a_holdout():
    with pytest.raises(DataError, match="train_rows must be between 1 and 999"):
        pilot_experiment("german_credit", train_rows=1000)
