"""Privacy leakage: does the synthetic table give away the rows it learned from?

Always judged against the holdout: real rows the generator never saw. Real
tables have natural twins (two patients with the same answers), so a raw count
of copies misleads; each figure is set against what the holdout's own rows show.

* exact copies: synthetic rows equal to a training row, against the share of
  holdout rows equal to a training row;
* copies of training rows that are unique in the training data (the ones that
  single a person out), against the same share for the holdout;
* distance to closest record (DCR), as SDMetrics defines it: for each
  numerical column the absolute difference divided by the reference column's
  range and capped at 1 (a column with a single value counts any difference as
  1), for each categorical column 0 if equal and 1 if not (missing equals
  missing), the mean over columns, and the minimum over every reference row.
  It is computed exactly, over all real rows (subsampling the real side hides
  memorised rows), vectorised in chunks;
* near copies: synthetic rows closer to a training row than 95% of the holdout
  rows are (positive distances only; exact copies are counted above);
* ``closer_to_training_share``: the share of synthetic rows closer to the
  training rows than to the holdout rows, the figure in SDMetrics'
  DCROverfittingProtection breakdown. A row that leaks nothing has its nearest
  real row in training with probability n / (n + h) (training and holdout rows
  are exchangeable), so that, not 0.5, is the baseline; the verdict measures
  both distances on the training ranges (SDMetrics scales each by its own
  reference);
* a membership-inference attack: guess that a real row was in training when a
  synthetic row lies close to it; the attack's ROC AUC is 0.5 when the
  synthetic rows carry no trace of who was in training.

What these tests cannot prove: passing them does not make a table anonymous.
Distance tests can pass while targeted attacks (singling out, linkage,
attribute inference) succeed, especially on outliers; formal protection comes
only from how the data is generated (differential privacy).
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from synthlab.checks._common import POLICY, Finding, Inputs, Risk, pct, share_sd, worst

SOURCE = (
    "DCR and closer-to-training share as defined in SDMetrics' "
    "DCROverfittingProtection (docs.sdv.dev/sdmetrics); exact copies and the "
    f"attack against the holdout as in Anonymeter's control set; cut-offs: {POLICY}"
)
CANNOT_PROVE = (
    "These tests find copies and near copies; passing them does not prove "
    "the table is anonymous: distance tests can pass while targeted attacks "
    "(singling out, linkage, inference) succeed."
)
NAN_SENTINEL = np.float32(1e30)
MAX_CELLS_PER_CHUNK = 250_000  # keeps each chunk's buffers in the CPU cache
ONE_HOT_MAX_LEVELS = 2000
NEAR_QUANTILE = 0.05


def _encode(
    dataset: pd.DataFrame,
    reference: pd.DataFrame,
    kinds: dict[str, str],
    scale_from: pd.DataFrame,
):
    """Scaled numerical blocks and categorical codes for the distance loops."""
    numerical = [c for c, k in kinds.items() if k == "numerical"]
    categorical = [c for c, k in kinds.items() if k == "categorical"]
    num_d = np.empty((len(dataset), len(numerical)), dtype=np.float32)
    num_r = np.empty((len(reference), len(numerical)), dtype=np.float32)
    exact = []  # float64 scaled columns, for the exact re-computation
    capped = np.zeros(len(numerical), dtype=bool)
    for j, column in enumerate(numerical):
        base = scale_from[column].to_numpy(dtype=float)
        low, high = (
            np.nanmin(base) if np.isfinite(base).any() else 0.0,
            np.nanmax(base) if np.isfinite(base).any() else 0.0,
        )
        span = high - low
        factor = 1.0 / span if span > 0 else 1e6  # any difference counts as 1
        d = (dataset[column].to_numpy(dtype=float) - low) * factor
        r = (reference[column].to_numpy(dtype=float) - low) * factor
        exact.append((d, r))
        capped[j] = (
            span <= 0
            or np.isnan(d).any()
            or np.isnan(r).any()
            or np.nanmin(d, initial=0) < 0
            or np.nanmax(d, initial=0) > 1
            or np.nanmin(r, initial=0) < 0
            or np.nanmax(r, initial=0) > 1
        )
        num_d[:, j] = np.where(np.isnan(d), NAN_SENTINEL, d)
        num_r[:, j] = np.where(np.isnan(r), NAN_SENTINEL, r)
    one_hot_d, one_hot_r, codes, cat_codes = [], [], [], []
    for column in categorical:
        both = pd.concat([dataset[column], reference[column]], ignore_index=True)
        code, levels = pd.factorize(both, use_na_sentinel=False)
        cat_codes.append(code)
        cd, cr = code[: len(dataset)], code[len(dataset) :]
        if len(levels) <= ONE_HOT_MAX_LEVELS:
            eye = np.eye(len(levels), dtype=np.float32)
            one_hot_d.append(eye[cd])
            one_hot_r.append(eye[cr])
        else:
            codes.append((cd, cr))
    one_hot = (
        (np.hstack(one_hot_d), np.hstack(one_hot_r).T.copy()) if one_hot_d else None
    )
    return {
        "num": (num_d, num_r),
        "capped": capped,
        "one_hot": one_hot,
        "codes": codes,
        "exact": exact,
        "cat_codes": cat_codes,
        "n_columns": len(kinds),
        "n_data": len(dataset),
    }


def _chunk(encoded, start: int, stop: int):
    num_d, num_r = encoded["num"]
    rows = stop - start
    total = np.zeros((rows, num_r.shape[0]), dtype=np.float32)
    buffer = np.empty_like(total)
    for j in range(num_d.shape[1]):
        np.subtract(num_d[start:stop, j, None], num_r[None, :, j], out=buffer)
        np.abs(buffer, out=buffer)
        if encoded["capped"][j]:
            np.minimum(buffer, 1.0, out=buffer)
        total += buffer
    if encoded["one_hot"] is not None:
        left, right = encoded["one_hot"]
        n_one_hot = len(encoded["cat_codes"]) - len(encoded["codes"])
        total += n_one_hot - left[start:stop] @ right
    for cd, cr in encoded["codes"]:
        total += cd[start:stop, None] != cr[None, :]
    return start, total.min(axis=1), total.argmin(axis=1), total.min(axis=0)


def dcr(
    dataset: pd.DataFrame,
    reference: pd.DataFrame,
    kinds: dict[str, str],
    scale_from: pd.DataFrame | None = None,
    workers: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Distance to closest record of each row of ``dataset`` among ``reference``.

    The definition is SDMetrics' (``calculate_dcr``): numerical differences
    divided by the range of the column in ``scale_from`` (by default the
    reference, as SDMetrics does) and capped at 1, categories 0 or 1, missing
    equal to missing, the mean over columns, the minimum over all reference
    rows. Exact: every pair of rows is compared, in chunks, on up to two
    threads; the closest pair found is re-measured in float64.

    Returns the distance of each dataset row to its closest reference row, and
    the distance of each reference row to its closest dataset row.

    >>> real = pd.DataFrame({"age": [20.0, 40.0, 60.0], "sex": ["f", "m", "f"]})
    >>> fake = pd.DataFrame({"age": [20.0, 50.0], "sex": ["m", "f"]})
    >>> to_real, _ = dcr(fake, real, {"age": "numerical", "sex": "categorical"})
    >>> to_real.round(3).tolist()
    [0.25, 0.125]
    """
    scale_from = reference if scale_from is None else scale_from
    encoded = _encode(dataset, reference, kinds, scale_from)
    n, width = len(dataset), max(len(reference), 1)
    step = max(1, min(1000, MAX_CELLS_PER_CHUNK // width))
    starts = [(s, min(s + step, n)) for s in range(0, n, step)]
    workers = workers or 1
    nearest = np.empty(n, dtype=np.int64)
    column_min = np.full(len(reference), np.inf, dtype=np.float32)
    if workers > 1 and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(lambda bounds: _chunk(encoded, *bounds), starts))
    else:
        parts = [_chunk(encoded, *bounds) for bounds in starts]
    for start, _, arg, col in parts:
        nearest[start : start + len(arg)] = arg
        np.minimum(column_min, col, out=column_min)
    distances = _exact(encoded, nearest)
    return distances, column_min.astype(float) / encoded["n_columns"]


def _exact(encoded, nearest: np.ndarray) -> np.ndarray:
    """The float64 distance between each dataset row and the reference row chosen."""
    total = np.zeros(len(nearest))
    for (d, r), capped in zip(encoded["exact"], encoded["capped"]):
        other = r[nearest]
        diff = np.abs(d - other)
        diff = np.minimum(diff, 1.0) if capped else diff
        diff = np.where(
            np.isnan(d) & np.isnan(other),
            0.0,
            np.where(np.isnan(d) | np.isnan(other), 1.0, diff),
        )
        total += diff
    n = encoded["n_data"]
    for code in encoded["cat_codes"]:
        total += code[:n] != code[n:][nearest]
    return total / encoded["n_columns"]


def _row_hashes(frame: pd.DataFrame) -> np.ndarray:
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def copies(inputs: Inputs) -> dict:
    """Exact copies of training rows in the synthetic table and in the holdout."""
    train = pd.Series(_row_hashes(inputs.real)).value_counts()
    unique = set(train.index[train.to_numpy() == 1])
    train_set = set(train.index)
    result = {}
    for role, frame in (("synthetic", inputs.synthetic), ("holdout", inputs.holdout)):
        if frame is None:
            continue
        hashes = _row_hashes(frame)
        copied = np.fromiter((h in train_set for h in hashes), bool, len(hashes))
        copied_unique = np.fromiter((h in unique for h in hashes), bool, len(hashes))
        result[role] = {
            "copy_share": float(copied.mean()),
            "unique_copy_share": float(copied_unique.mean()),
            "copied_rows": int(copied.sum()),
            "unique_copied_rows": int(copied_unique.sum()),
        }
    return result


def _auc(members: np.ndarray, others: np.ndarray) -> float:
    """ROC AUC of a score that should be higher for members (ties count half)."""
    from scipy.stats import rankdata

    ranks = rankdata(np.r_[members, others])
    n1, n0 = len(members), len(others)
    return float((ranks[:n1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def run(inputs: Inputs) -> Risk:
    """The privacy check."""
    limits = inputs.thresholds["privacy"]
    findings, figures, notes, data = [], {}, [CANNOT_PROVE], {}
    real, synthetic, holdout = inputs.real, inputs.synthetic, inputs.holdout
    m = len(synthetic)

    found = copies(inputs)
    figures["exact_copy_share"] = found["synthetic"]["copy_share"]
    figures["unique_copy_share"] = found["synthetic"]["unique_copy_share"]
    to_train, train_to_synthetic = dcr(synthetic, real, inputs.kinds)
    data["dcr_synthetic_to_training"] = to_train
    figures.update(
        {
            f"dcr_synthetic_q{q:02d}": float(np.quantile(to_train, q / 100))
            for q in (1, 5, 50)
        }
    )

    if holdout is None:
        figures["closer_to_training_share"] = None
        sentence = (
            "No holdout was given, so leakage cannot be judged: "
            f"{pct(figures['exact_copy_share'])} of synthetic rows equal a real "
            "row, but without real rows the generator never saw there is no "
            "telling natural twins from copies."
        )
        next_step = (
            "Split the real data before generating (Dataset.split), generate "
            "from the training part only, and pass the rest as holdout."
        )
        findings.append(
            Finding(
                "holdout_needed",
                "a holdout to compare with",
                None,
                detail="no holdout given",
                verdict="warn",
            )
        )
        return Risk(
            "privacy",
            "warn",
            sentence,
            next_step,
            findings,
            figures,
            {},
            source=SOURCE,
            notes=notes,
            data=data,
        )

    h, n = len(holdout), len(real)
    base = found["holdout"]
    figures.update(
        holdout_copy_share=base["copy_share"],
        holdout_unique_copy_share=base["unique_copy_share"],
    )
    excess = found["synthetic"]["copy_share"] - base["copy_share"]
    chance = 3 * share_sd(base["copy_share"], m, h)
    findings.append(
        Finding(
            "exact_copy_excess",
            "exact copies of training rows (beyond the holdout's rate)",
            excess,
            max(limits["exact_copy_excess_warn"], chance),
            max(limits["exact_copy_excess_fail"], chance),
            detail=f"{found['synthetic']['copied_rows']:,} synthetic rows "
            f"({pct(found['synthetic']['copy_share'])}) equal a training row; "
            f"{pct(base['copy_share'])} of holdout rows do too",
            source=SOURCE,
        )
    )
    excess = found["synthetic"]["unique_copy_share"] - base["unique_copy_share"]
    chance = 3 * share_sd(base["unique_copy_share"], m, h)
    findings.append(
        Finding(
            "unique_copy_excess",
            "copies of rows unique in training (beyond the holdout's rate)",
            excess,
            max(limits["unique_copy_excess_warn"], chance),
            max(limits["unique_copy_excess_fail"], chance),
            detail=f"{found['synthetic']['unique_copied_rows']:,} synthetic rows "
            "copy a one-of-a-kind training row; "
            f"{pct(base['unique_copy_share'])} of holdout rows match one",
            source=SOURCE,
        )
    )

    to_holdout, _ = dcr(synthetic, holdout, inputs.kinds)
    holdout_to_train, _ = dcr(holdout, real, inputs.kinds)
    data.update(
        dcr_synthetic_to_holdout=to_holdout, dcr_holdout_to_training=holdout_to_train
    )
    figures.update(
        {
            f"dcr_holdout_q{q:02d}": float(np.quantile(holdout_to_train, q / 100))
            for q in (1, 5, 50)
        }
    )

    positive = holdout_to_train[holdout_to_train > 0]
    cut = float(np.quantile(positive, NEAR_QUANTILE)) if len(positive) else 0.0
    near = float(((to_train > 0) & (to_train < cut)).mean())
    near_base = float(((holdout_to_train > 0) & (holdout_to_train < cut)).mean())
    chance = 4 * share_sd(max(near_base, NEAR_QUANTILE), m, h)
    figures.update(
        near_copy_share=near, holdout_near_copy_share=near_base, near_copy_distance=cut
    )
    findings.append(
        Finding(
            "near_copy_excess",
            "near copies of training rows (beyond the holdout's rate)",
            near - near_base,
            max(limits["near_copy_excess_warn"], chance),
            max(limits["near_copy_excess_fail"], chance),
            detail=f"{pct(near)} of synthetic rows lie closer to a training row than "
                   "95% of "
            f"holdout rows do (DCR below {cut:.3f}); holdout: {pct(near_base)}",
            source=SOURCE,
        )
    )

    # SDMetrics' figure scales each distance by its own reference (training or
    # holdout); the verdict scales both by the training ranges, so that a holdout
    # with a narrower range does not make rows look closer to training.
    closer = float((to_train < to_holdout).mean())
    to_holdout_same_scale, holdout_to_synthetic = dcr(
        synthetic, holdout, inputs.kinds, scale_from=real
    )
    closer_same = float((to_train < to_holdout_same_scale).mean())
    ties = float((to_train == to_holdout_same_scale).mean())
    expected = n / (n + h)
    figures.update(
        closer_to_training_share=closer,
        closer_to_training_expected=expected,
        closer_to_training_same_scale=closer_same,
        dcr_overfitting_protection=min((1 - closer) * 2, 1.0),
    )
    chance = 3 * math.sqrt(expected * (1 - expected) / m)
    findings.append(
        Finding(
            "closer_to_training_excess",
            "synthetic rows closer to training than to holdout (beyond n/(n+h))",
            closer_same + ties / 2 - expected,
            max(limits["closer_to_training_excess_warn"], chance),
            max(limits["closer_to_training_excess_fail"], chance),
            detail=f"{pct(closer_same)} closer to training (ties {pct(ties)}); a row "
                   "that "
            f"leaks nothing would be closer with probability {pct(expected)}",
            source=SOURCE,
        )
    )

    auc = _auc(-train_to_synthetic, -holdout_to_synthetic)
    figures["membership_auc"] = auc
    chance = 3 * math.sqrt((n + h + 1) / (12 * n * h))
    findings.append(
        Finding(
            "membership_auc",
            "membership attack (ROC AUC)",
            auc,
            max(limits["membership_auc_warn"], 0.5 + chance),
            max(limits["membership_auc_fail"], 0.5 + 1.5 * chance),
            detail="guessing 'in training' for real rows with a synthetic row close "
            "by; 0.5 means no better than a coin",
            source=SOURCE,
        )
    )

    verdict = worst(f.verdict for f in findings)
    sentence, next_step = _explain(verdict, findings)
    return Risk(
        "privacy",
        verdict,
        sentence,
        next_step,
        findings,
        figures,
        {},
        source=SOURCE,
        notes=notes,
        data=data,
    )


NEXT_STEPS = {
    "exact_copy_excess": "Remove synthetic rows that equal training rows, then find "
                         "out "
    "why the method copies (overfitting: fewer epochs, a simpler "
    "method, or differential privacy).",
    "unique_copy_excess": "Treat the table as personal data: remove the copied rows "
                          "and "
    "review the method before sharing anything.",
    "near_copy_excess": "Inspect the closest synthetic rows next to their training "
                        "rows; "
    "a method that memorises needs regularising or differential "
    "privacy.",
    "closer_to_training_excess": "The method has overfit its training rows: train "
                                 "less, "
    "choose a simpler method, or add differential privacy.",
    "membership_auc": "Someone could tell who was in the training data: do not share "
                      "the "
    "table outside the team without a privacy review.",
}


def _explain(verdict: str, findings: list[Finding]) -> tuple[str, str]:
    if verdict == "pass":
        return (
            "No sign of copying: the synthetic rows are no closer to the training "
            "rows than real rows the generator never saw. This does not prove the "
            "table anonymous.",
            "Keep the holdout comparison in every release; for formal protection use "
            "a method with differential privacy.",
        )
    bad = [f for f in findings if f.verdict == verdict]
    first = bad[0]
    level = "leaks training rows" if verdict == "fail" else "may leak training rows"
    sentence = f"The synthetic table {level}: {first.detail}."
    if len(bad) > 1:
        sentence += " Also: " + ", ".join(f.label for f in bad[1:]) + "."
    return sentence, NEXT_STEPS[first.name]
