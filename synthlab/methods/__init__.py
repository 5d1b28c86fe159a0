"""Generation methods, from rules to foundation models, behind one call.

``generate(source, method, n_rows, seed=0, **options)`` returns a synthetic
table; ``catalog()`` lists the methods with their PM checklists.

* ``rules`` (family rules): samples a spec you write; needs no real data;
* ``gaussian_copula`` (statistical): marginals and correlations, with SDV;
* ``smote`` (statistical): grows a target's rare class, with imbalanced-learn;
* ``ctgan`` (deep): a conditional GAN, with SDV;
* ``tvae`` (deep): a variational autoencoder, with SDV;
* ``llm`` (foundation): offline, a miniature of GReaT (a small language model
  trained on rows written as text); or a configured LLM endpoint.

``fit(source, method)`` trains ``gaussian_copula``, ``ctgan`` or ``tvae`` once
and samples it as often as needed.

How each table was made is kept in ``DataFrame.attrs``: ``method``, ``seed``,
``notes`` and, for ``llm``, the ``rejected`` rows with their reasons.

>>> import synthlab
>>> credit = synthlab.datasets.load("german_credit")
>>> table = synthlab.generate(credit, "rules", 5, seed=0)
>>> table.shape
(5, 10)
"""

from __future__ import annotations

import difflib
import inspect
import logging
from pathlib import Path

import pandas as pd

from synthlab.datasets import Dataset
from synthlab.errors import DataError, MethodError
from synthlab.methods._common import (
    annotate,
    check_n_rows,
    check_seed,
    fill_identifiers,
)
from synthlab.methods.catalog import MethodCard, card, catalog

logger = logging.getLogger("synthlab")

__all__ = ["METHODS", "MethodCard", "card", "catalog", "fit", "generate"]

METHODS = ("rules", "gaussian_copula", "smote", "ctgan", "tvae", "llm")


def _implementation(method: str):
    if method == "rules":
        from synthlab.methods.rules import generate_from_spec

        return generate_from_spec
    if method == "gaussian_copula":
        from synthlab.methods.statistical import gaussian_copula

        return gaussian_copula
    if method == "smote":
        from synthlab.methods.statistical import smote

        return smote
    if method in ("ctgan", "tvae"):
        from synthlab.methods import deep

        return getattr(deep, method)
    from synthlab.methods.foundation import miniature_llm

    return miniature_llm


