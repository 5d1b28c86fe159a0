"""Artifacts: synthetic rows that could not be real.

Each finding counts synthetic rows (or values) that break something the real
table never breaks, and compares the count with what fresh real rows would
show by chance (estimated from the real table itself: a value seen once in the
real rows is the kind a new real row could bring):

* values outside the real range of a numerical column;
* categories the real column never has;
* the table's design rules (``"arms determines treat"``, ``"end >= start"``);
* impossible combinations: pairs of category values never seen together;
* duplicate rows inside the synthetic table, beyond the real table's own;
* value grids lost: a column with a few real values (a score of 70, 80, 90,
  100) coming back with values in between, or whole numbers coming back with
  decimals;
* spikes lost: a value that holds a large share of the real rows (41% zeros)
  shrinking in the synthetic rows;
* collapsed categories: a category that largely disappears.

SDMetrics' DiagnosticReport is not used: it checks ranges and categories only,
and scored 100% on synthetic rows that broke a table's design rules.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from synthlab.checks._common import (
    POLICY,
    Finding,
    Inputs,
    Risk,
    category_codes,
    pct,
    worst,
)

SOURCE = f"{POLICY}, compared with what new real rows show by chance"
GRID_MAX_VALUES = 20
SPIKE_MIN_SHARE = 0.10
COLLAPSE_RATIO = 0.2
COMBINATION_MAX_LEVELS = 20


def _noise(p: float, m: int, sds: float = 4) -> float:
    return p + sds * math.sqrt(max(p, 1 / m) * (1 - p) / m)


def _finding(name, label, value, warn, fail, floor, detail, source=SOURCE):
    return Finding(
        name,
        label,
        value,
        max(warn, floor),
        max(fail, floor),
        detail=detail,
        source=source,
    )


def ranges(inputs: Inputs) -> pd.DataFrame:
    """Per numerical column: the real range and the synthetic share outside it."""
    n, m = len(inputs.real), len(inputs.synthetic)
    rows = []
    for column in inputs.numerical:
        real = inputs.real[column].dropna()
        values = inputs.synthetic[column].dropna()
        if real.empty:
            continue
        low, high = real.min(), real.max()
        outside = ((values < low) | (values > high)).sum() / m
        rows.append(
            {
                "column": column,
                "real_min": low,
                "real_max": high,
                "synthetic_min": values.min() if len(values) else np.nan,
                "synthetic_max": values.max() if len(values) else np.nan,
                "share_outside": float(outside),
                "chance": _noise(2 / (n + 1), m),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "column",
            "real_min",
            "real_max",
            "synthetic_min",
            "synthetic_max",
            "share_outside",
            "chance",
        ],
    )


def _show(value: float, column: str, inputs: Inputs) -> str:
    """A range end as the reader knows it: a date for a date column."""
    if column in inputs.datetimes:
        return str(pd.Timestamp(value, unit="s").date())
    return f"{value:g}"


def unseen(inputs: Inputs) -> pd.DataFrame:
    """Per categorical column: synthetic rows with a category the real rows lack."""
    n, m = len(inputs.real), len(inputs.synthetic)
    rows = []
    for column in inputs.categorical:
        counts = inputs.real[column].value_counts()
        values = inputs.synthetic[column]
        new = values.notna() & ~values.isin(counts.index)
        singletons = (counts == 1).sum() / n
        rows.append(
            {
                "column": column,
                "share_unseen": float(new.sum() / m),
                "examples": ", ".join(map(str, sorted(values[new].unique())[:3])),
                "chance": _noise(singletons, m),
            }
        )
    return pd.DataFrame(rows, columns=["column", "share_unseen", "examples", "chance"])


def rule_breaks(inputs: Inputs) -> pd.DataFrame:
    """Per rule: the share of synthetic rows and of real rows that break it."""
    m = len(inputs.synthetic)
    rows = []
    for rule in inputs.rules:
        synthetic = _rule_violations(rule, inputs.synthetic, inputs.real)
        real = _rule_violations(rule, inputs.real, inputs.real)
        rows.append(
            {
                "rule": rule.text,
                "share_broken": float(synthetic.mean()),
                "real_share_broken": float(real.mean()),
                "chance": _noise(float(real.mean()), m) if real.any() else 0.0,
            }
        )
    return pd.DataFrame(
        rows, columns=["rule", "share_broken", "real_share_broken", "chance"]
    )


def _rule_violations(rule, frame: pd.DataFrame, real: pd.DataFrame) -> pd.Series:
    return rule.violations(frame, real)


def combinations(inputs: Inputs) -> dict:
    """Share of rows with a pair of category values never seen together in real rows.

    The chance baseline is leave-one-out on the real table: the share of real
    rows that carry a pair only they have.
    """
    columns = [
        c
        for c in inputs.categorical
        if inputs.real[c].nunique(dropna=False) <= COMBINATION_MAX_LEVELS
    ]
    n, m = len(inputs.real), len(inputs.synthetic)
    synthetic_hit = np.zeros(m, dtype=bool)
    real_hit = np.zeros(n, dtype=bool)
    worst_pair, worst_share = None, 0.0
    codes = {c: category_codes([inputs.real[c], inputs.synthetic[c]]) for c in columns}
    for left, right in itertools.combinations(columns, 2):
        (a_real, a_syn), left_levels = codes[left]
        (b_real, b_syn), right_levels = codes[right]
        width = len(right_levels) + 1
        cells = (len(left_levels) + 1) * width
        real_counts = np.bincount(a_real * width + b_real, minlength=cells)
        # categories unseen on their own are counted by the unseen check
        known = (a_syn < len(left_levels)) | pd.isna(inputs.synthetic[left]).to_numpy()
        known &= (b_syn < len(right_levels)) | pd.isna(
            inputs.synthetic[right]
        ).to_numpy()
        new = (real_counts[a_syn * width + b_syn] == 0) & known
        synthetic_hit |= new
        real_hit |= real_counts[a_real * width + b_real] == 1
        if new.mean() > worst_share:
            worst_pair, worst_share = f"{left} / {right}", float(new.mean())
    return {
        "share": float(synthetic_hit.mean()) if m else 0.0,
        "chance": float(real_hit.mean()) if n else 0.0,
        "worst_pair": worst_pair,
        "worst_pair_share": worst_share,
        "columns": len(columns),
    }


def grids_and_spikes(inputs: Inputs) -> pd.DataFrame:
    """Per numerical column: value grid and largest spike, kept or lost."""
    n = len(inputs.real)
    rows = []
    for column in inputs.numerical:
        real = inputs.real[column].dropna()
        values = inputs.synthetic[column].dropna()
        if real.empty or values.empty:
            continue
        counts = real.value_counts()
        row = {
            "column": column,
            "real_values": int(len(counts)),
            "synthetic_values": int(values.nunique()),
            "grid": "",
            "off_grid": np.nan,
            "grid_chance": np.nan,
            "spike_value": np.nan,
            "real_spike_share": np.nan,
            "synthetic_spike_share": np.nan,
            "spike_loss": np.nan,
        }
        if len(counts) <= GRID_MAX_VALUES:
            row["grid"] = f"{len(counts)} values"
            row["off_grid"] = float((~values.isin(counts.index)).mean())
            row["grid_chance"] = _noise((counts == 1).sum() / n, len(values))
        elif bool((real % 1 == 0).all()):
            row["grid"] = "whole numbers"
            row["off_grid"] = float((values % 1 != 0).mean())
            row["grid_chance"] = 0.0
        top_value, top_count = counts.index[0], counts.iloc[0]
        p = top_count / len(real)
        if len(counts) > 2 and p >= SPIKE_MIN_SHARE:
            q = float((values == top_value).mean())
            sd = math.sqrt(p * (1 - p) * (1 / len(real) + 1 / len(values)))
            loss = max(0.0, 1 - q / p) if p - q > 3 * sd else 0.0
            row.update(
                spike_value=top_value,
                real_spike_share=p,
                synthetic_spike_share=q,
                spike_loss=loss,
            )
        rows.append(row)
    return pd.DataFrame(
        rows,
        columns=[
            "column",
            "real_values",
            "synthetic_values",
            "grid",
            "off_grid",
            "grid_chance",
            "spike_value",
            "real_spike_share",
            "synthetic_spike_share",
            "spike_loss",
        ],
    )


def collapsed(inputs: Inputs) -> pd.DataFrame:
    """Categories whose synthetic share fell below a fifth of their real share."""
    n, m = len(inputs.real), len(inputs.synthetic)
    rows = []
    for column in inputs.categorical:
        real = inputs.real[column].value_counts(normalize=True, dropna=False)
        synthetic = inputs.synthetic[column].value_counts(normalize=True, dropna=False)
        for value, p in real.items():
            q = float(synthetic.get(value, 0.0))
            sd = math.sqrt(p * (1 - p) * (1 / n + 1 / m))
            if q < COLLAPSE_RATIO * p and p - q > 3 * sd:
                rows.append(
                    {
                        "column": column,
                        "category": value,
                        "real_share": float(p),
                        "synthetic_share": q,
                    }
                )
    return pd.DataFrame(
        rows, columns=["column", "category", "real_share", "synthetic_share"]
    )


def duplicates(inputs: Inputs) -> dict:
    """Share of synthetic rows repeating an earlier one, and the real table's share."""
    synthetic = float(inputs.synthetic.duplicated().mean())
    real = float(inputs.real.duplicated().mean())
    m = len(inputs.synthetic)
    return {
        "synthetic": synthetic,
        "real": real,
        "excess": synthetic - real,
        "chance": 4 * math.sqrt(max(real, 1 / m) * (1 - real) / m),
    }


