"""smote: growing a rare class, and the errors that guard it."""

import pandas as pd
import pytest

import synthlab
from synthlab.datasets import Dataset, load
from synthlab.errors import MethodError


@pytest.fixture(scope="module")
def credit():
    return load("german_credit")


def _tiny(rare_rows: int) -> Dataset:
    data = pd.DataFrame(
        {
            "x": range(20),
            "colour": ["red", "blue"] * 10,
            "label": [1] * rare_rows + [0] * (20 - rare_rows),
        }
    )
    columns = {
        "x": {"sdtype": "numerical"},
        "colour": {"sdtype": "categorical"},
        "label": {"sdtype": "categorical"},
    }
    metadata = {
        "METADATA_SPEC_VERSION": "V1",
        "tables": {"tiny": {"columns": columns}},
        "relationships": [],
    }
    return Dataset(name="tiny", data=data, metadata_dict=metadata, target="label")


def test_smote_makes_rows_of_the_rare_class_only(credit):
    new = synthlab.generate(credit, "smote", 50, seed=0)
    assert len(new) == 50 and new["risk"].eq(0).all()
    assert new.dtypes.equals(credit.data.dtypes)
    assert set(new["purpose"]) <= set(credit.data["purpose"])
    assert "SMOTENC grew risk=0 from 300 to 350 rows" in new.attrs["notes"][0]


def test_smote_combined_marks_new_rows(credit):
    combined = synthlab.generate(credit, "smote", 20, seed=0, output="combined")
    assert len(combined) == 1020
    assert combined["is_synthetic"].sum() == 20
    assert not combined["is_synthetic"].iloc[:1000].any()


def test_smote_all_numeric_uses_smote():
    shuttle = load("shuttle")
    small = Dataset(
        name="shuttle",
        data=shuttle.data.sample(500, random_state=0),
        metadata_dict=shuttle.metadata_dict,
        target="anomaly",
    )
    new = synthlab.generate(small, "smote", 10, seed=0)
    assert "SMOTE grew anomaly=1" in new.attrs["notes"][0]


def test_smote_needs_a_target():
    customers = load("cdnow_customers")
    with pytest.raises(
        MethodError,
        match=(
            "smote grows the rare class of a target column, and "
            "'cdnow_customers' has no target"
        ),
    ):
        synthlab.generate(customers, "smote", 10)


def test_smote_needs_two_rare_rows():
    with pytest.raises(
        MethodError,
        match=r"The rare class label=1 has 1 row; smote needs at " r"least 2 rows",
    ):
        synthlab.generate(_tiny(1), "smote", 5)


def test_smote_with_two_rare_rows_works():
    new = synthlab.generate(_tiny(2), "smote", 5, seed=0)
    assert new["label"].eq(1).all() and new["x"].between(0, 1).all()


def test_smote_is_seeded(credit):
    first = synthlab.generate(credit, "smote", 10, seed=4)
    pd.testing.assert_frame_equal(first, synthlab.generate(credit, "smote", 10, seed=4))
