"""Does adding synthetic rows help a model? Measured on real held-out rows.

The pilot case of the decision framework: a product whose pilot customers give
a few hundred rows. :func:`pilot_experiment` draws such a pilot sample from a
shipped table, keeps every other row as the real holdout, and scores one
logistic regression trained three ways:

* ``real rows``: the pilot rows alone;
* ``real rows, class weights``: the same, with the rare class weighted up
  (the cheap fix any synthetic rows must beat);
* ``real + synthetic rows``: the pilot rows plus rows a method made from them;

and, for reference, ``synthetic rows`` alone (train on synthetic, test on real).

>>> results = pilot_experiment("german_credit", train_rows=200, synthetic_rows=200,
...                            seeds=(0,), method="rules")
>>> sorted(results.setup.unique())
['real + synthetic rows', 'real rows', 'real rows, class weights', 'synthetic rows']
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from synthlab._env import rng
from synthlab.errors import DataError

METRICS = ("roc_auc", "average_precision", "balanced_accuracy")
SETUPS = ("real rows", "real rows, class weights", "real + synthetic rows",
          "synthetic rows")


def pilot_experiment(dataset="german_credit", train_rows: int = 300,
                     synthetic_rows: int = 600, seeds=(0, 1, 2),
                     method: str = "gaussian_copula",
                     options: dict | None = None, leave_out=()) -> pd.DataFrame:
    """Score a model trained with and without synthetic rows, on real held-out rows.

    Parameters
    ----------
    dataset : str or Dataset
        A table with a binary target.
    train_rows : int
        Size of each pilot sample (the real rows a team has).
    synthetic_rows : int
        Rows the method makes from the pilot sample.
    seeds : sequence of int
        One pilot sample, one synthetic table and one model per seed.
    method : str
        A method of ``synthlab.generate``.
    options : dict, optional
        The method's options, such as ``{"default_distribution": "truncnorm"}``.
    leave_out : sequence of str
        Columns the model may not use, such as outcomes recorded after the
        event (solar_flare's flare counts make up its target).

    Returns
    -------
    pandas.DataFrame
        One row per seed and setup: ``roc_auc``, ``average_precision`` (for
        the rarer class; the area under the precision-recall curve) and
        ``balanced_accuracy``, on the real rows outside the pilot sample.
    """
    import synthlab

    real = synthlab.datasets.load(dataset) if isinstance(dataset, str) else dataset
    if real.target is None or real.data[real.target].nunique() != 2:
        raise DataError(
            f"{real.name} needs a target with two classes for this experiment; "
            f"its target is {real.target!r}. Choose german_credit or solar_flare.")
    if not 0 < train_rows < len(real.data):
        raise DataError(
            f"train_rows must be between 1 and {len(real.data) - 1} for {real.name}; "
            f"got {train_rows}.")

    rows = []
    for seed in seeds:
        order = rng(seed).permutation(len(real.data))
        pilot = real.data.iloc[order[:train_rows]]
        holdout = real.data.iloc[order[train_rows:]]
        source = dataclasses.replace(real, data=pilot.reset_index(drop=True))
        synthetic = synthlab.generate(source, method, synthetic_rows, seed=seed,
                                      **(options or {}))
        synthetic = synthetic[pilot.columns]
        training = {
            "real rows": (pilot, None),
            "real rows, class weights": (pilot, "balanced"),
            "real + synthetic rows": (pd.concat([pilot, synthetic]), None),
            "synthetic rows": (synthetic, None),
        }
        for setup, (table, weights) in training.items():
            scores = _score(real, table, holdout, weights, seed, leave_out)
            rows.append({"seed": seed, "setup": setup, **scores})
    return pd.DataFrame(rows)


def summarize(results: pd.DataFrame) -> pd.DataFrame:
    """Mean and spread over seeds of each setup's scores, rounded, in setup order.

    >>> frame = pd.DataFrame({"setup": ["real rows"] * 2, "seed": [0, 1],
    ...                       "roc_auc": [0.7, 0.8], "average_precision": [0.3, 0.4],
    ...                       "balanced_accuracy": [0.6, 0.6]})
    >>> float(summarize(frame).loc["real rows", "roc_auc_mean"])
    0.75
    """
    grouped = results.groupby("setup")[list(METRICS)]
    table = grouped.agg(["mean", "std"])
    table.columns = [f"{metric}_{stat}" for metric, stat in table.columns]
    order = [setup for setup in SETUPS if setup in table.index]
    return table.loc[order].round(3)


def _score(real, table: pd.DataFrame, holdout: pd.DataFrame, weights, seed: int,
           leave_out=()):
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import (average_precision_score, balanced_accuracy_score,
                                 roc_auc_score)
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    features = [c for c in real.modelled_columns
                if c != real.target and c not in leave_out]
    categorical = [c for c in features if real.sdtypes.get(c) != "numerical"]
    numerical = [c for c in features if c not in categorical]
    model = make_pipeline(
        ColumnTransformer([
            ("categories", OneHotEncoder(handle_unknown="ignore"), categorical),
            ("numbers", StandardScaler(), numerical),
        ]),
        LogisticRegression(max_iter=1000, class_weight=weights, random_state=seed),
    )
    y_train = table[real.target].astype(str)
    if y_train.nunique() < 2:
        return dict.fromkeys(METRICS, float("nan"))
    model.fit(table[features], y_train)
    y_true = holdout[real.target].astype(str)
    rarer = y_true.value_counts().idxmin()
    column = list(model.classes_).index(rarer)
    probability = model.predict_proba(holdout[features])[:, column]
    return {
        "roc_auc": float(roc_auc_score(y_true == rarer, probability)),
        "average_precision": float(
            average_precision_score(y_true == rarer, probability)),
        "balanced_accuracy": float(balanced_accuracy_score(
            y_true, model.predict(holdout[features]))),
    }
