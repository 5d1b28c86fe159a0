"""Distribution mismatch: does the synthetic table look like the real one?

Four lenses, from simple to strict:

* column shapes: the two-sample Kolmogorov-Smirnov statistic for a numerical
  column and the total variation distance for a categorical one (the
  definitions behind SDMetrics' KSComplement and TVComplement, reported here
  as distances: 0 is identical);
* pairwise trends: the difference of Pearson correlations for two numerical
  columns, the total variation distance of the joint table for any other pair
  (numbers cut into ten quantile bins of the real column), as in SDMetrics'
  CorrelationSimilarity and ContingencySimilarity;
* a detector: a gradient-boosting classifier trained to tell real rows from
  synthetic ones, scored by cross-validated ROC AUC (0.5: indistinguishable);
* with a target, utility: a model trained on synthetic rows (TSTR) against one
  trained on real rows (TRTR), both scored on real rows they never saw.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from synthlab.checks import _models
from synthlab.checks._common import (
    POLICY,
    Finding,
    Inputs,
    Risk,
    auc_sd,
    category_codes,
    ks_floor,
    tvd_noise,
    worst,
)

SOURCE_SHAPES = (
    "KS and total variation as defined in SDMetrics' Quality Report "
    "(docs.sdv.dev/sdmetrics/reports/quality-report); cut-offs: "
    f"{POLICY}, widened by the sampling noise of the two table sizes"
)
SOURCE_DETECTOR = f"{POLICY}; 0.5 means the classifier cannot tell the rows apart"
SOURCE_UTILITY = (
    "train on synthetic, test on real against train on real (TSTR vs "
    f"TRTR; SDMetrics and TabDDPM call it ML efficiency); cut-offs: {POLICY}"
)
BINS = 10


def ks_statistic(a: np.ndarray, b: np.ndarray) -> float:
    """The two-sample Kolmogorov-Smirnov statistic of two arrays without NaN.

    >>> ks_statistic(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]))
    0.0
    >>> ks_statistic(np.array([0.0, 0.0]), np.array([1.0, 1.0]))
    1.0
    """
    if len(a) == 0 or len(b) == 0:
        return 1.0 if len(a) != len(b) else 0.0
    a, b = np.sort(a), np.sort(b)
    grid = np.concatenate([a, b])
    cdf_a = np.searchsorted(a, grid, side="right") / len(a)
    cdf_b = np.searchsorted(b, grid, side="right") / len(b)
    return float(np.max(np.abs(cdf_a - cdf_b)))


def column_distance(real: pd.Series, other: pd.Series, kind: str) -> tuple[str, float]:
    """The metric's name and the distance between one column of two tables."""
    if kind == "numerical":
        a, b = real.to_numpy(dtype=float), other.to_numpy(dtype=float)
        ks = ks_statistic(a[~np.isnan(a)], b[~np.isnan(b)])
        missing = abs(np.isnan(a).mean() - np.isnan(b).mean())
        return "KS", max(ks, float(missing))
    (codes_a, codes_b), levels = category_codes([real, other])
    p = np.bincount(codes_a, minlength=len(levels) + 1) / len(codes_a)
    q = np.bincount(codes_b, minlength=len(levels) + 1) / len(codes_b)
    return "TVD", float(0.5 * np.abs(p - q).sum())


def column_shapes(inputs: Inputs, other: pd.DataFrame) -> pd.DataFrame:
    """One row per column: its distance, the cut-offs for it and its verdict."""
    limits = inputs.thresholds["distribution"]
    n, m = len(inputs.real), len(other)
    rows = []
    for column, kind in inputs.kinds.items():
        metric, distance = column_distance(inputs.real[column], other[column], kind)
        if kind == "numerical":
            floor = ks_floor(n, m)
        else:
            (codes,), levels = category_codes([inputs.real[column]])
            p = np.bincount(codes, minlength=len(levels) + 1) / n
            floor = 3 * tvd_noise(p, n, m)
        rows.append(
            {
                "column": column,
                "metric": metric,
                "distance": distance,
                "warn_at": max(limits["column_shape_warn"], floor),
                "fail_at": max(limits["column_shape_fail"], 1.5 * floor),
            }
        )
    table = pd.DataFrame(rows)
    table["verdict"] = [
        Finding("c", "c", d, w, f).verdict
        for d, w, f in zip(table["distance"], table["warn_at"], table["fail_at"])
    ]
    return table