def generate(
    source, method: str, n_rows: int, seed: int = 0, **options
) -> pd.DataFrame:
    """Make a synthetic table with one of the kit's methods.

    Parameters
    ----------
    source : Dataset, str, dict or path
        A :class:`~synthlab.datasets.Dataset` (``synthlab.datasets.load`` or
        ``from_csv``) or the name of a shipped one. For ``rules`` also a spec:
        a dict, a YAML text or a ``.yaml`` file.
    method : str
        One of ``METHODS``.
    n_rows : int
        Rows to make: for ``smote``, new rows of the rare class; for a rules
        spec with a simulation, entities (each gives several event rows).
    seed : int
        The same seed gives the same table, in any process.
    **options
        The method's own options, such as ``condition={"risk": 0}`` for the SDV
        methods, ``preset="thorough"`` for ``ctgan`` and ``tvae``, or
        ``output="combined"`` for ``smote``. See each family's module.

    Returns
    -------
    pandas.DataFrame
        Personal-identifier columns hold Faker stand-ins, never real values.

    Raises
    ------
    MethodError
        An unknown method or option, ``n_rows`` below 1, or a method that
        cannot run on this input.
    """
    if method not in METHODS:
        close = difflib.get_close_matches(str(method), METHODS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise MethodError(
            f"There is no method called {method!r}.{hint} The methods are: "
            f"{', '.join(METHODS)}."
        )
    n_rows = check_n_rows(n_rows)
    seed = check_seed(seed)
    implementation = _implementation(method)
    _check_options(method, implementation, options)

    if (
        method == "rules"
        and not isinstance(source, (Dataset, str))
        or _is_spec_text(source)
    ):
        if method != "rules":
            raise MethodError(
                f"A rule spec only drives the 'rules' method; {method!r} learns from a "
                "real table. Pass a Dataset from synthlab.datasets.load or from_csv."
            )
        table = implementation(source, n_rows, seed=seed, **options)
        return annotate(
            table, method, seed, ["sampled from a rule spec; no real data used"]
        )

    dataset = _as_dataset(source)
    if method == "rules":
        from synthlab.methods.rules import STRUCTURE_NOTE, spec_from

        table = implementation(spec_from(dataset), n_rows, seed=seed, **options)
        table = _restore_types(table, dataset)
        return annotate(table, method, seed, [STRUCTURE_NOTE])

    table, notes = implementation(dataset, n_rows, seed=seed, **options)
    rejected = table.attrs.get("rejected")
    table = fill_identifiers(table, dataset, seed)
    if dataset.identifiers:
        notes = notes + [
            f"personal identifiers {', '.join(dataset.identifiers)} not "
            "modelled: filled with Faker stand-ins"
        ]
    if rejected is not None:
        table.attrs["rejected"] = rejected
    return annotate(table, method, seed, notes)


FITTABLE = ("gaussian_copula", "ctgan", "tvae")


class FittedMethod:
    """A method fitted once on a dataset; ``sample`` draws from it as often as needed.

    Returned by :func:`fit`. Each ``sample`` call with the same arguments gives
    the same rows, whatever was sampled before.
    """

    def __init__(self, method: str, dataset: Dataset, fitted, notes: list[str]):
        self.method = method
        self.dataset = dataset
        self.fitted_ = fitted
        self.notes_ = notes

    def sample(self, n_rows: int, condition: dict | None = None) -> pd.DataFrame:
        """``n_rows`` synthetic rows, optionally all with the ``condition`` values."""
        n_rows = check_n_rows(n_rows)
        table = self.fitted_.sample(n_rows, condition)
        table = fill_identifiers(table, self.dataset, self.fitted_.seed)
        return annotate(table, self.method, self.fitted_.seed, self.notes_)

    def __repr__(self) -> str:
        return (
            f"FittedMethod({self.method!r} on {self.dataset.name!r},"
            f" seed={self.fitted_.seed})"
        )


def fit(
    source,
    method: str,
    seed: int = 0,
    preset: str = "quick",
    epochs: int | None = None,
    default_distribution: str = "beta",
    enforce_rules: bool = True,
) -> FittedMethod:
    """Fit ``gaussian_copula``, ``ctgan`` or ``tvae`` once, then sample it many times.

    ``generate`` fits and samples in one call; ``fit`` keeps the fitted model,
    so a notebook can sample a whole table and then a rare class without
    training twice.

    >>> import synthlab
    >>> copula = synthlab.methods.fit("german_credit", "gaussian_copula", seed=0)
    >>> copula.sample(5, condition={"risk": 0})["risk"].tolist()
    [0, 0, 0, 0, 0]
    """
    from synthlab.methods import _sdv

    if method not in FITTABLE:
        raise MethodError(
            f"fit() keeps a trained model for {', '.join(FITTABLE)}; {method!r} is "
            "not one "
            "of them. Use generate() for it."
        )
    seed = check_seed(seed)
    dataset = _as_dataset(source)
    if method == "gaussian_copula":
        from synthlab.methods.statistical import copula_factory

        make, notes, torch = copula_factory(default_distribution), [], False
    else:
        from synthlab.methods.deep import factory

        make, settings = factory(method, preset, epochs)
        notes, torch = [f"trained {settings['epochs']} epochs ({preset} preset)"], True
    fitted = _sdv.fit(dataset, make, seed, enforce_rules, uses_torch=torch)
    notes = notes + fitted.notes_
    if dataset.identifiers:
        notes.append(
            f"personal identifiers {', '.join(dataset.identifiers)} not "
            "modelled: filled with Faker stand-ins"
        )
    return FittedMethod(method, dataset, fitted, notes)


def _check_options(method: str, implementation, options: dict) -> None:
    parameters = inspect.signature(implementation).parameters
    allowed = [p for p in parameters if p not in ("dataset", "spec", "n_rows", "seed")]
    unknown = [o for o in options if o not in allowed]
    if unknown:
        listed = ", ".join(allowed) or "none"
        raise MethodError(
            f"The method {method!r} has no option {unknown[0]!r}. Its options are: "
            f"{listed}."
        )


def _is_spec_text(source) -> bool:
    if isinstance(source, Path):
        return True
    return isinstance(source, str) and (
        ":" in source or source.endswith((".yaml", ".yml"))
    )


def _as_dataset(source) -> Dataset:
    if isinstance(source, Dataset):
        return source
    if isinstance(source, str):
        from synthlab.datasets import load

        return load(source)
    if isinstance(source, pd.DataFrame):
        raise DataError(
            "generate() needs a Dataset, which knows the column types and "
            "identifiers, not a bare DataFrame. Save it as CSV and read it with "
            "synthlab.datasets.from_csv(path), or load a shipped table by name."
        )
    raise DataError(
        "The source must be a Dataset or the name of a shipped dataset; got "
        f"{type(source).__name__}."
    )


def _restore_types(table: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    for column in table.columns:
        if column in dataset.data.columns and column not in dataset.identifiers:
            kind = dataset.data[column].dtype
            if pd.api.types.is_integer_dtype(kind) and not table[column].isna().any():
                table[column] = table[column].astype(kind)
    return table
