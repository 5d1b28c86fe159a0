"""The plots behind each risk's verdict; matplotlib is imported inside.

Every function returns a matplotlib Figure. ``plot(report, risk)`` picks the
one that explains that risk's verdict.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REAL = "#1f77b4"
SYNTHETIC = "#ff7f0e"
HOLDOUT = "#7f7f7f"
VERDICT_COLOURS = {"pass": "#1a7f37", "warn": "#d4a72c", "fail": "#cf222e"}


def _plt():
    import matplotlib.pyplot as plt

    return plt


def plot(report, risk: str, missing_ok: bool = False):
    """The figure that explains one risk's verdict."""
    item = report.risks[risk]
    if risk == "distribution":
        return column_shapes(item)
    if risk == "privacy":
        if "dcr_holdout_to_training" not in item.data:
            return findings_chart(item) if not missing_ok else None
        return distances(item)
    if risk == "bias":
        if "groups" not in item.tables:
            return None if missing_ok else findings_chart(item)
        return group_rates(item)
    return findings_chart(item)


def findings_chart(risk, title: str | None = None):
    """Each finding's figure as a bar, with its warn and fail cut-offs as ticks."""
    plt = _plt()
    findings = [f for f in risk.findings if f.value is not None]
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(len(findings), 2) + 1))
    names = [f.label for f in findings][::-1]
    values = [max(float(f.value), 0.0) for f in findings][::-1]
    colours = [VERDICT_COLOURS[f.verdict] for f in findings][::-1]
    ax.barh(range(len(values)), values, color=colours)
    for i, f in enumerate(findings[::-1]):
        for cut, style in ((f.warn_at, ":"), (f.fail_at, "-")):
            if cut is not None:
                ax.plot([cut, cut], [i - 0.4, i + 0.4], style, color="black", lw=1.5)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.set_xlabel("figure (dotted tick: warn above; solid tick: fail above)")
    ax.set_title(title or f"{risk.name}: {risk.verdict}", fontsize=10)
    fig.tight_layout()
    return fig


def column_shapes(risk, top: int = 12):
    """The columns whose shape differs most, against their cut-offs."""
    plt = _plt()
    table = risk.tables["column_shapes"].head(top).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(table) + 1.2))
    colours = [VERDICT_COLOURS[v] for v in table["verdict"]]
    ax.barh(
        table["column"], table["distance"], color=colours, label="synthetic vs real"
    )
    if "holdout_distance" in table:
        ax.plot(
            table["holdout_distance"],
            range(len(table)),
            "o",
            color=HOLDOUT,
            label="holdout vs real (chance)",
        )
    for i, (warn, fail) in enumerate(zip(table["warn_at"], table["fail_at"])):
        ax.plot([warn, warn], [i - 0.4, i + 0.4], ":", color="black")
        ax.plot([fail, fail], [i - 0.4, i + 0.4], "-", color="black")
    ax.set_xlabel("KS statistic or total variation distance (0 = same shape)")
    auc = risk.figures.get("detector_auc")
    extra = f"; detector AUC {auc:.2f}" if auc is not None else ""
    ax.set_title(f"distribution: {risk.verdict}{extra}", fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def distances(risk):
    """Distances to the closest training row: synthetic rows against holdout rows."""
    plt = _plt()
    synthetic = risk.data["dcr_synthetic_to_training"]
    holdout = risk.data["dcr_holdout_to_training"]
    fig, ax = plt.subplots(figsize=(7, 3))
    high = float(np.quantile(np.r_[synthetic, holdout], 0.99)) or 1.0
    bins = np.linspace(0, high, 40)
    ax.hist(
        np.clip(holdout, 0, high),
        bins=bins,
        density=True,
        alpha=0.6,
        color=HOLDOUT,
        label="holdout rows (never seen by the generator)",
    )
    ax.hist(
        np.clip(synthetic, 0, high),
        bins=bins,
        density=True,
        alpha=0.6,
        color=SYNTHETIC,
        label="synthetic rows",
    )
    cut = risk.figures.get("near_copy_distance")
    if cut:
        ax.axvline(
            cut, color="black", ls=":", label="near-copy line (holdout's closest 5%)"
        )
    ax.set_xlabel("distance to the closest training row (0 = exact copy)")
    ax.set_ylabel("density")
    ax.set_title(f"privacy: {risk.verdict}", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def group_rates(risk, attribute: str | None = None):
    """Outcome rate (or share) per group, real against synthetic, with intervals."""
    plt = _plt()
    groups = risk.tables["groups"]
    if attribute is None:
        judged = [f for f in risk.findings if ":" in f.name]
        order = sorted(judged, key=lambda f: ("pass", "warn", "fail").index(f.verdict))
        attribute = (
            order[-1].name.split(":")[1] if order else groups["attribute"].iloc[0]
        )
    table = groups[groups["attribute"] == attribute].reset_index(drop=True)
    has_rate = "real_rate" in table
    column = "rate" if has_rate else "share"
    fig, ax = plt.subplots(figsize=(7, 3))
    x = np.arange(len(table))
    for offset, who, colour in ((-0.2, "real", REAL), (0.2, "synthetic", SYNTHETIC)):
        values = table[f"{who}_{column}"].to_numpy(dtype=float)
        ax.bar(x + offset, values, width=0.4, color=colour, label=f"{who} rows")
        if has_rate:
            low = values - table[f"{who}_rate_low"].to_numpy(dtype=float)
            high = table[f"{who}_rate_high"].to_numpy(dtype=float) - values
            ax.errorbar(
                x + offset,
                values,
                yerr=[np.nan_to_num(low), np.nan_to_num(high)],
                fmt="none",
                color="black",
                capsize=3,
            )
    ax.set_xticks(x, [str(g) for g in table["group"]], rotation=20, fontsize=8)
    outcome = risk.figures.get("outcome", "outcome rate")
    ax.set_ylabel(
        f"{outcome} (95% interval)" if has_rate else "share of rows", fontsize=9
    )
    ax.set_title(f"bias: {risk.verdict} ({attribute})", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def compare_column(
    real: pd.DataFrame, synthetic: pd.DataFrame, column: str, bins: int = 30
):
    """One column in real and synthetic rows: histograms, or bars for few values."""
    plt = _plt()
    a, b = real[column].dropna(), synthetic[column].dropna()
    fig, ax = plt.subplots(figsize=(6, 2.8))
    numeric = pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b)
    if numeric and a.nunique() > 20:
        edges = np.histogram_bin_edges(
            np.r_[a.to_numpy(float), b.to_numpy(float)], bins=bins
        )
        ax.hist(a, bins=edges, density=True, alpha=0.6, color=REAL, label="real")
        ax.hist(
            b, bins=edges, density=True, alpha=0.6, color=SYNTHETIC, label="synthetic"
        )
        ax.set_ylabel("density")
    else:
        p = a.astype(str).value_counts(normalize=True)
        q = b.astype(str).value_counts(normalize=True)
        labels = list(p.index) + [v for v in q.index if v not in p.index]
        if len(labels) > 25:
            labels = labels[:25]
        x = np.arange(len(labels))
        ax.bar(x - 0.2, [p.get(v, 0) for v in labels], 0.4, color=REAL, label="real")
        ax.bar(
            x + 0.2,
            [q.get(v, 0) for v in labels],
            0.4,
            color=SYNTHETIC,
            label="synthetic",
        )
        ax.set_xticks(x, labels, rotation=45 if len(labels) > 6 else 0, fontsize=8)
        ax.set_ylabel("share of rows")
    ax.set_title(column, fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