def _binned_codes(
    inputs: Inputs, frames: list[pd.DataFrame]
) -> dict[str, list[np.ndarray]]:
    """Per column, small integer codes in each table (numbers in quantile bins)."""
    coded = {}
    for column, kind in inputs.kinds.items():
        if kind == "numerical":
            real = inputs.real[column].dropna().to_numpy()
            edges = (
                np.unique(np.quantile(real, np.linspace(0, 1, BINS + 1)[1:-1]))
                if len(real)
                else np.array([])
            )
            codes = []
            for frame in frames:
                values = frame[column].to_numpy(dtype=float)
                code = np.searchsorted(edges, values, side="right")
                codes.append(np.where(np.isnan(values), len(edges) + 1, code))
            coded[column] = codes
        else:
            codes, _ = category_codes([f[column] for f in frames])
            coded[column] = codes
    return coded


def pair_trends(inputs: Inputs, other: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of columns: the trend difference and its cut-offs."""
    limits = inputs.thresholds["distribution"]
    n, m = len(inputs.real), len(other)
    numerical = inputs.numerical
    corr_real = inputs.real[numerical].corr() if len(numerical) > 1 else None
    corr_other = other[numerical].corr() if len(numerical) > 1 else None
    coded = _binned_codes(inputs, [inputs.real, other])
    rows = []
    for left, right in itertools.combinations(inputs.kinds, 2):
        if left in numerical and right in numerical:
            r_real, r_other = corr_real.loc[left, right], corr_other.loc[left, right]
            if np.isnan(r_real):
                continue
            distance = abs(r_real - (0.0 if np.isnan(r_other) else r_other))
            floor = 4 * (1 - min(r_real**2, 0.99)) * np.sqrt(1 / n + 1 / m)
            metric = "correlation difference"
        else:
            (a_real, a_other), (b_real, b_other) = coded[left], coded[right]
            width = int(max(b_real.max(), b_other.max())) + 1
            cells = int(max(a_real.max(), a_other.max()) + 1) * width
            p = np.bincount(a_real * width + b_real, minlength=cells) / n
            q = np.bincount(a_other * width + b_other, minlength=cells) / m
            distance = 0.5 * np.abs(p - q).sum()
            floor = 3 * tvd_noise(p, n, m)
            metric = "contingency TVD"
        rows.append(
            {
                "pair": f"{left} / {right}",
                "metric": metric,
                "distance": float(distance),
                "warn_at": max(limits["pair_trend_warn"], float(floor)),
                "fail_at": max(limits["pair_trend_fail"], 1.5 * float(floor)),
            }
        )
    table = pd.DataFrame(
        rows, columns=["pair", "metric", "distance", "warn_at", "fail_at"]
    )
    table["verdict"] = [
        Finding("p", "p", d, w, f).verdict
        for d, w, f in zip(table["distance"], table["warn_at"], table["fail_at"])
    ]
    return table


def _worst_row(table: pd.DataFrame) -> pd.Series | None:
    if table.empty:
        return None
    ratio = table["distance"] / table["warn_at"].where(table["warn_at"] > 0, 1e-9)
    return table.loc[ratio.idxmax()]


def run(inputs: Inputs) -> Risk:
    """The distribution check."""
    limits = inputs.thresholds["distribution"]
    findings, figures, tables, notes = [], {}, {}, []

    shapes = column_shapes(inputs, inputs.synthetic)
    if inputs.holdout is not None:
        baseline = column_shapes(inputs, inputs.holdout)
        shapes["holdout_distance"] = baseline["distance"].to_numpy()
    tables["column_shapes"] = shapes.sort_values(
        "distance", ascending=False, ignore_index=True
    )
    top = _worst_row(shapes)
    findings.append(
        Finding(
            "column_shape",
            "worst column shape (KS or TVD)",
            top["distance"],
            top["warn_at"],
            top["fail_at"],
            detail=f"column {top['column']!r} ({top['metric']})",
            source=SOURCE_SHAPES,
        )
    )
    figures.update(
        worst_column=top["column"],
        worst_column_shape=top["distance"],
        column_shape_score=1 - shapes["distance"].mean(),
    )

    pairs = pair_trends(inputs, inputs.synthetic)
    tables["pair_trends"] = pairs.sort_values(
        "distance", ascending=False, ignore_index=True
    )
    top = _worst_row(pairs)
    if top is not None:
        findings.append(
            Finding(
                "pair_trend",
                "worst pairwise trend",
                top["distance"],
                top["warn_at"],
                top["fail_at"],
                detail=f"columns {top['pair']} ({top['metric']})",
                source=SOURCE_SHAPES,
            )
        )
        figures.update(
            worst_pair=top["pair"],
            worst_pair_trend=top["distance"],
            pair_trend_score=1 - pairs["distance"].mean(),
        )

    found = _models.detector(inputs)
    noise = auc_sd(found["rows_per_side"], found["rows_per_side"])
    findings.append(
        Finding(
            "detector_auc",
            "real-vs-synthetic detector (ROC AUC)",
            found["auc"],
            max(limits["detector_auc_warn"], 0.5 + 4 * noise),
            max(limits["detector_auc_fail"], 0.5 + 6 * noise),
            detail=f"{found['folds']}-fold cross-validation on "
            f"{found['rows_per_side']:,} rows of each",
            source=SOURCE_DETECTOR,
        )
    )
    figures["detector_auc"] = found["auc"]

    useful = _models.utility(inputs)
    if useful is not None:
        if useful["metric"] == "ROC AUC":
            truth = useful["y_test"] == useful["positive_class"]
            noise = auc_sd(int(truth.sum()), int((~truth).sum()))
        else:
            noise = 0.5 / np.sqrt(useful["test_rows"])
        where = "the holdout" if useful["test_is_holdout"] else "30% of the real rows"
        findings.append(
            Finding(
                "utility_gap",
                f"TRTR minus TSTR ({useful['metric']})",
                useful["gap"],
                max(limits["utility_gap_warn"], 2 * noise),
                max(limits["utility_gap_fail"], 4 * noise),
                detail=f"models predict {inputs.target!r}, scored on {where} "
                f"({useful['test_rows']:,} rows)",
                source=SOURCE_UTILITY,
            )
        )
        figures.update(
            utility_metric=useful["metric"],
            trtr=useful["trtr"],
            tstr=useful["tstr"],
            utility_gap=useful["gap"],
        )
        if not useful["test_is_holdout"]:
            notes.append(
                "No holdout was given, so TSTR and TRTR were scored on 30% of "
                "the real rows, which the generator saw: TSTR looks better than "
                "it would on new data."
            )
    elif inputs.target is None:
        notes.append(
            "No target was given, so train-on-synthetic utility was not measured."
        )

    verdict = worst(f.verdict for f in findings)
    sentence, next_step = _explain(verdict, findings, figures)
    return Risk(
        "distribution",
        verdict,
        sentence,
        next_step,
        findings,
        figures,
        tables,
        source=SOURCE_SHAPES,
        notes=notes,
    )


NEXT_STEPS = {
    "column_shape": "Plot the real and synthetic values of {what} side by side; "
    "tune the method for that column or choose a method that fits it.",
    "pair_trend": "Compare {what} in real and synthetic data; a method that models "
    "dependencies (or more training) should keep that relation.",
    "detector_auc": "Look at which columns the synthetic rows give themselves away on "
    "(the column shapes and pairs above); do not use the table where "
    "it must pass for real.",
    "utility_gap": "Do not train the production model on this synthetic table alone; "
    "try another method or mix in real rows, and always test on real data.",
}


def _explain(verdict: str, findings: list[Finding], figures: dict) -> tuple[str, str]:
    if verdict == "pass":
        auc = figures["detector_auc"]
        hint = (
            "; far below 0.5, a hint of copied rows: see privacy" if auc < 0.4 else ""
        )
        return (
            "The synthetic rows follow the real ones column by column and in pairs, "
            f"and a classifier can barely tell them apart (AUC {auc:.2f}{hint}).",
            "Use the table for exploration; still validate any model on real data.",
        )
    bad = [f for f in findings if f.verdict == verdict]
    first = bad[0]
    what = {
        "column_shape": f"column {figures.get('worst_column')!r}",
        "pair_trend": str(figures.get("worst_pair", "")).replace(" / ", " and "),
    }.get(first.name, first.detail)
    words = {
        "column_shape": f"the values of {what} are spread differently from the real "
        f"ones (distance {first.value:.2f})",
        "pair_trend": f"the relation between {what} is not the real one "
        f"(difference {first.value:.2f})",
        "detector_auc": "a classifier tells synthetic rows from real ones with AUC "
        f"{first.value:.2f} (0.5 would be indistinguishable)",
        "utility_gap": f"a model trained on synthetic rows scores {first.value:.2f} "
        "lower on real rows than one trained on real rows",
    }
    strength = "does not match" if verdict == "fail" else "only partly matches"
    sentence = f"The synthetic table {strength} the real one: {words[first.name]}."
    if len(bad) > 1:
        sentence += f" {len(bad) - 1} more finding(s) at this level are listed below."
    return sentence, NEXT_STEPS[first.name].format(what=what)
