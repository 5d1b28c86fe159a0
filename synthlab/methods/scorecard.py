"""Comparing methods on one table: one scorecard, and a rare-class test.

``score`` runs one method and measures what a product manager asks first:
how long it took, how close the result is (SDMetrics' quality score), how many
rows were rejected on the way, and how a rare category fared. ``scorecard``
does that for several methods. Timings are returned as their own columns so a
notebook can show them live and store only the rest.

``rare_recall`` trains one classifier on real training rows, alone or grown by
each method's rare-class rows, and scores its recall of the rare class on real
held-out rows.
"""

from __future__ import annotations

import time

import pandas as pd

from synthlab.datasets import Dataset
from synthlab.methods._common import modelled_part

TIMING_COLUMNS = ("fit and sample seconds",)


def quality(dataset: Dataset, real: pd.DataFrame, synthetic: pd.DataFrame) -> float:
    """SDMetrics' quality score (column shapes and column pairs), from 0 to 1."""
    from sdv.evaluation import evaluate_quality
    from sdv.metadata import Metadata

    from synthlab import _env

    real_part, metadata = modelled_part(
        Dataset(
            name=dataset.name,
            data=real,
            metadata_dict=dataset.metadata_dict,
            identifiers=dataset.identifiers,
        )
    )
    columns = [c for c in real_part.columns if c in synthetic.columns]
    with _env.third_party_fit(0):
        report = evaluate_quality(
            real_part[columns],
            synthetic[columns],
            Metadata.load_from_dict(metadata),
            verbose=False,
        )
    return float(report.get_score())


def rare_category(dataset: Dataset, column: str | None = None):
    """The column and value of the rarest category, by default of the target."""
    column = column or dataset.target
    if column is None:
        categorical = [
            c
            for c, t in dataset.sdtypes.items()
            if t == "categorical" and c not in dataset.identifiers
        ]
        if not categorical:
            return None, None
        shares = {
            c: dataset.data[c].value_counts(normalize=True).min() for c in categorical
        }
        column = min(shares, key=shares.get)
    counts = dataset.data[column].value_counts()
    return column, counts.sort_index().idxmin()


def score(
    dataset: Dataset,
    method: str,
    n_rows: int | None = None,
    seed: int = 0,
    rare: tuple | None = None,
    **options,
) -> dict:
    """Run one method on ``dataset`` and measure the result.

    For ``smote``, which makes only rows of the rare class, quality compares
    the new rows with the real rows of that class.
    """
    return score_and_table(dataset, method, n_rows, seed, rare, **options)[0]


def score_and_table(
    dataset: Dataset,
    method: str,
    n_rows: int | None = None,
    seed: int = 0,
    rare: tuple | None = None,
    **options,
) -> tuple[dict, pd.DataFrame]:
    """:func:`score`, and the synthetic table it scored."""
    import synthlab

    n_rows = n_rows or len(dataset.data)
    column, value = rare or rare_category(dataset)
    started = time.perf_counter()
    synthetic = synthlab.generate(dataset, method, n_rows, seed=seed, **options)
    seconds = time.perf_counter() - started
    real = dataset.data
    if method == "smote":
        real = real[real[dataset.target] == synthetic[dataset.target].iloc[0]]
    rejected = synthetic.attrs.get("rejected")
    row = {
        "method": method,
        "quality": round(quality(dataset, real, synthetic), 2),
        "rows rejected": 0 if rejected is None else len(rejected),
        "fit and sample seconds": round(seconds, 1),
    }
    if column is not None:
        label = f"share of {column}={value}"
        row[f"real {label}"] = round(float((dataset.data[column] == value).mean()), 3)
        row[f"synthetic {label}"] = round(float((synthetic[column] == value).mean()), 3)
    row["categories lost"] = categories_lost(dataset, real, synthetic)
    return row, synthetic


def categories_lost(
    dataset: Dataset, real: pd.DataFrame, synthetic: pd.DataFrame
) -> int:
    """How many categories of the real rows never appear in the synthetic ones."""
    lost = 0
    for column, sdtype in dataset.sdtypes.items():
        if sdtype == "categorical" and column in synthetic.columns:
            lost += len(set(real[column].dropna()) - set(synthetic[column].dropna()))
    return lost


