"""ctgan and tvae: presets, conditions, errors."""

import pytest

import synthlab
from synthlab.datasets import load
from synthlab.errors import MethodError


@pytest.fixture(scope="module")
def credit():
    return load("german_credit")


@pytest.mark.parametrize("method, epochs", [("ctgan", 5), ("tvae", 50)])
def test_deep_methods_sample_a_rare_class(credit, method, epochs):
    table = synthlab.generate(
        credit, method, 25, seed=0, epochs=epochs, condition={"risk": 0}
    )
    assert len(table) == 25 and table["risk"].eq(0).all()
    assert list(table.columns) == list(credit.data.columns)
    assert table.attrs["notes"][0] == f"trained {epochs} epochs (quick preset)"


def test_unknown_preset_is_named(credit):
    with pytest.raises(
        MethodError,
        match="ctgan has no preset 'fast'; the presets are: quick, thorough",
    ):
        synthlab.generate(credit, "ctgan", 5, preset="fast")


def test_a_condition_the_model_cannot_meet_is_a_clear_error(credit):
    with pytest.raises(
        MethodError, match="could not make any row with \\{'risk': 0\\}"
    ):
        synthlab.generate(credit, "tvae", 5, epochs=1, condition={"risk": 0})