def run(inputs: Inputs) -> Risk:
    """The artifacts check."""
    limits = inputs.thresholds["artifacts"]
    findings, figures, tables = [], {}, {}

    table = ranges(inputs)
    tables["ranges"] = table
    if not table.empty:
        top = table.loc[table["share_outside"].idxmax()]
        findings.append(
            _finding(
                "out_of_range",
                "values outside the real range",
                top["share_outside"],
                limits["out_of_range_warn"],
                limits["out_of_range_fail"],
                top["chance"],
                f"column {top['column']!r} (real range "
                f"{_show(top['real_min'], top['column'], inputs)} to "
                f"{_show(top['real_max'], top['column'], inputs)})",
            )
        )
        figures["out_of_range_share"] = float(top["share_outside"])

    table = unseen(inputs)
    tables["unseen_categories"] = table
    if not table.empty:
        top = table.loc[table["share_unseen"].idxmax()]
        example = f", such as {top['examples']}" if top["examples"] else ""
        findings.append(
            _finding(
                "unseen_category",
                "categories never seen in the real data",
                top["share_unseen"],
                limits["unseen_category_warn"],
                limits["unseen_category_fail"],
                top["chance"],
                f"column {top['column']!r}{example}",
            )
        )
        figures["unseen_category_share"] = float(top["share_unseen"])

    table = rule_breaks(inputs)
    tables["rules"] = table
    if not table.empty:
        top = table.loc[table["share_broken"].idxmax()]
        findings.append(
            _finding(
                "rule_violation",
                "rows breaking a design rule",
                top["share_broken"],
                limits["rule_violation_warn"],
                limits["rule_violation_fail"],
                top["chance"],
                f"rule {top['rule']!r}",
                source=f"the table's own rules; cut-offs: {POLICY}",
            )
        )
        figures["rule_violation_share"] = float(top["share_broken"])

    combos = combinations(inputs)
    if combos["columns"] >= 2:
        excess = combos["share"] - combos["chance"]
        chance = 4 * math.sqrt(
            max(combos["chance"], 1 / len(inputs.synthetic)) / len(inputs.synthetic)
        )
        findings.append(
            _finding(
                "impossible_combination",
                "rows with a pair of categories never seen together (beyond chance)",
                excess,
                limits["impossible_combination_warn"],
                limits["impossible_combination_fail"],
                chance,
                f"{pct(combos['share'])} of synthetic rows against "
                f"{pct(combos['chance'])} expected; most often {combos['worst_pair']}",
            )
        )
        figures.update(
            impossible_combination_share=combos["share"],
            impossible_combination_chance=combos["chance"],
        )

    dup = duplicates(inputs)
    findings.append(
        _finding(
            "duplicate_excess",
            "duplicate rows inside the synthetic table (beyond real's own)",
            dup["excess"],
            limits["duplicate_excess_warn"],
            limits["duplicate_excess_fail"],
            dup["chance"],
            f"{pct(dup['synthetic'])} of synthetic rows repeat another; the "
            f"real table's own rate is {pct(dup['real'])}",
        )
    )
    figures.update(
        synthetic_duplicate_share=dup["synthetic"], real_duplicate_share=dup["real"]
    )

    table = grids_and_spikes(inputs)
    tables["grids_and_spikes"] = table
    grid = table[table["off_grid"].notna()]
    if not grid.empty:
        top = grid.loc[grid["off_grid"].idxmax()]
        findings.append(
            _finding(
                "off_grid",
                "values off the real value grid",
                top["off_grid"],
                limits["off_grid_warn"],
                limits["off_grid_fail"],
                top["grid_chance"],
                f"column {top['column']!r}: real values are {top['grid']} "
                f"({top['real_values']} distinct), synthetic has "
                f"{top['synthetic_values']}",
            )
        )
        figures["off_grid_share"] = float(top["off_grid"])
    spikes = table[table["spike_loss"].notna()]
    if not spikes.empty:
        top = spikes.loc[spikes["spike_loss"].idxmax()]
        findings.append(
            Finding(
                "spike_loss",
                "share of a real spike lost",
                top["spike_loss"],
                limits["spike_loss_warn"],
                limits["spike_loss_fail"],
                detail=f"column {top['column']!r}: {top['spike_value']:g} holds "
                f"{pct(top['real_spike_share'])} of real values and "
                f"{pct(top['synthetic_spike_share'])} of synthetic ones",
                source=SOURCE,
            )
        )
        figures["spike_loss"] = float(top["spike_loss"])

    table = collapsed(inputs)
    tables["collapsed_categories"] = table
    if inputs.categorical:
        top = table.loc[table["real_share"].idxmax()] if not table.empty else None
        findings.append(
            Finding(
                "collapsed_category",
                "largest category that collapsed (its real share)",
                0.0 if top is None else top["real_share"],
                limits["collapsed_category_warn"],
                limits["collapsed_category_fail"],
                detail="none"
                if top is None
                else f"{top['column']} = {top['category']}: "
                f"{pct(top['real_share'])} of real rows, "
                f"{pct(top['synthetic_share'])} of synthetic rows",
                source=SOURCE,
            )
        )

    verdict = worst(f.verdict for f in findings)
    sentence, next_step = _explain(verdict, findings)
    return Risk(
        "artifacts",
        verdict,
        sentence,
        next_step,
        findings,
        figures,
        tables,
        source=SOURCE,
    )


