"""The risk checks' figures and times, side by side with SDMetrics.

    .venv/bin/python benchmarks/checks.py

1. Distance to closest record on actg175 (training part, a Gaussian-copula
   table and the holdout): the kit's exact vectorised DCR against SDMetrics'
   ``calculate_dcr`` and ``DCROverfittingProtection`` on the same rows, with
   both times. SDMetrics runs on a size it can handle here.
2. All four checks at 10,000 rows of real, holdout and synthetic data, on two
   tables: shuttle (sensor numbers) and an actg175-shaped table (27 mixed
   columns; its three parts are drawn from one Gaussian copula so that all
   three have 10,000 rows).

Times depend on the machine and its load; nothing here is a test.
"""

from __future__ import annotations

import dataclasses
import time
import warnings

import numpy as np

import synthlab
from synthlab.checks import privacy
from synthlab.checks._common import prepare


def dcr_side_by_side(synthetic_rows: int = 1000) -> None:
    from sdmetrics.single_table import DCROverfittingProtection
    from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

    dataset = synthlab.datasets.load("actg175")
    train, holdout = dataset.split(holdout=0.3, seed=0)
    training = dataclasses.replace(dataset, data=train)
    synthetic = synthlab.generate(training, "gaussian_copula", synthetic_rows, seed=0)
    inputs = prepare(training, synthetic, holdout)
    metadata = {"columns": {c: {"sdtype": k} for c, k in inputs.kinds.items()}}

    start = time.perf_counter()
    ours, _ = privacy.dcr(inputs.synthetic, inputs.real, inputs.kinds)
    ours_seconds = time.perf_counter() - start
    start = time.perf_counter()
    theirs = calculate_dcr(inputs.synthetic, inputs.real, metadata).to_numpy()
    theirs_seconds = time.perf_counter() - start

    start = time.perf_counter()
    figures = privacy.run(inputs).figures
    ours_all = time.perf_counter() - start
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Your real_validation_data contains")
        breakdown = DCROverfittingProtection.compute_breakdown(
            inputs.real, inputs.synthetic, inputs.holdout, metadata, None
        )
    theirs_all = time.perf_counter() - start

    print(
        f"DCR on actg175: {len(inputs.synthetic):,} synthetic x {len(inputs.real):,} "
        f"training rows, {len(inputs.kinds)} columns"
    )
    print(
        "  largest difference, kit vs SDMetrics ........ "
        f"{np.abs(ours - theirs).max():.1e}"
    )
    print(
        f"  median DCR ................. kit {np.median(ours):.6f}   "
        f"SDMetrics {np.median(theirs):.6f}"
    )
    print(
        f"  one DCR pass ............... kit {ours_seconds:6.2f} s   "
        f"SDMetrics {theirs_seconds:6.2f} s"
    )
    closer = breakdown["synthetic_data_percentages"]["closer_to_training"]
    print(
        "  closer_to_training_share ... kit "
        f"{figures['closer_to_training_share']:.6f}   "
        f"SDMetrics {closer:.6f}"
    )
    print(
        "  DCROverfittingProtection ... kit "
        f"{figures['dcr_overfitting_protection']:.6f}   "
        f"SDMetrics {breakdown['score']:.6f}"
    )
    print(
        f"  whole privacy check (kit, 4 exact passes and copies) {ours_all:6.2f} s; "
        f"SDMetrics' metric alone {theirs_all:6.2f} s"
    )
    print(
        f"  same-scale closer share (the kit's verdict) "
        f"{figures['closer_to_training_same_scale']:.4f}, expected "
        f"{figures['closer_to_training_expected']:.4f}"
    )


def timed_check(label: str, real, synthetic, holdout) -> None:
    start = time.perf_counter()
    report = synthlab.check(real, synthetic, holdout=holdout)
    total = time.perf_counter() - start
    parts = ", ".join(
        f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items()
    )
    print(
        f"{label}: {len(synthetic):,} synthetic, {len(holdout):,} holdout, "
        f"{report.inputs['columns']} columns: {total:.1f} s in all ({parts})"
    )
    print(f"  verdicts: {report.verdicts}")


def ten_thousand() -> None:
    shuttle = synthlab.datasets.load("shuttle")
    order = np.random.default_rng(0).permutation(len(shuttle.data))
    real = dataclasses.replace(shuttle, data=shuttle.data.iloc[np.sort(order[:10_000])])
    holdout = shuttle.data.iloc[np.sort(order[10_000:20_000])]
    synthetic = synthlab.generate(real, "gaussian_copula", 10_000, seed=0)
    timed_check("shuttle at 10k", real, synthetic, holdout)

    actg = synthlab.datasets.load("actg175")
    rows = synthlab.generate(actg, "gaussian_copula", 30_000, seed=1)
    rows = rows.sample(
        frac=1.0, random_state=0, ignore_index=True
    )  # rows come in batches
    real = dataclasses.replace(actg, data=rows.iloc[:10_000])
    timed_check(
        "actg175-shaped at 10k", real, rows.iloc[10_000:20_000], rows.iloc[20_000:]
    )


if __name__ == "__main__":
    dcr_side_by_side()
    print()
    ten_thousand()
