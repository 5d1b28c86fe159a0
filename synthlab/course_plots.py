"""Plots of the course notebooks 01, 02, 08, 09 and 16.

Like :mod:`synthlab.plots`, each helper draws with pyplot and returns None, so a
cell shows the figure and nothing else; matplotlib is imported inside.
"""

from __future__ import annotations

import pandas as pd

REAL_COLOUR = "#1f77b4"
SYNTHETIC_COLOUR = "#ff7f0e"


def real_vs_synthetic(real: pd.DataFrame, synthetic: pd.DataFrame, columns: list[str],
                      labels: tuple[str, str] = ("real", "synthetic")) -> None:
    """One panel per column: real and synthetic side by side.

    Numerical columns (more than 12 distinct values) as overlaid density
    histograms, the others as paired bars of shares.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    fig, axes = plt.subplots(1, len(columns), figsize=(3.6 * len(columns), 3.0))
    axes = [axes] if len(columns) == 1 else list(axes)
    for ax, column in zip(axes, columns):
        left, right = real[column].dropna(), synthetic[column].dropna()
        if pd.api.types.is_numeric_dtype(left) and left.nunique() > 12:
            bins = np.histogram_bin_edges(pd.concat([left, right]), bins=25)
            ax.hist(left, bins=bins, density=True, alpha=0.6, color=REAL_COLOUR,
                    label=labels[0])
            ax.hist(right, bins=bins, density=True, alpha=0.6, color=SYNTHETIC_COLOUR,
                    label=labels[1])
            ax.set_yticks([])
        else:
            shares = pd.concat([left.astype(str).value_counts(normalize=True),
                                right.astype(str).value_counts(normalize=True)],
                               axis=1, keys=labels).fillna(0).sort_index()
            positions = np.arange(len(shares))
            ax.barh(positions - 0.2, shares[labels[0]], height=0.4, color=REAL_COLOUR,
                    label=labels[0])
            ax.barh(positions + 0.2, shares[labels[1]], height=0.4,
                    color=SYNTHETIC_COLOUR, label=labels[1])
            ax.set_yticks(positions, shares.index, fontsize=8)
            ax.set_xlabel("share of rows")
        ax.set_title(column)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    plt.show()


def scores_by_approach(scores: pd.DataFrame, metric: str,
                       reference: float | None = None,
                       reference_label: str = "") -> None:
    """Horizontal bars of one score per approach (index), with an optional line."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.0, 0.5 * len(scores) + 1.0))
    values = scores[metric][::-1]
    ax.barh(values.index, values.to_numpy(), color=REAL_COLOUR)
    for position, value in enumerate(values):
        ax.text(value, position, f" {value:.2f}", va="center", fontsize=9)
    if reference is not None:
        ax.axvline(reference, color="grey", linestyle="--", linewidth=1)
        ax.text(reference, len(values) - 0.4, f" {reference_label}", fontsize=8,
                color="grey")
    ax.set_xlabel(metric)
    ax.set_xlim(0, float(max(values.max(), reference or 0)) * 1.25)
    fig.tight_layout()
    plt.show()


def coverage_grid(counts: pd.Series, title: str = "") -> None:
    """A heat map of prompt counts per intent x persona cell (empty cells stand out)."""
    import matplotlib.pyplot as plt

    grid = counts.unstack(fill_value=0)
    size = (1.3 * grid.shape[1] + 2.5, 0.45 * grid.shape[0] + 1.2)
    fig, ax = plt.subplots(figsize=size)
    ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=30, ha="right",
                  fontsize=8)
    ax.set_yticks(range(grid.shape[0]), grid.index, fontsize=8)
    dark = grid.to_numpy().max() / 2
    for (row, column), value in pd.DataFrame(grid.to_numpy()).stack().items():
        colour = "#cf222e" if value == 0 else ("white" if value > dark else "black")
        ax.text(column, row, str(value), ha="center", va="center", fontsize=9,
                color=colour, fontweight="bold" if value == 0 else "normal")
    ax.set_title(title)
    fig.tight_layout()
    plt.show()
