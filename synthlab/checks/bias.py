"""Bias amplification: does the synthetic table treat groups of people differently?

For each sensitive attribute (numerical ones, such as age, are cut into four
groups at the real quartiles), the check compares real and synthetic data on:

* group shares: a group that shrinks or vanishes;
* the outcome rate per group (the target's positive class, or its mean), each
  with a bootstrap interval;
* the gap between groups itself (highest group rate minus lowest): a large
  relative change warns when the real gap or the change is beyond chance (95%
  bootstrap interval), and fails when the change's 99% interval excludes zero
  (several attributes are tested at once). A
  gap can shrink by half while each group's rate stays inside its own
  interval, so only a test on the gap catches it;
* with a target, a model trained on synthetic rows and one trained on real
  rows, scored per group on real rows they never saw: a group whose score
  drops more than the others' is served worse by the synthetic table.

Groups smaller than ``min_group_rows`` are listed but not judged: their rates
move a lot by chance.
"""

from __future__ import annotations

import math
import warnings

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
    pct,
    worst,
)

SOURCE = (
    "group outcome rates and the gap between them (demographic-parity style) with "
    f"seeded bootstrap intervals; cut-offs: {POLICY}"
)
BOOTSTRAP = 200
NUMERIC_GROUPS = 4


def groups(inputs: Inputs, attribute: str) -> tuple[list[np.ndarray], list[str], str]:
    """Group codes of the attribute in real, synthetic and holdout rows, and labels."""
    frames = [inputs.real, inputs.synthetic] + (
        [inputs.holdout] if inputs.holdout is not None else []
    )
    if inputs.kinds[attribute] == "numerical" and inputs.real[attribute].nunique() > 10:
        real = inputs.real[attribute].dropna().to_numpy()
        edges = np.unique(
            np.quantile(real, np.linspace(0, 1, NUMERIC_GROUPS + 1)[1:-1])
        )
        bounds = [real.min(), *edges, real.max()]
        labels = [f"{bounds[0]:g} to under {bounds[1]:g}"]
        labels += [
            f"{lo:g} to under {hi:g}" for lo, hi in zip(bounds[1:-2], bounds[2:-1])
        ]
        labels += [f"{bounds[-2]:g} and over"]
        labels += ["missing"]
        codes = []
        for frame in frames:
            values = frame[attribute].to_numpy(dtype=float)
            code = np.searchsorted(edges, values, side="right")
            codes.append(np.where(np.isnan(values), len(edges) + 1, code))
        note = (
            f"{attribute} is numerical, so it was cut into {len(edges) + 1} groups at "
            "the "
            "real quartiles."
        )
        return codes, labels, note
    codes, levels = category_codes([f[attribute] for f in frames])
    return codes, [str(level) for level in levels] + ["missing"], ""


def outcome(inputs: Inputs) -> tuple[str, str | None]:
    """What the rates measure: ('rate', class), or ('mean', None) for numbers."""
    if inputs.target is None:
        return "none", None
    if inputs.kinds[inputs.target] == "numerical":
        return "mean", None
    positive = _models.positive_class(inputs)
    if positive is None:
        shares = inputs.real[inputs.target].value_counts(normalize=True)
        common = shares[shares >= 0.05]
        positive = str((common if len(common) else shares).idxmin())
    return "rate", positive


def _values(frame: pd.DataFrame, target: str, kind: str, positive) -> np.ndarray:
    if kind == "mean":
        return frame[target].to_numpy(dtype=float)
    values = frame[target]
    return np.where(values.isna(), np.nan, (values == positive).to_numpy(dtype=float))


