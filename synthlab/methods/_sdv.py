"""Fitting and sampling SDV single-table synthesizers, the way synthlab needs it.

* A dataset's rules become ``sdv.cag`` constraints where SDV has one:
  "A determines B" is ``FixedCombinations`` (both columns categorical), and a
  comparison of two numerical or datetime columns is ``Inequality``. Other rules
  (a column against a number, ``==``, ``!=``) are kept by rejecting the rows
  that break them after sampling.
* Fit and sample run inside ``_env.third_party_fit(seed)``, and the sampler's
  own generator is set from the same seed (SDV would otherwise sample from a
  fixed seed of its own), so one seed gives one table, in any process.
* ``condition={"risk": 0}`` samples only rows with those values, through
  ``sdv.sampling.Condition``.
"""

from __future__ import annotations

import pandas as pd

from synthlab import _env
from synthlab.datasets import Dataset
from synthlab.errors import MethodError, SpecError
from synthlab.methods._common import match_types, modelled_part
from synthlab.rules import Rule, parse_all

_MAX_REJECTION_ROUNDS = 20


def constraints_for(rules: list[Rule], sdtypes: dict[str, str], real: pd.DataFrame):
    """Split rules into SDV constraints and rules kept by rejection.

    Every rule must hold on the real table; one that does not is a ``SpecError``.
    """
    from sdv.cag import FixedCombinations, Inequality

    constraints, by_rejection, notes = [], [], []
    for rule in rules:
        rule.check_columns(real)
        broken = int(rule.violations(real, real).sum())
        if broken:
            raise SpecError(
                f"The rule {rule.text!r} does not hold on the real table: {broken} of "
                f"{len(real)} rows break it. Fix the rule, or clean those rows first."
            )
        kinds = [sdtypes.get(c) for c in rule.columns]
        if rule.kind == "determines" and all(
            k in ("categorical", "boolean") for k in kinds
        ):
            constraints.append(FixedCombinations(column_names=[rule.left, rule.right]))
            notes.append(f"kept {rule.text!r} as an SDV FixedCombinations constraint")
        elif (
            rule.kind == "compare"
            and rule.value is None
            and rule.op in ("<", "<=", ">", ">=")
            and all(k in ("numerical", "datetime") for k in kinds)
        ):
            low, high = (
                (rule.left, rule.right)
                if rule.op in ("<", "<=")
                else (rule.right, rule.left)
            )
            constraints.append(
                Inequality(
                    low_column_name=low,
                    high_column_name=high,
                    strict_boundaries=rule.op in ("<", ">"),
                )
            )
            notes.append(f"kept {rule.text!r} as an SDV Inequality constraint")
        else:
            by_rejection.append(rule)
            notes.append(f"kept {rule.text!r} by rejecting rows that break it")
    return constraints, by_rejection, notes


class Fitted:
    """An SDV synthesizer fitted on a dataset's modelled columns, ready to sample."""

    def __init__(self, dataset, synthesizer, real, by_rejection, notes, seed):
        self.dataset = dataset
        self.synthesizer_ = synthesizer
        self.real_ = real
        self.by_rejection_ = by_rejection
        self.notes_ = notes
        self.seed = seed
        self.sdtypes_ = {
            c: spec["sdtype"]
            for c, spec in modelled_part(dataset)[1]["tables"][dataset.name][
                "columns"
            ].items()
        }

    def sample(self, n_rows: int, condition: dict | None = None) -> pd.DataFrame:
        """Sample ``n_rows`` rows; the same call gives the same rows, in any order."""
        condition = _check_condition(condition, self.real_, self.sdtypes_)
        with _env.third_party_fit(self.seed):
            self.synthesizer_._set_random_state(self.seed)
            synthetic = _sample(
                self.synthesizer_,
                self.dataset.name,
                n_rows,
                condition,
                self.by_rejection_,
                self.real_,
            )
        return match_types(synthetic, self.real_)


