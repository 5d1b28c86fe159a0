"""Pick a table, a method and its main knob; see real and synthetic side by side.

:func:`run` does the work and is tested without a browser; :func:`comparison`
is the thin ipywidgets wiring around it. The timing of a run shows only after a
change made in the widget, so a stored notebook never holds one.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass

import pandas as pd

from synthlab import datasets

# The one knob per method the widget offers: option name, choices, default.
KNOBS = {
    "rules": None,
    "gaussian_copula": (
        "default_distribution",
        ("beta", "norm", "truncnorm", "uniform"),
        "beta",
    ),
    "smote": ("k_neighbors", (1, 3, 5, 10), 5),
    "ctgan": ("epochs", (5, 20, 50, 100), 20),
    "tvae": ("epochs", (10, 50, 100, 200), 50),
    "llm": ("temperature", (0.5, 0.8, 1.0, 1.3), 0.8),
}
LARGE_TABLE_ROWS = 5_000


@dataclass
class Comparison:
    """What one run of a method gave: the tables, the score, how long it took."""

    dataset: datasets.Dataset
    method: str
    synthetic: pd.DataFrame
    score: dict
    seconds: float

    def numerical_pair(self) -> tuple[str, str] | None:
        columns = [
            c
            for c in self.dataset.modelled_columns
            if self.dataset.sdtypes.get(c) == "numerical"
        ]
        return (columns[0], columns[1]) if len(columns) >= 2 else None

    def shown_columns(self, count: int = 4) -> list[str]:
        columns = [c for c in self.dataset.modelled_columns if c != self.dataset.target]
        chosen = columns[: count - 1]
        if self.dataset.target:
            chosen.append(self.dataset.target)
        return chosen


def run(
    name: str, method: str, n_rows: int = 1000, seed: int = 0, knob=None
) -> Comparison:
    """Generate ``n_rows`` rows of table ``name`` with ``method`` and score them.

    Tables over 5,000 rows (shuttle) are first cut to a seeded sample of 5,000.
    """
    import dataclasses

    from synthlab.methods.scorecard import score_and_table

    dataset = datasets.load(name)
    if len(dataset.data) > LARGE_TABLE_ROWS:
        dataset = dataclasses.replace(
            dataset,
            data=dataset.data.sample(LARGE_TABLE_ROWS, random_state=seed).reset_index(
                drop=True
            ),
        )
    options = {}
    setting = KNOBS.get(method)
    if setting is not None and knob is not None:
        options[setting[0]] = knob
    started = time.perf_counter()
    row, synthetic = score_and_table(dataset, method, n_rows, seed, **options)
    seconds = time.perf_counter() - started
    row.pop("fit and sample seconds", None)
    return Comparison(dataset, method, synthetic, row, seconds)


def scores_html(result: Comparison, timed: bool) -> str:
    """The score of a run as a small HTML table; the timing only when ``timed``."""
    rows = dict(result.score)
    rows.pop("method", None)
    if timed:
        rows["seconds (this run, with scoring)"] = f"{result.seconds:.1f}"
    body = "".join(
        f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
        f"<td>{html.escape(str(v))}</td></tr>"
        for k, v in rows.items()
    )
    return (
        f"<b>{html.escape(result.method)}</b> on {html.escape(result.dataset.name)}: "
        f"{len(result.synthetic):,} synthetic rows<table>{body}</table>"
    )


def figure_images(result: Comparison) -> list[bytes]:
    """The plots of a run as PNG images: marginals, then one numerical pair."""
    import io

    import matplotlib.pyplot as plt

    from synthlab import plots

    before = set(plt.get_fignums())
    plots.marginals(
        result.dataset,
        result.synthetic,
        result.shown_columns(),
        title=f"{result.method}: real (blue) and synthetic (orange)",
    )
    pair = result.numerical_pair()
    if pair:
        plots.pair(result.dataset, result.synthetic, *pair)
    images = []
    for number in sorted(set(plt.get_fignums()) - before):
        figure = plt.figure(number)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=80)
        plt.close(figure)
        images.append(buffer.getvalue())
    return images


def comparison(
    name: str = "german_credit", method: str = "gaussian_copula", n_rows: int = 500
):
    """The widget: dataset, method, knob, rows and seed; scores and plots below."""
    import ipywidgets as widgets

    from synthlab.errors import SynthlabError
    from synthlab.methods import METHODS

    table = widgets.Dropdown(
        options=datasets.names(), value=name, description="Dataset"
    )
    chosen = widgets.Dropdown(options=list(METHODS), value=method, description="Method")
    knob = widgets.Dropdown(description="Knob")
    rows = widgets.IntSlider(
        value=n_rows, min=100, max=2000, step=100, description="Rows"
    )
    seed = widgets.BoundedIntText(value=0, min=0, max=10_000, description="Seed")
    go = widgets.Button(description="Generate", button_style="primary")
    scores = widgets.HTML()
    # Figures go into the widget as PNG images, never into the cell's output.
    figures = widgets.VBox()

    def set_knob(change=None):
        setting = KNOBS[chosen.value]
        if setting is None:
            knob.options, knob.disabled, knob.description = (
                [("none", None)],
                True,
                "Knob",
            )
        else:
            knob.options, knob.disabled = list(setting[1]), False
            knob.value, knob.description = setting[2], setting[0][:12]

    def show(change=None, timed=True):
        scores.value = "<i>working...</i>"
        try:
            result = run(table.value, chosen.value, rows.value, seed.value, knob.value)
        except SynthlabError as error:
            scores.value = f"<b style='color:#b00'>{html.escape(str(error))}</b>"
            figures.children = ()
            return
        scores.value = scores_html(result, timed)
        figures.children = tuple(
            widgets.Image(value=png, format="png") for png in figure_images(result)
        )

    chosen.observe(set_knob, names="value")
    go.on_click(show)
    set_knob()
    show(timed=False)
    controls = widgets.HBox(
        [widgets.VBox([table, chosen, knob]), widgets.VBox([rows, seed, go])]
    )
    return widgets.VBox([controls, scores, figures])
