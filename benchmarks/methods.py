"""Fit time, sample time and quality of each method on each shipped table, side by side.

    .venv/bin/python benchmarks/methods.py [--methods ctgan tvae] [--rows 1000]

The SDV methods (gaussian_copula, ctgan, tvae) are timed in two parts, fit and
sample, through ``synthlab.methods.fit``. rules, smote and llm run in one step,
shown as fit time with no separate sample time. Each method makes as many rows
as the table has, up to ``--rows``; the shuttle table (49,097 rows) is first cut
to a seeded sample of 5,000 rows. Quality is SDMetrics' quality score; for smote,
against the real rows of the class it grows. Timings include the first import of
SDV and torch in the process for whichever method meets them first, so read the
first column with that in mind (or run with ``--warm`` to import both first).
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import pandas as pd

import synthlab
from synthlab.methods import FITTABLE, METHODS
from synthlab.methods.scorecard import quality

LARGE_TABLE_ROWS = 5_000


def load(name: str, seed: int = 0):
    dataset = synthlab.datasets.load(name)
    if len(dataset.data) > LARGE_TABLE_ROWS:
        sample = dataset.data.sample(LARGE_TABLE_ROWS, random_state=seed).reset_index(
            drop=True
        )
        dataset = dataclasses.replace(dataset, data=sample)
    return dataset


def measure(dataset, method: str, n_rows: int, seed: int, preset: str) -> dict:
    if method == "smote" and dataset.target is None:
        return {"fit s": None, "sample s": None, "quality": None, "note": "no target"}
    started = time.perf_counter()
    sample_seconds = None
    if method in FITTABLE:
        fitted = synthlab.methods.fit(dataset, method, seed=seed, preset=preset)
        fit_seconds = time.perf_counter() - started
        started = time.perf_counter()
        synthetic = fitted.sample(n_rows)
        sample_seconds = time.perf_counter() - started
    else:
        options = {"preset": preset} if method == "llm" else {}
        synthetic = synthlab.generate(dataset, method, n_rows, seed=seed, **options)
        fit_seconds = time.perf_counter() - started
    real = dataset.data
    if method == "smote":
        real = real[real[dataset.target] == synthetic[dataset.target].iloc[0]]
    rejected = synthetic.attrs.get("rejected")
    return {
        "fit s": fit_seconds,
        "sample s": sample_seconds,
        "quality": quality(dataset, real, synthetic),
        "note": f"{len(rejected)} rejected" if rejected is not None else "",
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=synthlab.datasets.names())
    parser.add_argument("--methods", nargs="+", default=list(METHODS))
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--preset", default="quick", choices=("quick", "thorough"))
    parser.add_argument(
        "--warm", action="store_true", help="import SDV and torch first"
    )
    args = parser.parse_args(argv)
    if args.warm:
        import sdv.single_table  # noqa: F401
        import torch  # noqa: F401

    rows = []
    for name in args.datasets:
        dataset = load(name, args.seed)
        n_rows = min(len(dataset.data), args.rows)
        for method in args.methods:
            result = measure(dataset, method, n_rows, args.seed, args.preset)
            rows.append({"dataset": name, "method": method, **result})
            print(f"  {name:16} {method:16} done", flush=True)
    table = pd.DataFrame(rows)

    print(
        f"\n{args.preset} presets, seed {args.seed}, up to {args.rows} rows per table; "
        f"shuttle cut to a seeded sample of {LARGE_TABLE_ROWS:,} rows\n"
    )
    for value, digits in (("fit s", 1), ("sample s", 2), ("quality", 2)):
        wide = table.pivot(index="method", columns="dataset", values=value)
        wide = wide.reindex(index=args.methods, columns=args.datasets)
        print(f"{value}:")
        print(wide.round(digits).to_string(na_rep="-"))
        print()
    notes = table[table.note != ""]
    if len(notes):
        print("notes:")
        for row in notes.itertuples():
            print(f"  {row.dataset} / {row.method}: {row.note}")


if __name__ == "__main__":
    main()
