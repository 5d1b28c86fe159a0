"""Statistical methods: a Gaussian copula for whole tables, SMOTE for a rare class.

``gaussian_copula`` fits each column's distribution and the correlations between
columns (SDV's GaussianCopulaSynthesizer) and samples whole new rows.
``smote`` grows the rare class of a target by interpolating between real rare
rows and their nearest rare neighbours (imbalanced-learn).
"""

from __future__ import annotations

import pandas as pd

from synthlab.datasets import Dataset
from synthlab.methods._sdv import fit_and_sample

DISTRIBUTIONS = ("beta", "norm", "truncnorm", "gamma", "uniform", "gaussian_kde")


def gaussian_copula(
    dataset: Dataset,
    n_rows: int,
    seed: int = 0,
    condition: dict | None = None,
    default_distribution: str = "beta",
    numerical_distributions: dict | None = None,
    enforce_rules: bool = True,
) -> tuple[pd.DataFrame, list[str]]:
    """Sample ``n_rows`` rows from a Gaussian copula fitted on ``dataset``.

    Parameters
    ----------
    condition : dict, optional
        Column values every sampled row must have, such as ``{"risk": 0}``.
    default_distribution : str
        The shape fitted to each numerical column: one of ``DISTRIBUTIONS``.
    numerical_distributions : dict, optional
        A shape per column, overriding the default.
    enforce_rules : bool
        Keep the dataset's rules (as SDV constraints where possible).
    """
    make = copula_factory(default_distribution, numerical_distributions)
    return fit_and_sample(dataset, make, n_rows, seed, condition, enforce_rules)


def copula_factory(default_distribution: str = "beta", numerical_distributions=None):
    """A function that builds an unfitted GaussianCopulaSynthesizer from metadata."""
    from synthlab.errors import MethodError

    if default_distribution not in DISTRIBUTIONS:
        raise MethodError(
            f"default_distribution must be one of {', '.join(DISTRIBUTIONS)}; "
            f"got {default_distribution!r}."
        )

    def make(metadata):
        from sdv.single_table import GaussianCopulaSynthesizer

        return GaussianCopulaSynthesizer(
            metadata,
            default_distribution=default_distribution,
            numerical_distributions=numerical_distributions,
        )

    return make


OUTPUTS = ("new", "combined")
MARKER = "is_synthetic"


