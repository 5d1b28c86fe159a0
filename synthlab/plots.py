"""Matplotlib helpers the notebooks call, so that plotting stays out of cells.

Helpers draw with pyplot and return None, so a notebook cell that calls one
shows the figure once and nothing else (a trailing ``;`` is not relied on:
nbval runs cells without IPython's input history, where ``;`` is ignored).
matplotlib is imported inside the helpers, never on ``import synthlab``.
"""

from __future__ import annotations

import pandas as pd

REAL_COLOUR = "#1f77b4"
SYNTHETIC_COLOUR = "#ff7f0e"


def _pyplot():
    import matplotlib.pyplot as plt

    return plt


def first_look(dataset, columns: list[str] | None = None, max_columns: int = 4):
    """Histograms or bar charts of a few columns of a table, side by side."""
    plt = _pyplot()
    data = dataset.data
    columns = columns or [c for c in dataset.modelled_columns if c != dataset.target][:max_columns]
    if dataset.target and dataset.target not in columns:
        columns = [*columns, dataset.target]
    fig, axes = plt.subplots(1, len(columns), figsize=(3.4 * len(columns), 3.0))
    axes = [axes] if len(columns) == 1 else list(axes)
    for ax, column in zip(axes, columns):
        values = data[column].dropna()
        if dataset.sdtypes.get(column) == "numerical":
            ax.hist(values, bins=30, color=REAL_COLOUR)
        else:
            counts = values.astype(str).value_counts().sort_index()
            if len(counts) > 4:
                ax.barh(counts.index, counts.to_numpy(), color=REAL_COLOUR)
                ax.tick_params(axis="y", labelsize=8)
            else:
                ax.bar(counts.index, counts.to_numpy(), color=REAL_COLOUR)
        ax.set_title(column, fontsize=10)
    fig.suptitle(f"{dataset.name}: {len(data):,} real rows", fontsize=11)
    fig.tight_layout()




# --- Risk checks ------------------------------------------------------------------
# The plots behind each risk verdict live in synthlab.checks.figures, next to the
# checks they explain; these names are the notebooks' way in.


def risk(report, name: str):
    """The plot behind one risk's verdict in a ``synthlab.check`` report."""
    return report.plot(name)


def compare_column(real, synthetic, column: str):
    """One column in real and synthetic rows, side by side."""
    from synthlab.checks.figures import compare_column as draw

    return draw(real, synthetic, column)


def group_rates(report, attribute: str):
    """Outcome rate per group of one sensitive attribute, real against synthetic."""
    from synthlab.checks.figures import group_rates as draw

    return draw(report["bias"], attribute)