def _bootstrap(
    codes: np.ndarray,
    y: np.ndarray | None,
    n_groups: int,
    generator: np.random.Generator,
):
    """Bootstrap shares and rates per group: arrays of shape (BOOTSTRAP, n_groups)."""
    n = len(codes)
    index = generator.integers(0, n, size=(BOOTSTRAP, n))
    flat = (np.arange(BOOTSTRAP)[:, None] * n_groups + codes[index]).ravel()
    counts = np.bincount(flat, minlength=BOOTSTRAP * n_groups).reshape(
        BOOTSTRAP, n_groups
    )
    shares = counts / n
    if y is None:
        return shares, None
    valid = ~np.isnan(y)
    weights = np.where(valid, y, 0.0)[index].ravel()
    present = np.bincount(
        flat, weights=valid[index].ravel().astype(float), minlength=BOOTSTRAP * n_groups
    ).reshape(BOOTSTRAP, n_groups)
    sums = np.bincount(flat, weights=weights, minlength=BOOTSTRAP * n_groups).reshape(
        BOOTSTRAP, n_groups
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        rates = sums / present
    return shares, rates


def _gap(rates: np.ndarray, judged: np.ndarray, high: int, low: int) -> np.ndarray:
    """The outcome gap from rates of shape (..., groups).

    Two groups: the signed difference, the real high group minus the real low
    one. More: the highest rate minus the lowest, taken in each table (and each
    bootstrap draw) on its own, so that picking the extreme groups in the real
    rows does not favour one side.
    """
    if len(judged) == 2:
        return rates[..., high] - rates[..., low]
    return np.nanmax(rates[..., judged], axis=-1) - np.nanmin(
        rates[..., judged], axis=-1
    )


def _rates(codes, y, n_groups):
    counts = np.bincount(codes, minlength=n_groups)
    if y is None:
        return counts, None
    valid = ~np.isnan(y)
    present = np.bincount(codes[valid], minlength=n_groups)
    sums = np.bincount(codes[valid], weights=y[valid], minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return counts, sums / present


def attribute_table(inputs: Inputs, attribute: str, generator) -> dict:
    """Shares, rates, intervals and the gap for one sensitive attribute."""
    limits = inputs.thresholds["bias"]
    min_rows = limits["min_group_rows"]
    codes, labels, note = groups(inputs, attribute)
    real_codes, synthetic_codes = codes[0], codes[1]
    n_groups = len(labels)
    kind, positive = outcome(inputs)
    y_real = y_syn = None
    if kind != "none":
        y_real = _values(inputs.real, inputs.target, kind, positive)
        y_syn = _values(inputs.synthetic, inputs.target, kind, positive)
    counts_real, rate_real = _rates(real_codes, y_real, n_groups)
    counts_syn, rate_syn = _rates(synthetic_codes, y_syn, n_groups)
    boot_share_real, boot_rate_real = _bootstrap(
        real_codes, y_real, n_groups, generator
    )
    boot_share_syn, boot_rate_syn = _bootstrap(
        synthetic_codes, y_syn, n_groups, generator
    )

    n, m = len(real_codes), len(synthetic_codes)
    table = pd.DataFrame(
        {
            "attribute": attribute,
            "group": labels,
            "real_rows": counts_real,
            "synthetic_rows": counts_syn,
            "real_share": counts_real / n,
            "synthetic_share": counts_syn / m,
        }
    )
    keep = table["real_rows"] > 0
    result = {
        "attribute": attribute,
        "note": note,
        "small": [],
        "gap": None,
        "share_loss": 0.0,
        "share_loss_group": None,
    }
    for g in np.flatnonzero(keep):
        p, q = counts_real[g] / n, counts_syn[g] / m
        sd = math.sqrt(p * (1 - p) * (1 / n + 1 / m))
        loss = max(0.0, 1 - q / p) if p - q > 3 * sd else 0.0
        if counts_real[g] >= min_rows and loss > result["share_loss"]:
            result.update(share_loss=loss, share_loss_group=labels[g])
    if y_real is not None:
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            # a group absent from some bootstrap draws has no rate there
            warnings.filterwarnings("ignore", "All-NaN slice", RuntimeWarning)
            table["real_rate"] = rate_real
            table["real_rate_low"] = np.nanpercentile(boot_rate_real, 2.5, axis=0)
            table["real_rate_high"] = np.nanpercentile(boot_rate_real, 97.5, axis=0)
            table["synthetic_rate"] = rate_syn
            table["synthetic_rate_low"] = (
                np.nanpercentile(boot_rate_syn, 2.5, axis=0) if m else np.nan
            )
            table["synthetic_rate_high"] = (
                np.nanpercentile(boot_rate_syn, 97.5, axis=0) if m else np.nan
            )
        judged = np.flatnonzero((counts_real >= min_rows) & (counts_syn >= min_rows))
        if len(judged) >= 2:
            high = judged[np.nanargmax(rate_real[judged])]
            low = judged[np.nanargmin(rate_real[judged])]
            gap_real = _gap(rate_real, judged, high, low)
            gap_syn = _gap(rate_syn, judged, high, low)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "All-NaN slice", RuntimeWarning)
                change = _gap(boot_rate_syn, judged, high, low) - _gap(
                    boot_rate_real, judged, high, low
                )
                low_ci, high_ci = np.nanpercentile(change, [2.5, 97.5])
                low_99, high_99 = np.nanpercentile(change, [0.5, 99.5])
                pair = boot_rate_real[:, high] - boot_rate_real[:, low]
                clear = bool(np.nanpercentile(pair, 2.5) > 0)
            significant = bool(low_ci > 0 or high_ci < 0)
            certain = bool(low_99 > 0 or high_99 < 0)
            scale = max(abs(gap_real), 0.05 if kind == "rate" else 1e-9)
            relative = abs(gap_syn - gap_real) / scale
            result["gap"] = {
                "groups": f"{labels[high]} vs {labels[low]}"
                if len(judged) == 2
                else f"highest ({labels[high]}) vs lowest ({labels[low]}) of "
                     f"{len(judged)} groups",
                "real": float(gap_real),
                "synthetic": float(gap_syn),
                "change_low": float(low_ci),
                "change_high": float(high_ci),
                "significant": significant,
                "significant_99": certain,
                "real_gap_clear": clear,
                "relative_change": float(relative),
                "value": float(relative) if clear or significant else 0.0,
                "rates_inside_intervals": bool(
                    all(
                        table.loc[g, "real_rate_low"]
                        <= rate_syn[g]
                        <= table.loc[g, "real_rate_high"]
                        for g in judged
                    )
                ),
            }
    small = table[
        keep & ((table["real_rows"] < min_rows) | (table["synthetic_rows"] < min_rows))
    ]
    result["small"] = [f"{attribute} = {g}" for g in small["group"]]
    result["table"] = table[keep].reset_index(drop=True)
    result["outcome"] = (kind, positive)
    result["codes"] = codes
    return result


def group_scores(inputs: Inputs, attribute: str, codes, labels) -> pd.DataFrame | None:
    """TRTR and TSTR scores per group on the test rows."""
    useful = _models.utility(inputs)
    if useful is None or inputs.holdout is None:
        return None
    test_codes = codes[2]
    if len(test_codes) != useful["test_rows"]:  # rows without a target were dropped
        mask = inputs.holdout[inputs.target].notna().to_numpy()
        test_codes = test_codes[mask]
    from sklearn.metrics import accuracy_score, roc_auc_score

    rows = []
    for g in np.unique(test_codes):
        idx = test_codes == g
        if idx.sum() < inputs.thresholds["bias"]["min_group_rows"]:
            continue
        row = {"attribute": attribute, "group": labels[g], "test_rows": int(idx.sum())}
        if useful["metric"] == "ROC AUC":
            truth = useful["y_test"][idx] == useful["positive_class"]
            if truth.all() or not truth.any():
                continue
            row["metric"] = "ROC AUC"
            row["trtr"] = roc_auc_score(truth, useful["scores_real"][idx])
            row["tstr"] = roc_auc_score(truth, useful["scores_synthetic"][idx])
            row["noise"] = math.sqrt(2) * auc_sd(int(truth.sum()), int((~truth).sum()))
            row["real_model_positive_rate"] = float(
                (useful["labels_real"][idx] == useful["positive_class"]).mean()
            )
            row["synthetic_model_positive_rate"] = float(
                (useful["labels_synthetic"][idx] == useful["positive_class"]).mean()
            )
        elif useful["metric"] == "R squared":
            continue
        else:
            row["metric"] = "accuracy"
            row["noise"] = math.sqrt(2 * 0.25 / idx.sum())
            row["trtr"] = accuracy_score(
                useful["y_test"][idx], useful["labels_real"][idx]
            )
            row["tstr"] = accuracy_score(
                useful["y_test"][idx], useful["labels_synthetic"][idx]
            )
        row["drop"] = row["trtr"] - row["tstr"]
        rows.append(row)
    if not rows:
        return None
    table = pd.DataFrame(rows)
    table["drop_beyond_overall"] = table["drop"] - useful["gap"]
    return table


def run(inputs: Inputs) -> Risk:
    """The bias check."""
    limits = inputs.thresholds["bias"]
    if not inputs.sensitive:
        finding = Finding(
            "sensitive_needed",
            "sensitive attributes to check",
            None,
            detail="none given",
            verdict="warn",
        )
        return Risk(
            "bias",
            "warn",
            "No sensitive attributes were named, so bias was not checked.",
            "Pass the columns that describe people (sex, age, ethnicity), e.g. "
            "sensitive=['sex', 'age'] or --sensitive sex,age.",
            [finding],
            {},
            {},
            source=SOURCE,
        )
    generator = np.random.default_rng(inputs.seed)
    findings, figures, notes, tables = [], {}, [], {}
    groups_tables, gap_rows, score_tables, small = [], [], [], []
    for attribute in inputs.sensitive:
        result = attribute_table(inputs, attribute, generator)
        groups_tables.append(result["table"])
        small += result["small"]
        if result["note"]:
            notes.append(result["note"])
        findings.append(
            Finding(
                f"group_share_loss:{attribute}",
                f"share of a {attribute} group lost",
                result["share_loss"],
                limits["group_share_loss_warn"],
                limits["group_share_loss_fail"],
                detail="no group shrank beyond chance"
                if result["share_loss_group"] is None
                else f"{attribute} = {result['share_loss_group']} kept "
                f"{pct(1 - result['share_loss'])} of its real share",
                source=SOURCE,
            )
        )
        gap = result["gap"]
        if gap is not None:
            gap_rows.append(
                {
                    "attribute": attribute,
                    **{k: v for k, v in gap.items() if k != "value"},
                }
            )
            moved = (
                "the change is beyond chance"
                if gap["significant"]
                else "the change is within chance at this size"
            )
            if not gap["real_gap_clear"] and not gap["significant"]:
                moved = (
                    "the real gap and its change are within chance, so it is not judged"
                )
            # A real gap that is itself within chance is not judged; a change within
            # chance can warn (small tables cannot tell) but not fail.
            fail_at = limits["gap_change_fail"] if gap["significant_99"] else math.inf
            findings.append(
                Finding(
                    f"gap_change:{attribute}",
                    f"change of the outcome gap between {attribute} groups",
                    gap["value"],
                    limits["gap_change_warn"],
                    fail_at,
                    detail=f"{gap['groups']}: gap {gap['real']:+.3f} in real rows, "
                    f"{gap['synthetic']:+.3f} in synthetic rows ({moved})",
                    source=SOURCE,
                )
            )
        _, labels, _ = groups(inputs, attribute)
        scores = group_scores(inputs, attribute, result["codes"], labels)
        if scores is not None:
            score_tables.append(scores)
            scores["warn_at"] = np.maximum(
                limits["group_score_drop_warn"], 2 * scores["noise"]
            )
            scores["fail_at"] = np.maximum(
                limits["group_score_drop_fail"], 4 * scores["noise"]
            )
            top = scores.loc[
                (scores["drop_beyond_overall"] / scores["warn_at"]).idxmax()
            ]
            findings.append(
                Finding(
                    f"group_score_drop:{attribute}",
                    f"extra drop of the TSTR score for one {attribute} group",
                    float(top["drop_beyond_overall"]),
                    float(top["warn_at"]),
                    float(top["fail_at"]),
                    detail=f"{attribute} = {top['group']}: {top['metric']} "
                    f"{top['trtr']:.3f} trained on real, "
                    f"{top['tstr']:.3f} on synthetic",
                    source=SOURCE,
                )
            )
    tables["groups"] = pd.concat(groups_tables, ignore_index=True)
    if gap_rows:
        tables["gaps"] = pd.DataFrame(gap_rows)
        figures["largest_gap_change"] = max(r["relative_change"] for r in gap_rows)
    if score_tables:
        tables["group_scores"] = pd.concat(score_tables, ignore_index=True)
    kind, positive = outcome(inputs)
    if kind == "rate":
        figures["outcome"] = f"share with {inputs.target} = {positive}"
        notes.append(f"Outcome: the share of rows with {inputs.target} = {positive}.")
    elif kind == "mean":
        figures["outcome"] = f"mean of {inputs.target}"
        notes.append(f"Outcome: the mean of {inputs.target}.")
    else:
        notes.append("No target was given, so only group shares were compared.")
    if small:
        notes.append(
            f"Groups with fewer than {int(limits['min_group_rows'])} rows are not "
            f"judged (their rates move a lot by chance): {', '.join(small)}."
        )
    figures["small_groups"] = small
    verdict = worst(f.verdict for f in findings)
    sentence, next_step = _explain(verdict, findings)
    return Risk(
        "bias",
        verdict,
        sentence,
        next_step,
        findings,
        figures,
        tables,
        source=SOURCE,
        notes=notes,
    )


NEXT_STEPS = {
    "group_share_loss": "Generate with conditional sampling so every group keeps its "
    "real share, or add real rows for that group.",
    "gap_change": "Do not draw conclusions about differences between groups from this "
    "table; use a method that conditions on the attribute, and report "
    "group gaps from real data.",
    "group_score_drop": "A model trained on this table serves that group worse: check "
    "its per-group results on real data before shipping.",
}


def _explain(verdict: str, findings: list[Finding]) -> tuple[str, str]:
    if verdict == "pass":
        return (
            "Groups keep their real shares and outcome rates, and the gaps between "
            "groups stay within chance.",
            "Keep checking per group on real data whenever a model is retrained.",
        )
    bad = [f for f in findings if f.verdict == verdict]
    first = bad[0]
    kind = first.name.split(":")[0]
    words = {
        "group_share_loss": "a group is under-represented",
        "gap_change": "the difference between groups changed",
        "group_score_drop": "a model trained on it serves one group worse",
    }[kind]
    level = "distorts" if verdict == "fail" else "may distort"
    sentence = (
        f"The synthetic table {level} how groups compare: {words} ({first.detail})."
    )
    if len(bad) > 1:
        sentence += " Also: " + "; ".join(f.label for f in bad[1:]) + "."
    return sentence, NEXT_STEPS[kind]
