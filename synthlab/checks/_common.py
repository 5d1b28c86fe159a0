"""What the four risk checks share: the prepared inputs, findings and verdicts.

A check reads an :class:`Inputs` (the real, synthetic and holdout tables with the
same columns, each column typed numerical or categorical) and returns a
:class:`Risk`: a verdict, the findings behind it, a sentence and a next step.

A finding compares one figure with two cut-offs, ``warn_at`` and ``fail_at``;
a higher figure is always worse. Cut-offs are the larger of the policy value
(overridable through ``thresholds``) and the sampling noise expected between
two real samples of the same sizes, so that real held-out rows passed off as
synthetic do not fail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synthlab.errors import DataError, SpecError

VERDICTS = ("pass", "warn", "fail")
RISKS = ("distribution", "artifacts", "privacy", "bias")
POLICY = "the kit's own policy"

# Every cut-off the checks apply, by risk. ``check(thresholds=...)`` overrides
# any of them; the names are part of the API (the decision framework uses them).
THRESHOLDS: dict[str, dict[str, float]] = {
    "distribution": {
        "column_shape_warn": 0.10,  # worst column: KS statistic or total variation
        "column_shape_fail": 0.25,
        "pair_trend_warn": 0.15,  # worst pair: correlation change or contingency TVD
        "pair_trend_fail": 0.30,
        "detector_auc_warn": 0.75,  # ROC AUC of a real-vs-synthetic classifier
        "detector_auc_fail": 0.90,
        "utility_gap_warn": 0.05,  # TRTR score minus TSTR score on the holdout
        "utility_gap_fail": 0.15,
    },
    "artifacts": {
        "out_of_range_warn": 0.01,  # share of synthetic rows, worst column
        "out_of_range_fail": 0.05,
        "unseen_category_warn": 0.01,
        "unseen_category_fail": 0.05,
        "rule_violation_warn": 0.0,  # share of synthetic rows breaking a rule
        "rule_violation_fail": 0.01,
        "impossible_combination_warn": 0.05,  # excess over the real baseline
        "impossible_combination_fail": 0.20,
        "duplicate_excess_warn": 0.02,  # synthetic duplicate share minus real's
        "duplicate_excess_fail": 0.10,
        "off_grid_warn": 0.05,  # share of values off a small real value grid
        "off_grid_fail": 0.25,
        "spike_loss_warn": 0.25,  # share of a real spike that disappeared
        "spike_loss_fail": 0.50,
        "collapsed_category_warn": 0.01,  # real share of the largest collapsed category
        "collapsed_category_fail": 0.05,
    },
    "privacy": {
        "exact_copy_excess_warn": 0.005,  # training-row copies, minus holdout's rate
        "exact_copy_excess_fail": 0.01,
        "unique_copy_excess_warn": 0.002,  # copies of rows unique in training, same
        "unique_copy_excess_fail": 0.005,
        "near_copy_excess_warn": 0.05,  # near copies of training rows, minus holdout's
        "near_copy_excess_fail": 0.10,
        "closer_to_training_excess_warn": 0.05,  # beyond the n/(n+h) a new row shows
        "closer_to_training_excess_fail": 0.10,
        "membership_auc_warn": 0.55,  # distance attack's ROC AUC; 0.5 is no signal
        "membership_auc_fail": 0.60,
    },
    "bias": {
        "gap_change_warn": 0.25,  # relative change of the between-group gap
        "gap_change_fail": 0.50,
        "group_share_loss_warn": 0.25,  # share of a group's rows that disappeared
        "group_share_loss_fail": 0.50,
        "group_score_drop_warn": 0.05,  # a group's TSTR drop beyond the overall drop
        "group_score_drop_fail": 0.15,
        "min_group_rows": 30,  # smaller groups are reported, not judged
    },
}


def merge_thresholds(overrides: dict | None) -> dict[str, dict[str, float]]:
    """The default cut-offs with ``overrides`` applied; unknown names are refused."""
    merged = {risk: dict(values) for risk, values in THRESHOLDS.items()}
    for risk, values in (overrides or {}).items():
        if risk not in merged:
            raise SpecError(
                f"thresholds has a section {risk!r}; the sections are "
                f"{', '.join(RISKS)}."
            )
        if not isinstance(values, dict):
            raise SpecError(
                f"thresholds[{risk!r}] should be a dict of cut-offs such as "
                f"{{{next(iter(merged[risk]))!r}: 0.1}}; got {values!r}."
            )
        for name, value in values.items():
            if name not in merged[risk]:
                raise SpecError(
                    f"thresholds[{risk!r}] has no cut-off called {name!r}; the "
                    "cut-offs "
                    f"are: {', '.join(merged[risk])}."
                )
            if (
                not isinstance(value, (int, float))
                or isinstance(value, bool)
                or not math.isfinite(value)
            ):
                raise SpecError(
                    f"thresholds[{risk!r}][{name!r}] should be a number; got {value!r}."
                )
            merged[risk][name] = float(value)
    return merged


def worst(verdicts) -> str:
    """The worst of some verdicts (``pass`` when there are none)."""
    ranks = [VERDICTS.index(v) for v in verdicts]
    return VERDICTS[max(ranks, default=0)]


@dataclass
class Finding:
    """One figure judged against two cut-offs; a higher figure is worse."""

    name: str
    label: str
    value: float | None
    warn_at: float | None = None
    fail_at: float | None = None
    detail: str = ""
    source: str = POLICY
    verdict: str = ""

    def __post_init__(self) -> None:
        if self.verdict:
            return
        if self.value is None or (
            isinstance(self.value, float) and math.isnan(self.value)
        ):
            self.verdict = "pass"
        elif self.fail_at is not None and self.value > self.fail_at:
            self.verdict = "fail"
        elif self.warn_at is not None and self.value > self.warn_at:
            self.verdict = "warn"
        else:
            self.verdict = "pass"

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "value": _plain(self.value),
            "warn_at": _plain(self.warn_at),
            "fail_at": _plain(self.fail_at),
            "verdict": self.verdict,
            "detail": self.detail,
            "source": self.source,
        }


@dataclass
class Risk:
    """The result of one risk check."""

    name: str
    verdict: str
    sentence: str
    next_step: str
    findings: list[Finding] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    source: str = POLICY
    notes: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # arrays the plots draw, not exported

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "sentence": self.sentence,
            "next_step": self.next_step,
            "threshold_source": self.source,
            "figures": {k: _plain(v) for k, v in self.figures.items()},
            "findings": [f.to_dict() for f in self.findings],
            "thresholds": {
                f.name: {"warn_at": _plain(f.warn_at), "fail_at": _plain(f.fail_at)}
                for f in self.findings
            },
            "tables": {k: _frame_records(v) for k, v in self.tables.items()},
            "notes": list(self.notes),
        }


def _frame_records(frame: pd.DataFrame) -> list[dict]:
    return [
        {str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")
    ]


def _plain(value):
    """A JSON-ready version of a figure (numpy scalars, NaN, nested containers)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return None if math.isnan(value) or math.isinf(value) else round(value, 6)
    if value is pd.NA or value is pd.NaT:
        return None
    return value