def fit(
    dataset: Dataset,
    make_synthesizer,
    seed: int,
    enforce_rules: bool = True,
    uses_torch: bool = False,
) -> Fitted:
    """Fit a synthesizer on the modelled columns of ``dataset``.

    ``make_synthesizer(metadata)`` builds an unfitted SDV synthesizer. With
    ``uses_torch``, torch is imported first, so that ``third_party_fit`` seeds
    it and limits its threads even on the first fit in a process.
    """
    from sdv.metadata import Metadata

    real, metadata_dict = modelled_part(dataset)
    table = metadata_dict["tables"][dataset.name]["columns"]
    sdtypes = {c: spec["sdtype"] for c, spec in table.items()}
    rules = parse_all(dataset.rules) if enforce_rules else []
    rules = [r for r in rules if all(c in real.columns for c in r.columns)]

    with _env.third_party_fit(seed, uses_torch=uses_torch):
        constraints, by_rejection, notes = constraints_for(rules, sdtypes, real)
        synthesizer = make_synthesizer(Metadata.load_from_dict(metadata_dict))
        if constraints:
            synthesizer.add_constraints(constraints)
        synthesizer.fit({dataset.name: real})
    return Fitted(dataset, synthesizer, real, by_rejection, notes, seed)


def fit_and_sample(
    dataset: Dataset,
    make_synthesizer,
    n_rows: int,
    seed: int,
    condition: dict | None = None,
    enforce_rules: bool = True,
    uses_torch: bool = False,
) -> tuple[pd.DataFrame, list[str]]:
    """Fit a synthesizer on the modelled columns and sample ``n_rows`` rows."""
    real, metadata_dict = modelled_part(dataset)
    table = metadata_dict["tables"][dataset.name]["columns"]
    _check_condition(condition, real, {c: spec["sdtype"] for c, spec in table.items()})
    fitted = fit(dataset, make_synthesizer, seed, enforce_rules, uses_torch)
    return fitted.sample(n_rows, condition), fitted.notes_


def _sample(
    synthesizer, table_name, n_rows, condition, by_rejection, real
) -> pd.DataFrame:
    batches, have = [], 0
    for _ in range(_MAX_REJECTION_ROUNDS):
        ask = (
            max(n_rows - have, 1) if not by_rejection else max(2 * (n_rows - have), 10)
        )
        if condition:
            from sdv.sampling import Condition

            try:
                batch = synthesizer.sample_from_conditions(
                    [Condition(num_rows=ask, column_values=condition)]
                )
            except ValueError as error:
                if "Unable to sample any rows" not in str(error):
                    raise
                raise MethodError(
                    f"The model could not make any row with {condition}: it has not "
                    "learned that combination well enough. Train longer (more epochs "
                    "or preset='thorough'), or condition on a more common value."
                ) from None
        else:
            batch = synthesizer.sample(ask)
        if isinstance(batch, dict):
            batch = batch[table_name]
        for rule in by_rejection:
            batch = batch[~rule.violations(batch, real)]
        batches.append(batch)
        have += len(batch)
        if have >= n_rows:
            break
    else:
        texts = "; ".join(r.text for r in by_rejection)
        raise MethodError(
            f"After {_MAX_REJECTION_ROUNDS} rounds only {have} of {n_rows} sampled "
            "rows "
            f"keep the rules ({texts}). Loosen the rules or pass enforce_rules=False."
        )
    return pd.concat(batches, ignore_index=True).head(n_rows)


def _check_condition(condition, real: pd.DataFrame, sdtypes: dict) -> dict | None:
    if condition is None:
        return None
    if not isinstance(condition, dict) or not condition:
        raise MethodError(
            "condition must be a dict of column values such as {'risk': 0}; "
            f"got {condition!r}."
        )
    for column, value in condition.items():
        if column not in real.columns:
            raise MethodError(
                f"The condition names column {column!r}, which is not a modelled "
                f"column. The columns are: {', '.join(map(str, real.columns))}."
            )
        if sdtypes[column] in ("categorical", "boolean") and value not in set(
            real[column]
        ):
            seen = ", ".join(
                map(repr, sorted(real[column].dropna().unique().tolist(), key=str)[:12])
            )
            raise MethodError(
                f"The condition asks for {column}={value!r}, a value the real table "
                f"never has. Its values are: {seen}."
            )
    return dict(condition)
