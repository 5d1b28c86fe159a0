"""The models the checks train: real-vs-synthetic detector and TSTR vs TRTR.

All models are scikit-learn's histogram gradient boosting, single-threaded
(the kit limits native pools to one thread), with a fixed ``random_state``.
The TSTR and TRTR models are trained once per ``check`` call and shared by the
distribution check (utility) and the bias check (scores per group).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synthlab.checks._common import Inputs, category_codes

MAX_DETECTOR_ROWS = 5000  # per side; the detector is a model, not a privacy test
TEST_SHARE_WITHOUT_HOLDOUT = 0.3
DETECTOR_TREES = 50  # enough to find a mismatch; 100 doubles the time for little gain
UTILITY_TREES = 60


def features(frames: list[pd.DataFrame], columns: list[str], kinds: dict[str, str]):
    """Numeric matrices for several tables and the mask of categorical columns."""
    matrices = [np.empty((len(f), len(columns))) for f in frames]
    categorical = np.zeros(len(columns), dtype=bool)
    for j, column in enumerate(columns):
        if kinds[column] == "numerical":
            for matrix, frame in zip(matrices, frames):
                matrix[:, j] = frame[column].to_numpy(dtype=float)
            continue
        codes, levels = category_codes([f[column] for f in frames])
        too_many = len(levels) >= 250  # beyond the model's categorical bins: ordinal
        categorical[j] = not too_many
        for matrix, code in zip(matrices, codes):
            matrix[:, j] = code
    return matrices, categorical


def positive_class(inputs: Inputs) -> str | None:
    """The class whose rate the checks follow for a two-class target."""
    if inputs.target is None or inputs.kinds[inputs.target] != "categorical":
        return None
    levels = inputs.real[inputs.target].dropna().unique().tolist()
    if len(levels) != 2:
        return None
    for yes in ("1", "True", "yes", "Yes", "good", "1.0"):
        if yes in levels:
            return yes
    counts = inputs.real[inputs.target].value_counts()
    return str(counts.idxmin())


def detector(inputs: Inputs) -> dict:
    """Cross-validated ROC AUC of a classifier telling real rows from synthetic ones."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    generator = np.random.default_rng(inputs.seed)
    size = min(len(inputs.real), len(inputs.synthetic), MAX_DETECTOR_ROWS)
    real = inputs.real.iloc[np.sort(generator.permutation(len(inputs.real))[:size])]
    synthetic = inputs.synthetic.iloc[
        np.sort(generator.permutation(len(inputs.synthetic))[:size])
    ]
    columns = list(inputs.kinds)
    (x_real, x_synthetic), categorical = features(
        [real, synthetic], columns, inputs.kinds
    )
    x = np.vstack([x_real, x_synthetic])
    y = np.r_[np.zeros(size), np.ones(size)]
    folds = 3 if size >= 30 else 2
    model = HistGradientBoostingClassifier(
        max_iter=DETECTOR_TREES,
        learning_rate=0.2,
        categorical_features=categorical,
        early_stopping=False,
        random_state=inputs.seed,
    )
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=inputs.seed)
    scores = cross_val_predict(
        model, x, y, cv=splitter, method="predict_proba", n_jobs=1
    )
    return {
        "auc": float(roc_auc_score(y, scores[:, 1])),
        "rows_per_side": int(size),
        "folds": folds,
    }