WORDS = {
    "out_of_range": "{share} of synthetic rows have values outside the real range in "
                    "{detail}",
    "unseen_category": "{share} of synthetic rows carry categories no real row has, in "
    "{detail}",
    "rule_violation": "{share} of synthetic rows break the {detail}",
    "impossible_combination": "too many synthetic rows combine categories never seen "
    "together: {detail}",
    "duplicate_excess": "the synthetic table repeats itself: {detail}",
    "off_grid": "a column lost its grid of allowed values: {detail}",
    "spike_loss": "a common real value shrank: {detail}",
    "collapsed_category": "a category nearly disappeared: {detail}",
}
NEXT_STEPS = {
    "out_of_range": "Clip or drop those rows, or use a method that keeps real bounds "
    "(SDV's enforce_min_max_values).",
    "unseen_category": "Drop rows with unknown categories and check how the method "
    "encodes that column.",
    "rule_violation": "Pass the rule to the method as a constraint, or drop the rows "
    "that break it before anyone uses the table.",
    "impossible_combination": "Read a few of those rows with a domain expert; add the "
    "missing design rules and generate again.",
    "duplicate_excess": "Drop the duplicates and check whether the method has "
                        "collapsed "
    "onto a few modes (more training, another method).",
    "off_grid": "Round the column back to its allowed values, or model it as "
                "categorical.",
    "spike_loss": "Model the spike explicitly (a flag plus the rest), or treat the "
                  "column "
    "as categorical near that value.",
    "collapsed_category": "Use a method that keeps rare categories (conditional "
                          "sampling "
    "or a method that models categories directly).",
}


def _explain(verdict: str, findings: list[Finding]) -> tuple[str, str]:
    if verdict == "pass":
        return (
            "No impossible rows found: values stay in the real ranges, categories "
            "and rules hold, and value grids, spikes and categories survive.",
            "Still read a sample of synthetic rows with someone who knows the data.",
        )
    bad = [f for f in findings if f.verdict == verdict]
    first = bad[0]
    text = WORDS[first.name].format(share=pct(first.value), detail=first.detail)
    level = "Impossible rows found" if verdict == "fail" else "Some implausible rows"
    sentence = f"{level}: {text}."
    if len(bad) > 1:
        others = ", ".join(f.label for f in bad[1:])
        sentence += f" Also: {others}."
    return sentence, NEXT_STEPS[first.name]
