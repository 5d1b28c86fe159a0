"""The scorecard, the rare-class test and the comparison widget's plain function."""

import pytest

import synthlab
from synthlab.methods.scorecard import rare_category, rare_recall, scorecard
from synthlab.widgets.compare import KNOBS, run, scores_html


@pytest.fixture(scope="module")
def credit():
    return synthlab.datasets.load("german_credit")


def test_rare_category_of_the_target(credit):
    assert rare_category(credit) == ("risk", 0)


def test_scorecard_rows_and_columns(credit):
    table = scorecard(
        credit, ["rules", "gaussian_copula", "smote"], n_rows=200, timings=False
    )
    assert list(table.index) == ["rules", "gaussian_copula", "smote"]
    assert list(table.columns) == [
        "quality",
        "rows rejected",
        "real share of risk=0",
        "synthetic share of risk=0",
        "categories lost",
    ]
    assert table.loc["gaussian_copula", "quality"] > table.loc["rules", "quality"]
    assert table.loc["smote", "synthetic share of risk=0"] == 1.0
    assert table["real share of risk=0"].eq(0.3).all()


def test_rare_recall_compares_ways_of_growing_the_class(credit):
    table = rare_recall(credit, methods=("smote",))
    assert list(table.index) == ["real rows only", "random oversampling", "smote"]
    assert table.loc["real rows only", "rare rows added"] == 0
    assert table["rare rows added"].iloc[1:].eq(280).all()
    assert table["rare recall"].between(0, 1).all()


@pytest.mark.parametrize("method", ["gaussian_copula", "smote", "rules"])
def test_widget_function_runs_each_knob(method):
    setting = KNOBS[method]
    result = run(
        "german_credit", method, 200, seed=0, knob=setting[2] if setting else None
    )
    assert len(result.synthetic) == 200
    assert "seconds" not in scores_html(result, timed=False)
    assert "seconds" in scores_html(result, timed=True)
    assert result.numerical_pair() == ("credit_amount", "duration")


def test_widget_cuts_a_large_table():
    result = run("shuttle", "gaussian_copula", 100, seed=0)
    assert len(result.dataset.data) == 5000


def test_widget_builds_without_a_browser():
    from synthlab.widgets.compare import comparison

    box = comparison("german_credit", "rules", 100)
    scores = box.children[1]
    assert "rules</b> on german_credit" in scores.value


def test_widget_figures_are_images_not_cell_output():
    import matplotlib.pyplot as plt

    from synthlab.widgets.compare import figure_images

    result = run("german_credit", "rules", 100, seed=0)
    images = figure_images(result)
    assert len(images) == 2 and all(png.startswith(b"\x89PNG") for png in images)
    assert plt.get_fignums() == []