# --- the prepared inputs -------------------------------------------------------


@dataclass
class Inputs:
    """Real, synthetic and holdout tables aligned to the same typed columns."""

    real: pd.DataFrame
    synthetic: pd.DataFrame
    holdout: pd.DataFrame | None
    kinds: dict[str, str]
    target: str | None
    sensitive: list[str]
    rules: list
    thresholds: dict
    seed: int = 0
    name: str = "table"
    excluded: list[str] = field(default_factory=list)
    datetimes: list[str] = field(default_factory=list)
    cache: dict = field(default_factory=dict)

    @property
    def numerical(self) -> list[str]:
        return [c for c, k in self.kinds.items() if k == "numerical"]

    @property
    def categorical(self) -> list[str]:
        return [c for c, k in self.kinds.items() if k == "categorical"]

    def metadata(self) -> dict:
        """SDV-style single-table metadata for the checked columns."""
        return {"columns": {c: {"sdtype": k} for c, k in self.kinds.items()}}


SDTYPE_KINDS = {
    "numerical": "numerical",
    "datetime": "numerical",
    "categorical": "categorical",
    "boolean": "categorical",
}
MAX_CATEGORICAL_INTEGER_VALUES = 10


def infer_kinds(frame: pd.DataFrame) -> dict[str, str]:
    """Numerical or categorical for each column of a plain DataFrame."""
    kinds = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values) or not (
            pd.api.types.is_numeric_dtype(values)
            or pd.api.types.is_datetime64_any_dtype(values)
        ):
            kinds[column] = "categorical"
            continue
        if pd.api.types.is_datetime64_any_dtype(values):
            kinds[column] = "numerical"
            continue
        present = values.dropna()
        integral = bool((present % 1 == 0).all())
        few = present.nunique() <= MAX_CATEGORICAL_INTEGER_VALUES
        kinds[column] = "categorical" if integral and few else "numerical"
    return kinds