def smote(
    dataset: Dataset,
    n_rows: int,
    seed: int = 0,
    target: str | None = None,
    rare_class=None,
    output: str = "new",
    k_neighbors: int = 5,
) -> tuple[pd.DataFrame, list[str]]:
    """Make ``n_rows`` new rows of the target's rare class with the SMOTE family.

    SMOTENC (with the categorical columns named explicitly) for mixed tables,
    SMOTEN when every feature is categorical, SMOTE when every one is numerical.

    Parameters
    ----------
    target : str, optional
        The class column; by default the dataset's target.
    rare_class : optional
        The class to grow; by default the least frequent one.
    output : {"new", "combined"}
        ``"new"`` returns only the new rows; ``"combined"`` returns the real
        rows followed by the new ones, with a boolean ``is_synthetic`` column.
    k_neighbors : int
        How many rare neighbours each new row may be drawn towards (fewer when
        the rare class is small).

    Notes
    -----
    Missing numbers are filled with the column median before interpolating,
    so new rows have no empty numerical cells.
    """
    from synthlab.errors import MethodError
    from synthlab.methods._common import match_types, modelled_part

    real, _ = modelled_part(dataset)
    target = target or dataset.target
    if output not in OUTPUTS:
        raise MethodError(f"output must be 'new' or 'combined'; got {output!r}.")
    if target is None:
        raise MethodError(
            f"smote grows the rare class of a target column, and {dataset.name!r} has "
            "no target. Pass target='COLUMN' naming a class column, or use "
            "gaussian_copula to make a whole new table."
        )
    if target not in real.columns:
        raise MethodError(
            f"The target {target!r} is not a modelled column of {dataset.name!r}. Its "
            f"columns are: {', '.join(real.columns)}."
        )
    counts = real[target].value_counts()
    if len(counts) < 2:
        raise MethodError(
            f"The target {target!r} has a single class; smote needs a rare class and "
            "a common one."
        )
    if rare_class is None:
        rare_class = counts.sort_index().idxmin()
    rare_class = rare_class.item() if hasattr(rare_class, "item") else rare_class
    if rare_class not in counts.index:
        raise MethodError(
            f"The class {rare_class!r} never occurs in {target!r}; its classes are: "
            f"{', '.join(map(str, counts.index))}."
        )
    n_rare = int(counts[rare_class])
    if n_rare < 2:
        raise MethodError(
            f"The rare class {target}={rare_class!r} has {n_rare} row; smote needs at "
            "least 2 rows of it to interpolate between. Collect more rare rows, or "
            "sample the class with ctgan or gaussian_copula and condition="
            f"{{{target!r}: {rare_class!r}}}."
        )

    features = [c for c in real.columns if c != target]
    sdtypes = dataset.sdtypes
    categorical = [c for c in features if sdtypes.get(c) in ("categorical", "boolean")]
    X, notes, back = _encode(real[features], categorical)
    y = real[target].to_numpy()
    sampler = _sampler(
        features, categorical, n_rare, k_neighbors, seed, {rare_class: n_rare + n_rows}
    )
    X_resampled, _ = sampler.fit_resample(X, y)
    new = _decode(pd.DataFrame(X_resampled[len(X) :], columns=features), back)
    new[target] = rare_class
    new = match_types(new[real.columns.tolist()], real)
    notes.append(
        f"{type(sampler).__name__} grew {target}={rare_class!r} from {n_rare} to "
        f"{n_rare + n_rows} rows (k_neighbors={sampler.k_neighbors})"
    )
    if output == "combined":
        combined = pd.concat([real.reset_index(drop=True), new], ignore_index=True)
        combined[MARKER] = [False] * len(real) + [True] * len(new)
        return combined, notes + [
            f"real rows first, then new ones, marked in {MARKER!r}"
        ]
    return new, notes


def _sampler(features, categorical, n_rare, k_neighbors, seed, strategy):
    from imblearn.over_sampling import SMOTE, SMOTEN, SMOTENC

    k = max(1, min(k_neighbors, n_rare - 1))
    if len(categorical) == len(features):
        return SMOTEN(sampling_strategy=strategy, k_neighbors=k, random_state=seed)
    if not categorical:
        return SMOTE(sampling_strategy=strategy, k_neighbors=k, random_state=seed)
    indices = [features.index(c) for c in categorical]
    return SMOTENC(
        categorical_features=indices,
        sampling_strategy=strategy,
        k_neighbors=k,
        random_state=seed,
    )


def _encode(frame: pd.DataFrame, categorical: list[str]):
    """Features as imbalanced-learn wants them, and how to turn them back."""
    frame = frame.copy()
    notes, back = [], {}
    for column in frame.columns:
        values = frame[column]
        if column in categorical:
            text = values.map(lambda v: "__missing__" if pd.isna(v) else str(v))
            back[column] = {str(v): v for v in values.dropna().unique()}
            back[column]["__missing__"] = None
            frame[column] = text
        elif pd.api.types.is_datetime64_any_dtype(values):
            back[column] = "datetime"
            frame[column] = values.astype("int64").astype(float)
        else:
            numbers = pd.to_numeric(values, errors="coerce")
            if numbers.isna().any():
                notes.append(
                    f"filled {int(numbers.isna().sum())} empty {column!r} values "
                    "with the median before interpolating"
                )
                numbers = numbers.fillna(numbers.median())
            frame[column] = numbers
    array = frame.to_numpy(dtype=object) if categorical else frame.to_numpy(dtype=float)
    return array, notes, back


def _decode(frame: pd.DataFrame, back: dict) -> pd.DataFrame:
    for column, mapping in back.items():
        if mapping == "datetime":
            frame[column] = pd.to_datetime(
                frame[column].astype(float).round().astype("int64")
            )
        else:
            frame[column] = frame[column].map(lambda v, m=mapping: m.get(str(v)))
    for column in frame.columns:
        if column not in back:
            frame[column] = pd.to_numeric(frame[column])
    return frame
