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
    from synthlab.errors import MethodError

    if default_distribution not in DISTRIBUTIONS:
        raise MethodError(
            f"default_distribution must be one of {', '.join(DISTRIBUTIONS)}; "
            f"got {default_distribution!r}."
        )

    def make(metadata):
        from sdv.single_table import GaussianCopulaSynthesizer

        return GaussianCopulaSynthesizer(
            metadata, default_distribution=default_distribution,
            numerical_distributions=numerical_distributions)

    return fit_and_sample(dataset, make, n_rows, seed, condition, enforce_rules)