def _category_key(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return np.nan
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return str(value).strip()


def align(
    frame: pd.DataFrame, kinds: dict[str, str], datetimes: list[str], role: str
) -> pd.DataFrame:
    """The columns of ``kinds`` from ``frame``, as floats or category strings."""
    out = {}
    for column, kind in kinds.items():
        values = frame[column].reset_index(drop=True)
        if column in datetimes:
            parsed = pd.to_datetime(values, errors="coerce")
            bad = parsed.isna() & values.notna()
            if bad.any():
                example = values[bad].iloc[0]
                raise DataError(
                    f"The {role} column {column!r} should hold dates like the real "
                    "one, "
                    f"but has {int(bad.sum())} values that are not dates, such as "
                    f"{example!r}. Fix or empty those cells."
                )
            seconds = parsed.astype("int64").astype(float) / 1e9
            out[column] = seconds.where(parsed.notna())
        elif kind == "numerical":
            numbers = pd.to_numeric(values, errors="coerce")
            bad = numbers.isna() & values.notna()
            if bad.any():
                example = values[bad].iloc[0]
                raise DataError(
                    f"The {role} column {column!r} should hold numbers like the real "
                    "one, "
                    f"but has {int(bad.sum())} non-numeric values such as {example!r}. "
                    "Fix those cells, or leave them empty for a missing value."
                )
            out[column] = numbers.astype(float)
        else:
            out[column] = values.map(_category_key).astype(object)
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def prepare(
    real,
    synthetic,
    holdout=None,
    target=None,
    sensitive=None,
    rules=None,
    thresholds=None,
    seed=0,
) -> Inputs:
    """Check the inputs and align them; raise ``DataError`` saying what is wrong."""
    from synthlab.datasets import Dataset
    from synthlab.rules import parse_all

    name, identifiers, dataset_rules, dataset_kinds = "table", [], [], None
    if isinstance(real, Dataset):
        name = real.name
        target = real.target if target is None else target
        sensitive = real.sensitive if sensitive is None else sensitive
        dataset_rules = list(real.rules)
        identifiers = [
            c
            for c, t in real.sdtypes.items()
            if c in real.identifiers or t not in SDTYPE_KINDS
        ]
        identifiers += [c for c in real.identifiers if c not in identifiers]
        dataset_kinds = {
            c: SDTYPE_KINDS[t]
            for c, t in real.sdtypes.items()
            if c not in identifiers and c in real.data.columns
        }
        datetimes = [c for c, t in real.sdtypes.items() if t == "datetime"]
        real = real.data
    if not isinstance(real, pd.DataFrame):
        raise DataError(
            f"real should be a synthlab Dataset or a pandas DataFrame; got "
            f"{type(real).__name__}."
        )
    if rules is None:
        rules = dataset_rules
    sensitive = _as_list(sensitive)

    for role, frame in (("synthetic", synthetic), ("holdout", holdout)):
        if frame is None and role == "holdout":
            continue
        if not isinstance(frame, pd.DataFrame):
            raise DataError(
                f"{role} should be a pandas DataFrame with the real table's columns; "
                f"got {type(frame).__name__}."
            )
    for role, frame in (("real", real), ("synthetic", synthetic), ("holdout", holdout)):
        if frame is not None and len(frame) == 0:
            raise DataError(f"The {role} table has no rows; there is nothing to check.")
        if frame is not None and frame.columns.duplicated().any():
            repeated = frame.columns[frame.columns.duplicated()][0]
            raise DataError(f"The {role} table has the column {repeated!r} twice.")

    if dataset_kinds is None:
        from synthlab.datasets import _identifier_kind

        identifiers = [
            c
            for c in real.columns
            if c not in (target, *sensitive)
            and _identifier_kind(str(c), real[c]) is not None
        ]
        kinds = infer_kinds(real.drop(columns=identifiers))
        datetimes = [c for c in kinds if pd.api.types.is_datetime64_any_dtype(real[c])]
    else:
        kinds = dataset_kinds
    if not kinds:
        raise DataError("The real table has no column to check besides identifiers.")
    for role, frame in (("synthetic", synthetic), ("holdout", holdout)):
        if frame is None:
            continue
        missing = [c for c in kinds if c not in frame.columns]
        extra = [c for c in frame.columns if c not in kinds and c not in identifiers]
        expected = ", ".join(map(str, kinds))
        if missing:
            raise DataError(
                f"The {role} table lacks {len(missing)} of the real table's columns, "
                f"such as {missing[0]!r}. Expected the columns: {expected}. "
                f"Generate or export the {role} table with the same columns as the "
                "real one."
            )
        if extra:
            raise DataError(
                f"The {role} table has {len(extra)} columns the real table does not "
                f"have, such as {extra[0]!r}. Expected the columns: {expected}. "
                "Check that both files describe the same table."
            )
    for role, wanted in (
        ("target", [target] if target else []),
        ("sensitive", sensitive),
    ):
        for column in wanted:
            if column not in real.columns:
                raise DataError(
                    f"The {role} column {column!r} is not in the real table. Its "
                    "columns "
                    f"are: {', '.join(map(str, real.columns))}."
                )
            if column not in kinds:
                raise DataError(
                    f"The {role} column {column!r} holds personal identifiers, which "
                    "no "
                    "check reads. Choose another column."
                )

    if target is not None and real[target].nunique(dropna=True) < 2:
        raise DataError(
            f"The target column {target!r} has a single value in the real table; a "
            "target needs at least two classes or values. Pass another target, or none."
        )
    merged = merge_thresholds(thresholds)
    parsed = parse_all(rules)
    for rule in parsed:
        for column in rule.columns:
            if column not in kinds:
                raise SpecError(
                    f"The rule {rule.text!r} reads column {column!r}, which the real "
                    "table "
                    f"does not have. Its columns are: {', '.join(map(str, kinds))}."
                )
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise SpecError(f"seed should be an integer; got {seed!r}.")

    return Inputs(
        real=align(real, kinds, datetimes, "real"),
        synthetic=align(synthetic, kinds, datetimes, "synthetic"),
        holdout=None
        if holdout is None
        else align(holdout, kinds, datetimes, "holdout"),
        kinds=kinds,
        target=target,
        sensitive=sensitive,
        rules=parsed,
        thresholds=merged,
        seed=int(seed),
        name=name,
        excluded=identifiers,
        datetimes=datetimes,
    )


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


# --- encodings and noise floors shared by the checks ---------------------------


def category_codes(columns: list[pd.Series]) -> tuple[list[np.ndarray], list]:
    """Integer codes for the same column in several tables, over their union.

    Missing values get a code of their own (the last one).
    """
    levels = pd.Index(pd.concat(columns, ignore_index=True).dropna().unique())
    levels = levels.sort_values() if len(levels) else levels
    codes = []
    for series in columns:
        code = levels.get_indexer(series)
        code = np.where(code < 0, len(levels), code)
        codes.append(code.astype(np.int64))
    return codes, list(levels)


def ks_floor(n: int, m: int, alpha: float = 0.001) -> float:
    """The two-sample KS statistic that chance exceeds with probability ``alpha``."""
    c = math.sqrt(-math.log(alpha / 2) / 2)
    return c * math.sqrt((n + m) / (n * m))


def tvd_noise(p: np.ndarray, n: int, m: int) -> float:
    """Expected total variation distance between two samples (sizes n, m) of ``p``."""
    p = np.asarray(p, dtype=float)
    sd = np.sqrt(p * (1 - p) * (1 / n + 1 / m))
    return float(0.5 * np.sum(sd) * math.sqrt(2 / math.pi))


def share_sd(p: float, n: int, m: int) -> float:
    """Standard deviation of the difference of two shares of a rate ``p``."""
    p = min(max(p, 1 / max(n, m)), 1 - 1 / max(n, m))
    return math.sqrt(p * (1 - p) * (1 / n + 1 / m))


def auc_sd(n_pos: int, n_neg: int) -> float:
    """Standard deviation of a ROC AUC of 0.5 with these class sizes."""
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return math.sqrt((n_pos + n_neg + 1) / (12 * n_pos * n_neg))


def pct(value: float | None, digits: int = 1) -> str:
    """A share as a percentage for sentences: 0.1234 -> '12.3%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{100 * value:.{digits}f}%"
