"""The course notebooks' plots draw without error and return None."""

import matplotlib
import pandas as pd
import pytest

from synthlab import course_plots, evalset

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def test_real_vs_synthetic_draws_numbers_and_categories():
    real = pd.DataFrame({"age": range(40), "plan": ["a", "b"] * 20})
    synthetic = pd.DataFrame({"age": range(5, 45), "plan": ["a"] * 30 + ["c"] * 10})
    assert course_plots.real_vs_synthetic(real, synthetic, ["age", "plan"]) is None
    assert course_plots.real_vs_synthetic(real, synthetic, ["plan"]) is None


def test_scores_by_approach_with_a_reference_line():
    scores = pd.DataFrame({"PR AUC": [0.2, 0.1]}, index=["plain", "smote"])
    assert course_plots.scores_by_approach(scores, "PR AUC", 0.04, "chance") is None


def test_coverage_grid_marks_empty_cells():
    import matplotlib.pyplot as plt

    counts = evalset.coverage(evalset.naive(20, seed=0))["counts"]
    assert course_plots.coverage_grid(counts, "draft") is None
    texts = [t for t in plt.gcf().axes[0].texts if t.get_text() == "0"]
    assert texts and all(t.get_color() == "#cf222e" for t in texts)