def scorecard(
    dataset: Dataset,
    methods=None,
    n_rows: int | None = None,
    seed: int = 0,
    options: dict | None = None,
    timings: bool = True,
) -> pd.DataFrame:
    """One row per method: quality, rows rejected, the rare category, timings."""
    from synthlab.methods import METHODS

    methods = methods or [m for m in METHODS if m != "smote" or dataset.target]
    options = options or {}
    rare = rare_category(dataset)
    rows = [
        score(dataset, m, n_rows, seed, rare=rare, **options.get(m, {}))
        for m in methods
    ]
    table = pd.DataFrame(rows).set_index("method")
    if not timings:
        table = table.drop(columns=list(TIMING_COLUMNS))
    return table


def random_oversample(
    train: pd.DataFrame, target: str, value, n_rows: int, seed: int = 0
):
    """Copies of real rare rows, drawn with replacement: the baseline to beat."""
    rare_rows = train[train[target] == value]
    return rare_rows.sample(n=n_rows, replace=True, random_state=seed).reset_index(
        drop=True
    )


def rare_recall(
    dataset: Dataset,
    methods=("gaussian_copula", "smote"),
    n_rows: int | None = None,
    holdout: float = 0.3,
    seed: int = 0,
    options: dict | None = None,
    leave_out=(),
) -> pd.DataFrame:
    """Rare-class recall and precision on real held-out rows, per way to grow the class.

    The classifier is a logistic regression on one-hot features, trained on the
    real training rows alone, with copies of rare rows (random oversampling),
    or with each method's rare-class rows (conditional sampling for the SDV
    methods and the miniature LLM, SMOTE's own rows for ``smote``). Columns in
    ``leave_out`` are not features (solar_flare's flare counts make its target).
    """
    import dataclasses

    import synthlab

    options = options or {}
    target = dataset.target
    column, value = rare_category(dataset)
    train, held = dataset.split(holdout=holdout, seed=seed)
    counts = train[target].value_counts()
    n_rows = n_rows or int(counts.max() - counts[value])
    train_set = dataclasses.replace(dataset, data=train.reset_index(drop=True))

    ways = {
        "real rows only": None,
        "random oversampling": random_oversample(train, target, value, n_rows, seed),
    }
    for method in methods:
        extra = dict(options.get(method, {}))
        if method != "smote":
            extra["condition"] = {target: value}
        ways[method] = synthlab.generate(train_set, method, n_rows, seed=seed, **extra)
    rows = []
    for name, added in ways.items():
        fitted = (
            train
            if added is None
            else pd.concat([train, added[train.columns]], ignore_index=True)
        )
        recall, precision = _fit_and_score(
            dataset, fitted, held, target, value, seed, leave_out
        )
        rows.append(
            {
                "training rows": name,
                "rare rows added": 0 if added is None else len(added),
                "rare recall": round(recall, 2),
                "rare precision": round(precision, 2),
            }
        )
    return pd.DataFrame(rows).set_index("training rows")


def _fit_and_score(dataset, train, held, target, value, seed, leave_out=()):
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_score, recall_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    features = [
        c for c in dataset.modelled_columns if c != target and c not in leave_out
    ]
    categorical = [c for c in features if dataset.sdtypes.get(c) == "categorical"]
    numerical = [c for c in features if c not in categorical]
    model = make_pipeline(
        make_column_transformer(
            (OneHotEncoder(handle_unknown="ignore"), categorical),
            (StandardScaler(), numerical),
        ),
        LogisticRegression(max_iter=1000, random_state=seed),
    )
    X, y = train[features].fillna(0), (train[target] == value)
    model.fit(X, y)
    predicted = model.predict(held[features].fillna(0))
    truth = held[target] == value
    return (
        recall_score(truth, predicted, zero_division=0),
        precision_score(truth, predicted, zero_division=0),
    )