def utility(inputs: Inputs) -> dict | None:
    """Train on synthetic and on real, score both on real rows the models never saw.

    The test rows are the holdout; without one, 30% of the real rows (seeded),
    which the generator did see, so TSTR looks better than it is.
    """
    if inputs.target is None:
        return None
    if "utility" in inputs.cache:
        return inputs.cache["utility"]
    target = inputs.target
    real = inputs.real[inputs.real[target].notna()]
    synthetic = inputs.synthetic[inputs.synthetic[target].notna()]
    if inputs.holdout is not None:
        test = inputs.holdout[inputs.holdout[target].notna()]
        train, from_holdout = real, True
    else:
        order = np.random.default_rng(inputs.seed).permutation(len(real))
        cut = int(round(len(real) * TEST_SHARE_WITHOUT_HOLDOUT))
        test, train = real.iloc[np.sort(order[:cut])], real.iloc[np.sort(order[cut:])]
        from_holdout = False
    columns = [c for c in inputs.kinds if c != target]
    task = "regression" if inputs.kinds[target] == "numerical" else "classification"
    positive = positive_class(inputs)
    result = {
        "task": task,
        "test_rows": int(len(test)),
        "test_is_holdout": from_holdout,
        "positive_class": positive,
        "test": test.reset_index(drop=True),
    }
    if not columns or len(test) < 10:
        inputs.cache["utility"] = None
        return None
    (x_train, x_synthetic, x_test), categorical = features(
        [train, synthetic, test], columns, inputs.kinds
    )
    if task == "classification":
        result.update(
            _classify(
                inputs,
                train[target],
                synthetic[target],
                test[target],
                x_train,
                x_synthetic,
                x_test,
                categorical,
                positive,
            )
        )
    else:
        result.update(
            _regress(
                inputs,
                train[target],
                synthetic[target],
                test[target],
                x_train,
                x_synthetic,
                x_test,
                categorical,
            )
        )
    result["gap"] = result["trtr"] - result["tstr"]
    inputs.cache["utility"] = result
    return result


def _classify(
    inputs,
    y_train,
    y_synthetic,
    y_test,
    x_train,
    x_synthetic,
    x_test,
    categorical,
    positive,
):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import balanced_accuracy_score, roc_auc_score

    def fit_predict(x, y):
        if y.nunique() < 2:  # a synthetic table with one class: a constant guess
            constant = y.iloc[0] if len(y) else None
            return np.full(len(x_test), constant, dtype=object), np.full(
                len(x_test), 0.5
            )
        model = HistGradientBoostingClassifier(
            max_iter=UTILITY_TREES,
            categorical_features=categorical,
            early_stopping=False,
            random_state=inputs.seed,
        )
        model.fit(x, y.to_numpy(dtype=object).astype(str))
        labels = model.predict(x_test).astype(object)
        if positive is not None and positive in model.classes_:
            column = list(model.classes_).index(positive)
            return labels, model.predict_proba(x_test)[:, column]
        return labels, np.full(len(x_test), 0.5)

    y_test_values = y_test.to_numpy(dtype=object).astype(str)
    labels_real, scores_real = fit_predict(x_train, y_train)
    labels_synthetic, scores_synthetic = fit_predict(x_synthetic, y_synthetic)
    binary = positive is not None and len(set(y_test_values)) == 2
    if binary:
        truth = y_test_values == positive
        metric = "ROC AUC"
        trtr = roc_auc_score(truth, scores_real)
        tstr = roc_auc_score(truth, scores_synthetic)
    else:
        metric = "balanced accuracy"
        trtr = balanced_accuracy_score(y_test_values, labels_real.astype(str))
        tstr = balanced_accuracy_score(y_test_values, labels_synthetic.astype(str))
    return {
        "metric": metric,
        "trtr": float(trtr),
        "tstr": float(tstr),
        "y_test": y_test_values,
        "labels_real": labels_real.astype(str),
        "labels_synthetic": labels_synthetic.astype(str),
        "scores_real": scores_real,
        "scores_synthetic": scores_synthetic,
    }


def _regress(
    inputs, y_train, y_synthetic, y_test, x_train, x_synthetic, x_test, categorical
):
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.metrics import r2_score

    predictions = []
    for x, y in ((x_train, y_train), (x_synthetic, y_synthetic)):
        model = HistGradientBoostingRegressor(
            max_iter=UTILITY_TREES,
            categorical_features=categorical,
            early_stopping=False,
            random_state=inputs.seed,
        )
        model.fit(x, y.to_numpy(dtype=float))
        predictions.append(model.predict(x_test))
    truth = y_test.to_numpy(dtype=float)
    return {
        "metric": "R squared",
        "trtr": float(r2_score(truth, predictions[0])),
        "tstr": float(r2_score(truth, predictions[1])),
        "y_test": truth,
        "scores_real": predictions[0],
        "scores_synthetic": predictions[1],
    }
