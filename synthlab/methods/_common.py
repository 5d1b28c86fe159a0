"""What every method shares: checking its input, and the personal-identifier rule.

Columns listed in ``Dataset.identifiers`` are never modelled or copied. They are
dropped before a method sees the table (``modelled_part``) and filled back with
Faker values afterwards (``fill_identifiers``), seeded, so the same seed gives the
same stand-ins.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from synthlab.datasets import Dataset
from synthlab.errors import DataError, MethodError

logger = logging.getLogger("synthlab")

# Identifier kinds that have no Faker provider of that name.
_TEXT_PROVIDERS = {"text": "sentence"}


def check_n_rows(n_rows) -> int:
    """Return ``n_rows`` as an int, or raise naming what a row count must be."""
    if isinstance(n_rows, bool) or not isinstance(n_rows, (int, np.integer)):
        raise MethodError(
            "n_rows must be a whole number of rows to generate, such as 200; "
            f"got {n_rows!r}."
        )
    if n_rows <= 0:
        raise MethodError(
            f"n_rows must be at least 1; got {n_rows}. Ask for the number of "
            "synthetic rows you want, such as n_rows=200."
        )
    return int(n_rows)


def check_seed(seed) -> int:
    """Return ``seed`` as a non-negative int."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise MethodError(
            f"seed must be a whole number 0 or above, such as 0; got {seed!r}."
        )
    return int(seed)


def modelled_part(dataset: Dataset) -> tuple[pd.DataFrame, dict]:
    """The table and SDV metadata without personal-identifier columns.

    Raises ``DataError`` when no column is left to learn from.
    """
    columns = [c for c in dataset.modelled_columns if c in dataset.data.columns]
    table = dataset.metadata_dict["tables"][dataset.name]
    specs = {c: s for c, s in table["columns"].items() if c in columns}
    specs = {c: s for c, s in specs.items() if s.get("sdtype") not in ("id", "unknown")}
    columns = [c for c in columns if c in specs]
    if not columns:
        raise DataError(
            f"The table {dataset.name!r} has no column a method may model: "
            f"{_describe_columns(dataset)}. A method needs at least one numerical, "
            "categorical or datetime column that is not a personal identifier."
        )
    new_table = {"columns": specs}
    if table.get("primary_key") in columns:
        new_table["primary_key"] = table["primary_key"]
    metadata = {
        "METADATA_SPEC_VERSION": "V1",
        "tables": {dataset.name: new_table},
        "relationships": [],
    }
    return dataset.data[columns].copy(), metadata


def _describe_columns(dataset: Dataset) -> str:
    if len(dataset.data.columns) == 0:
        return "it has no columns"
    parts = []
    for column in dataset.data.columns:
        role = "a personal identifier" if column in dataset.identifiers else "an id"
        parts.append(f"{column!r} is {role}")
    return "; ".join(parts)


def fill_identifiers(
    synthetic: pd.DataFrame, dataset: Dataset, seed: int
) -> pd.DataFrame:
    """Put the identifier columns back, as Faker stand-ins, in the real order.

    An ``id`` becomes a unique code that never equals a real one; other kinds
    use the Faker provider of that name (``email``, ``phone_number``, ...).
    """
    if not dataset.identifiers:
        return synthetic
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    synthetic = synthetic.copy()
    for column, provider in dataset.identifiers.items():
        if column not in dataset.data.columns:
            continue
        real = dataset.data[column]
        if provider == "id":
            values = _unique_codes(fake, real, len(synthetic))
        else:
            make = getattr(fake, _TEXT_PROVIDERS.get(provider, provider), None)
            if make is None:
                make = fake.pystr
            values = [str(make()) for _ in range(len(synthetic))]
        synthetic[column] = values
    order = [c for c in dataset.data.columns if c in synthetic.columns]
    rest = [c for c in synthetic.columns if c not in order]
    return synthetic[order + rest]


def _unique_codes(fake, real: pd.Series, count: int) -> list:
    taken = set(real.dropna().astype(str))
    codes, seen = [], set()
    integer = pd.api.types.is_integer_dtype(real)
    digits = max(len(str(int(real.abs().max()))) if integer and len(real) else 8, 6)
    while len(codes) < count:
        if integer:
            code = fake.random_number(digits=digits, fix_len=True)
        else:
            code = fake.bothify("??-########").upper()
        if str(code) in taken or code in seen:
            continue
        seen.add(code)
        codes.append(code)
    return codes


def match_types(synthetic: pd.DataFrame, real: pd.DataFrame) -> pd.DataFrame:
    """Give synthetic columns the real columns' dtypes where the values allow it."""
    synthetic = synthetic.copy()
    for column in synthetic.columns:
        if column not in real.columns:
            continue
        kind = real[column].dtype
        values = synthetic[column]
        if pd.api.types.is_integer_dtype(kind) and not values.isna().any():
            synthetic[column] = (
                pd.to_numeric(values, errors="coerce").round().astype(kind)
            )
        elif pd.api.types.is_float_dtype(kind):
            synthetic[column] = pd.to_numeric(values, errors="coerce").astype(kind)
    return synthetic.reset_index(drop=True)


def annotate(
    frame: pd.DataFrame, method: str, seed: int, notes: list[str]
) -> pd.DataFrame:
    """Record how a table was made in ``DataFrame.attrs``."""
    frame.attrs["method"] = method
    frame.attrs["seed"] = seed
    frame.attrs["notes"] = list(notes)
    for note in notes:
        logger.info("%s: %s", method, note)
    return frame
