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
# checks they explain (``report.plot(name)`` returns the Figure); these helpers
# draw them for a notebook and return None.


def risk(report, name: str) -> None:
    """The plot behind one risk's verdict in a ``synthlab.check`` report."""
    report.plot(name)


def compare_column(real, synthetic, column: str) -> None:
    """One column in real and synthetic rows, side by side."""
    from synthlab.checks.figures import compare_column as draw

    draw(real, synthetic, column)


def group_rates(report, attribute: str) -> None:
    """Outcome rate per group of one sensitive attribute, real against synthetic."""
    from synthlab.checks.figures import group_rates as draw

    draw(report["bias"], attribute)


# --- Generation methods -------------------------------------------------------------
# Real and synthetic rows side by side, for notebooks 03-07 and the comparison widget.


def _draw_marginal(ax, real: pd.Series, synthetic: pd.Series, numerical: bool) -> None:
    if numerical:
        both = pd.concat([real, synthetic]).dropna()
        bins = 20 if both.nunique() > 20 else sorted(both.unique().tolist() + [both.max() + 1])
        ax.hist(real.dropna(), bins=bins, density=True, alpha=0.6, color=REAL_COLOUR,
                label="real")
        ax.hist(synthetic.dropna(), bins=bins, density=True, alpha=0.6,
                color=SYNTHETIC_COLOUR, label="synthetic")
        return
    shares = pd.DataFrame({
        "real": real.astype(str).value_counts(normalize=True),
        "synthetic": synthetic.astype(str).value_counts(normalize=True),
    }).fillna(0).sort_index()
    positions = range(len(shares))
    ax.barh([p - 0.2 for p in positions], shares["real"], height=0.4, color=REAL_COLOUR,
            label="real")
    ax.barh([p + 0.2 for p in positions], shares["synthetic"], height=0.4,
            color=SYNTHETIC_COLOUR, label="synthetic")
    ax.set_yticks(list(positions), shares.index, fontsize=8)


def marginals(dataset, synthetic: pd.DataFrame, columns: list[str], title: str = "") -> None:
    """Each column's distribution in real and synthetic rows, one panel per column."""
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(columns), figsize=(3.3 * len(columns), 2.9))
    axes = [axes] if len(columns) == 1 else list(axes)
    for ax, column in zip(axes, columns):
        numerical = dataset.sdtypes.get(column) == "numerical"
        _draw_marginal(ax, dataset.data[column], synthetic[column], numerical)
        ax.set_title(column, fontsize=10)
    axes[0].legend(fontsize=8)
    if title:
        fig.suptitle(title, fontsize=11)
    fig.tight_layout()


def pair(dataset, synthetic: pd.DataFrame, x: str, y: str, title: str = "") -> None:
    """Two numerical columns against each other, real beside synthetic."""
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.2), sharex=True, sharey=True)
    for ax, (label, table, colour) in zip(axes, (("real", dataset.data, REAL_COLOUR),
                                                 ("synthetic", synthetic, SYNTHETIC_COLOUR))):
        ax.scatter(table[x], table[y], s=6, alpha=0.4, color=colour)
        ax.set_title(f"{label} ({len(table):,} rows)", fontsize=10)
        ax.set_xlabel(x)
    axes[0].set_ylabel(y)
    if title:
        fig.suptitle(title, fontsize=11)
    fig.tight_layout()


def scores(table: pd.DataFrame, column: str = "quality", title: str = "") -> None:
    """One horizontal bar per method for a score between 0 and 1."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 0.45 * len(table) + 1))
    ax.barh(table.index[::-1], table[column][::-1], color=SYNTHETIC_COLOUR)
    for position, value in enumerate(table[column][::-1]):
        ax.text(value + 0.01, position, f"{value:.2f}", va="center", fontsize=9)
    ax.set_xlim(0, 1.1)
    ax.set_xlabel(column)
    if title:
        ax.set_title(title, fontsize=11)
    fig.tight_layout()


def state_shares(events: pd.DataFrame, step: str = "step", state: str = "state",
                 entity: str | None = None, title: str = "") -> None:
    """Share of entities in each state at each step of a simulation, stacked.

    An entity that reached a state it never leaves stays counted in it.
    """
    plt = _pyplot()
    entity = entity or events.columns[0]
    steps = range(int(events[step].max()) + 1)
    wide = events.pivot_table(index=entity, columns=step, values=state, aggfunc="first")
    wide = wide.reindex(columns=list(steps)).ffill(axis=1)
    shares = pd.DataFrame({s: wide[s].value_counts(normalize=True) for s in steps}).T.fillna(0)
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    ax.stackplot(shares.index, shares.T.to_numpy(), labels=shares.columns, alpha=0.85)
    ax.set_xlabel(step)
    ax.set_ylabel("share of entities")
    ax.set_xlim(0, shares.index.max())
    ax.set_ylim(0, 1)
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=8)
    if title:
        ax.set_title(title, fontsize=11)
    fig.tight_layout()
