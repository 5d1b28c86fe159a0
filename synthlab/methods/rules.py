"""The rules method: write down what the data should look like, then sample it.

No real data is needed, which makes this the cold-start method. A spec is a
plain dict (or the same in YAML) with up to three parts::

    columns:                        # one entry per column, in output order
      customer_id: {faker: id}      # a unique code; any Faker provider works
      plan: {categories: {free: 0.6, pro: 0.3, enterprise: 0.1}}
      seats: {distribution: poisson, mean: 3, min: 1}
      monthly_fee: {formula: "seats * 12"}           # derived from other columns
      signup_date: {dates: [2024-01-01, 2024-12-31]}
      churn_date: {after: signup_date, days: [30, 365]}
    rules:
      - when: "plan == 'enterprise'"                 # a conditional rule
        then: {seats: {distribution: integer, min: 50, max: 500}}
      - "churn_date > signup_date"                  # checked on every row
    simulation:                     # optional: entities moving through states
      start: trial
      transitions: {trial: {active: 0.7, churned: 0.3},
                    active: {active: 0.9, churned: 0.1}}
      steps: 12
      start_date: signup_date
      days_per_step: 30

Column kinds: ``categories`` (weights summing to 1, or a list for equal
weights), ``distribution`` (``uniform``, ``integer``, ``normal``, ``lognormal``,
``exponential``, ``poisson``, with ``min``/``max`` bounds and ``decimals``),
``dates`` (a range), ``faker`` (a provider such as ``name`` or ``email``; ``id``
gives unique codes), ``formula`` (arithmetic on other columns, read by
``pandas.eval``) and ``after`` (a date some days after another date column).
Any column may add ``missing: 0.1`` for a share of empty cells.

With a ``simulation``, the result is an event log in the spirit of Synthea: one
row per entity per step, until the entity reaches a state it never leaves.

Given a :class:`~synthlab.datasets.Dataset` instead of a spec, ``spec_from``
derives a spec from the metadata alone: types, ranges and categories, with
equal weights and no correlations. That is structure without fidelity.

>>> spec = {"columns": {"plan": {"categories": {"free": 0.7, "pro": 0.3}},
...                     "seats": {"distribution": "integer", "min": 1, "max": 9}},
...         "rules": [{"when": "plan == 'pro'", "then": {"seats": {"distribution":
...                    "integer", "min": 5, "max": 9}}}]}
>>> table = generate_from_spec(spec, 100, seed=0)
>>> bool((table.loc[table.plan == "pro", "seats"] >= 5).all())
True
"""

from __future__ import annotations

import ast
import logging
import math
from pathlib import Path

import numpy as np
import pandas as pd

from synthlab import _env
from synthlab.datasets import Dataset
from synthlab.errors import SpecError
from synthlab.rules import parse

logger = logging.getLogger("synthlab")

KINDS = ("categories", "distribution", "dates", "faker", "formula", "after", "value")
DISTRIBUTIONS = {
    "uniform": ("min", "max"),
    "integer": ("min", "max"),
    "normal": ("mean", "std"),
    "lognormal": ("mean", "sigma"),
    "exponential": ("mean",),
    "poisson": ("mean",),
}
OPTIONAL_KEYS = {"min", "max", "decimals", "missing", "mean", "std", "sigma", "days"}
_MAX_REDRAWS = 50
STRUCTURE_NOTE = (
    "derived from the metadata alone (types, ranges, categories, equal weights): "
    "structure without fidelity; no real frequencies or correlations are kept"
)


def load_spec(source) -> dict:
    """Read a spec from a dict, a YAML text or a ``.yaml``/``.yml`` file."""
    if isinstance(source, dict):
        return source
    if isinstance(source, Path) or (
        isinstance(source, str) and source.endswith((".yaml", ".yml"))
    ):
        path = Path(source)
        if not path.is_file():
            raise SpecError(
                f"{path}: no such spec file. Check the path to the YAML file."
            )
        source = path.read_text(encoding="utf-8")
    if isinstance(source, str):
        import yaml

        try:
            spec = yaml.safe_load(source)
        except yaml.YAMLError as error:
            raise SpecError(
                f"The spec is not valid YAML: {error}. Check its indentation."
            ) from None
        if not isinstance(spec, dict):
            raise SpecError(
                "A YAML spec must be a mapping with a 'columns' section; "
                f"this one reads as {type(spec).__name__}."
            )
        return spec
    raise SpecError(
        "A rules spec is a dict, a YAML text or a path to a YAML file with a 'columns' "
        f"section; got {type(source).__name__}."
    )


def spec_from(dataset: Dataset) -> dict:
    """A spec from a table's metadata alone: types, ranges, categories; nothing else."""
    columns = {}
    for column in dataset.data.columns:
        if column in dataset.identifiers:
            columns[column] = {"faker": dataset.identifiers[column]}
            continue
        values = dataset.data[column]
        sdtype = dataset.sdtypes.get(column, "categorical")
        present = values.dropna()
        entry: dict
        if sdtype == "id":
            entry = {"faker": "id"}
        elif sdtype == "datetime":
            dates = pd.to_datetime(present)
            entry = {"dates": [str(dates.min().date()), str(dates.max().date())]}
        elif sdtype == "numerical" and len(present):
            integral = bool((present % 1 == 0).all())
            low, high = present.min(), present.max()
            entry = (
                {"distribution": "integer", "min": int(low), "max": int(high)}
                if integral
                else {
                    "distribution": "uniform",
                    "min": float(low),
                    "max": float(high),
                    "decimals": _decimals(present),
                }
            )
        else:
            entry = {"categories": sorted(present.unique().tolist(), key=str)}
        share = float(values.isna().mean())
        if share > 0:
            entry["missing"] = round(share, 2)
        columns[column] = entry
    return {"columns": columns}


def _decimals(values: pd.Series) -> int:
    text = values.astype(str).str.split(".").str[1].fillna("")
    return int(min(text.str.len().max(), 6))


def generate_from_spec(spec, n_rows: int, seed: int = 0) -> pd.DataFrame:
    """Sample ``n_rows`` rows (or entities, with a simulation) from a spec."""
    spec = load_spec(spec)
    columns, rules, simulation = _validate(spec)
    generator = _env.rng(seed)
    order = _derivation_order(columns)

    table = _draw(columns, rules, order, n_rows, generator, seed)
    checks = [r for r in rules if isinstance(r, str)]
    for _ in range(_MAX_REDRAWS):
        broken = _broken_rows(table, checks)
        if not broken.any():
            break
        fresh = _draw(columns, rules, order, int(broken.sum()), generator, seed + 1)
        fresh.index = table.index[broken]
        table.loc[broken] = fresh
    else:
        raise SpecError(
            f"After {_MAX_REDRAWS} redraws, {int(broken.sum())} rows still break "
            f"the rules {', '.join(map(repr, checks))}. The columns as specified "
            "cannot satisfy them: widen a range or fix the rule."
        )
    table = table[list(columns)]
    if simulation:
        table = _simulate(table, simulation, generator)
    return table.reset_index(drop=True)


# -- checking a spec -----------------------------------------------------------


def _validate(spec: dict):
    unknown = set(spec) - {"columns", "rules", "simulation", "name", "description"}
    if unknown:
        raise SpecError(
            f"The spec has unknown section(s) {', '.join(map(repr, sorted(unknown)))}; "
            "the sections are 'columns', 'rules' and 'simulation'."
        )
    columns = spec.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise SpecError(
            "The spec needs a 'columns' section naming at least one column, such as "
            "{'columns': {'plan': {'categories': ['free', 'pro']}}}."
        )
    for name, entry in columns.items():
        _check_column(name, entry, columns)
    rules = spec.get("rules") or []
    if not isinstance(rules, list):
        raise SpecError(
            "'rules' must be a list of rule sentences or when/then entries."
        )
    for rule in rules:
        _check_rule(rule, columns)
    simulation = spec.get("simulation")
    if simulation is not None:
        _check_simulation(simulation, columns)
    return columns, rules, simulation


def _check_column(name: str, entry, columns: dict) -> None:
    if not isinstance(entry, dict):
        raise SpecError(
            f"Column {name!r}: expected a mapping such as {{'categories': ['a', 'b']}} "
            f"or {{'distribution': 'normal', 'mean': 0, 'std': 1}}; got {entry!r}."
        )
    kinds = [k for k in KINDS if k in entry]
    if len(kinds) != 1:
        found = ", ".join(kinds) or "none"
        raise SpecError(
            f"Column {name!r} must say how it is made with exactly one of "
            f"{', '.join(KINDS)}; found {found}."
        )
    kind = kinds[0]
    extra = set(entry) - {kind} - OPTIONAL_KEYS
    if extra:
        raise SpecError(
            f"Column {name!r} has unknown key(s) "
            f"{', '.join(map(repr, sorted(extra)))}. "
            f"Allowed with {kind!r}: {', '.join(sorted(OPTIONAL_KEYS))}."
        )
    missing = entry.get("missing", 0)
    if not isinstance(missing, (int, float)) or not 0 <= missing < 1:
        raise SpecError(
            f"Column {name!r}: 'missing' is a share from 0 to below 1; got {missing!r}."
        )
    if "min" in entry and "max" in entry and entry["min"] > entry["max"]:
        raise SpecError(
            f"Column {name!r}: min ({entry['min']}) is greater than max "
            f"({entry['max']}). "
            "Swap them."
        )
    if kind == "categories":
        _check_weights(f"Column {name!r}", entry["categories"])
    elif kind == "distribution":
        _check_distribution(name, entry)
    elif kind == "dates":
        _dates_range(name, entry["dates"])
    elif kind == "faker":
        _faker_provider(name, entry["faker"])
    elif kind == "formula":
        _formula_columns(name, entry["formula"], columns)
    elif kind == "after":
        if entry["after"] not in columns:
            raise SpecError(
                _unknown_column(
                    f"Column {name!r} comes 'after'", entry["after"], columns
                )
            )
        days = entry.get("days", [1, 30])
        if not (
            isinstance(days, (list, tuple)) and len(days) == 2 and days[0] <= days[1]
        ):
            raise SpecError(
                f"Column {name!r}: 'days' is a range [low, high] with low <= high; "
                f"got {days!r}."
            )


def _check_weights(where: str, categories) -> None:
    if isinstance(categories, (list, tuple)):
        if not categories:
            raise SpecError(
                f"{where}: the list of categories is empty; name at least one."
            )
        return
    if not isinstance(categories, dict) or not categories:
        raise SpecError(
            f"{where}: categories are a list, or a mapping of category to weight."
        )
    weights = list(categories.values())
    if any(not isinstance(w, (int, float)) or w < 0 for w in weights):
        raise SpecError(
            f"{where}: every weight must be a number 0 or above; got {weights!r}."
        )
    total = float(sum(weights))
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        raise SpecError(
            f"{where}: the weights sum to {total:g}, not 1. Make them shares that add "
            "up "
            "to 1 (for instance divide each by their total), or give a list for equal "
            "weights."
        )


def _check_distribution(name: str, entry: dict) -> None:
    shape = entry["distribution"]
    if shape not in DISTRIBUTIONS:
        raise SpecError(
            f"Column {name!r}: unknown distribution {shape!r}. The distributions are: "
            f"{', '.join(DISTRIBUTIONS)}."
        )
    needed = [p for p in DISTRIBUTIONS[shape] if p not in entry]
    if needed:
        raise SpecError(
            f"Column {name!r}: a {shape} distribution needs "
            f"{', '.join(DISTRIBUTIONS[shape])}; "
            f"{', '.join(needed)} is missing."
        )
    for key in ("std", "sigma"):
        if key in entry and entry[key] <= 0:
            raise SpecError(
                f"Column {name!r}: {key} must be above 0; got {entry[key]!r}."
            )
    if shape in ("exponential", "poisson") and entry["mean"] <= 0:
        raise SpecError(
            f"Column {name!r}: the mean of a {shape} distribution must be above 0."
        )


def _dates_range(name: str, dates) -> tuple[pd.Timestamp, pd.Timestamp]:
    try:
        start, end = (pd.Timestamp(str(d)) for d in dates)
    except (TypeError, ValueError):
        raise SpecError(
            f"Column {name!r}: 'dates' is a range [start, end] such as "
            f"['2024-01-01', '2024-12-31']; got {dates!r}."
        ) from None
    if start > end:
        raise SpecError(
            f"Column {name!r}: the dates run backwards ({start.date()} > {end.date()})."
        )
    return start, end


def _faker_provider(name: str, provider: str):
    from faker import Faker

    if provider in ("id", "text"):
        return provider
    if not isinstance(provider, str) or not callable(
        getattr(Faker("en_US"), provider, None)
    ):
        raise SpecError(
            f"Column {name!r}: Faker has no provider {provider!r}. Try one such as "
            "'name', 'email', 'phone_number', 'company', 'city', 'sentence', or 'id'."
        )
    return provider


def _formula_columns(name: str, formula: str, columns: dict) -> set[str]:
    try:
        tree = ast.parse(str(formula), mode="eval")
    except SyntaxError:
        raise SpecError(
            f"Column {name!r}: the formula {formula!r} is not valid arithmetic."
        ) from None
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    for column in sorted(used):
        if column not in columns:
            raise SpecError(
                _unknown_column(
                    f"The formula of column {name!r} reads", column, columns
                )
            )
    return used


def _unknown_column(where: str, column: str, columns: dict) -> str:
    return (
        f"{where} column {column!r}, which the spec does not define. "
        f"Its columns are: {', '.join(columns)}."
    )


def _check_rule(rule, columns: dict) -> None:
    if isinstance(rule, str):
        parsed = parse(rule)
        for column in parsed.columns:
            if column not in columns:
                raise SpecError(
                    _unknown_column(f"The rule {rule!r} reads", column, columns)
                )
        return
    if not isinstance(rule, dict) or set(rule) != {"when", "then"}:
        raise SpecError(
            "A rule is a sentence such as 'churn_date > signup_date', or a mapping "
            f"with 'when' and 'then'; got {rule!r}."
        )
    _query_columns(rule["when"], columns)
    if not isinstance(rule["then"], dict) or not rule["then"]:
        raise SpecError(
            f"The 'then' of rule when {rule['when']!r} must map columns to specs."
        )
    for column, entry in rule["then"].items():
        if column not in columns:
            raise SpecError(
                _unknown_column(f"The rule when {rule['when']!r} sets", column, columns)
            )
        _check_column(column, entry, columns)


def _query_columns(query: str, columns: dict) -> set[str]:
    try:
        tree = ast.parse(str(query), mode="eval")
    except SyntaxError:
        raise SpecError(
            f"The condition {query!r} is not a valid comparison, "
            "such as \"plan == 'enterprise'\"."
        ) from None
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    for column in sorted(used - {"and", "or", "not", "True", "False"}):
        if column not in columns:
            raise SpecError(
                _unknown_column(f"The condition {query!r} reads", column, columns)
            )
    return used


def _check_simulation(simulation, columns: dict) -> None:
    if not isinstance(simulation, dict) or "transitions" not in simulation:
        raise SpecError(
            "A simulation needs 'transitions': for each state, the chance of "
            "each next state, such as "
            "{'active': {'active': 0.9, 'churned': 0.1}}."
        )
    transitions = simulation["transitions"]
    if not isinstance(transitions, dict) or not transitions:
        raise SpecError("'transitions' must map each state to its next-state weights.")
    for state, weights in transitions.items():
        _check_weights(f"The transitions from state {state!r}", weights)
    start = simulation.get("start", next(iter(transitions)))
    states = set(transitions) | {s for w in transitions.values() for s in w}
    if start not in states:
        raise SpecError(
            f"The simulation starts in state {start!r}, which no transition mentions. "
            f"The states are: {', '.join(sorted(states))}."
        )
    steps = simulation.get("steps", 12)
    if not isinstance(steps, int) or steps < 1:
        raise SpecError(
            "The simulation's 'steps' must be a whole number 1 or above; got"
            f" {steps!r}."
        )
    date_column = simulation.get("start_date")
    if date_column is not None and date_column not in columns:
        raise SpecError(
            _unknown_column("The simulation starts at", date_column, columns)
        )


def _derivation_order(columns: dict) -> list[str]:
    """Columns in an order where each derived column follows what it reads."""
    needs = {}
    for name, entry in columns.items():
        if "formula" in entry:
            needs[name] = _formula_columns(name, entry["formula"], columns)
        elif "after" in entry:
            needs[name] = {entry["after"]}
        else:
            needs[name] = set()
    order, done, visiting = [], set(), []

    def visit(name):
        if name in done:
            return
        if name in visiting:
            cycle = visiting[visiting.index(name) :] + [name]
            raise SpecError(
                f"The derived columns form a cycle: {' -> '.join(cycle)}. Make one of "
                "them a drawn column (categories or a distribution) instead of derived."
            )
        visiting.append(name)
        for other in sorted(needs[name]):
            visit(other)
        visiting.pop()
        done.add(name)
        order.append(name)

    for name in columns:
        visit(name)
    return order


# -- drawing -------------------------------------------------------------------


def _draw(columns, rules, order, n_rows, generator, seed) -> pd.DataFrame:
    table = pd.DataFrame(index=range(n_rows))
    drawn = [c for c in order if not _is_derived(columns[c])]
    for name in drawn:
        table[name] = _draw_column(name, columns[name], n_rows, generator, seed)
    for rule in rules:
        if isinstance(rule, dict):
            mask = _where(table, rule["when"])
            for name, entry in rule["then"].items():
                if mask.any() and not _is_derived(entry):
                    values = _draw_column(name, entry, int(mask.sum()), generator, seed)
                    table[name] = table[name].astype(object)
                    table.loc[mask, name] = list(values)
                    table[name] = table[name].infer_objects()
    for name in order:
        if _is_derived(columns[name]):
            table[name] = _derive(table, columns[name], generator)
            for rule in rules:
                if isinstance(rule, dict) and name in rule["then"]:
                    mask = _where(table, rule["when"])
                    table.loc[mask, name] = _derive(
                        table.loc[mask], rule["then"][name], generator
                    )
    for name, entry in columns.items():
        if entry.get("missing"):
            holes = generator.random(n_rows) < entry["missing"]
            table[name] = table[name].astype(object).where(~holes, None).infer_objects()
    return table


def _is_derived(entry: dict) -> bool:
    return "formula" in entry or "after" in entry


def _where(table: pd.DataFrame, query: str) -> pd.Series:
    try:
        mask = table.eval(query)
    except Exception as error:  # pandas raises many kinds for a bad expression
        raise SpecError(
            f"The condition {query!r} could not be evaluated: {error}."
        ) from None
    return pd.Series(mask, index=table.index).fillna(False).astype(bool)


def _draw_column(name, entry, n, generator, seed):
    if "value" in entry:
        return [entry["value"]] * n
    if "categories" in entry:
        categories = entry["categories"]
        if isinstance(categories, dict):
            labels, weights = list(categories), np.array(
                list(categories.values()), float
            )
        else:
            labels, weights = list(categories), np.ones(len(categories))
        picks = generator.choice(len(labels), size=n, p=weights / weights.sum())
        return [labels[i] for i in picks]
    if "distribution" in entry:
        return _draw_numbers(entry, n, generator)
    if "dates" in entry:
        start, end = _dates_range(name, entry["dates"])
        days = generator.integers(0, (end - start).days + 1, size=n)
        return pd.Series(start + pd.to_timedelta(days, unit="D"))
    return _draw_faker(entry["faker"], n, generator)


def _draw_numbers(entry, n, generator):
    shape = entry["distribution"]
    low, high = entry.get("min", -np.inf), entry.get("max", np.inf)
    if shape == "uniform":
        values = generator.uniform(low, high, size=n)
    elif shape == "integer":
        return generator.integers(int(low), int(high) + 1, size=n)
    elif shape == "normal":
        values = generator.normal(entry["mean"], entry["std"], size=n)
    elif shape == "lognormal":
        values = generator.lognormal(entry["mean"], entry["sigma"], size=n)
    elif shape == "exponential":
        values = generator.exponential(entry["mean"], size=n)
    else:
        values = generator.poisson(entry["mean"], size=n)
    values = np.clip(values, low, high)
    if shape == "poisson":
        return values.astype(int)
    decimals = entry.get("decimals")
    return np.round(values, decimals) if decimals is not None else values


def _draw_faker(provider, n, generator):
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(int(generator.integers(2**31)))
    if provider == "id":
        codes = set()
        while len(codes) < n:
            codes.add(fake.bothify("??-########").upper())
        return sorted(codes, key=lambda c: fake.random.random())
    make = getattr(fake, "sentence" if provider == "text" else provider)
    return [make() for _ in range(n)]


def _derive(table: pd.DataFrame, entry: dict, generator):
    if "after" in entry:
        low, high = entry.get("days", [1, 30])
        start = pd.to_datetime(table[entry["after"]])
        offsets = generator.integers(low, high + 1, size=len(table))
        return start + pd.to_timedelta(offsets, unit="D")
    try:
        values = table.eval(str(entry["formula"]))
    except Exception as error:  # pandas raises many kinds for a bad expression
        raise SpecError(
            f"The formula {entry['formula']!r} could not be evaluated: {error}."
        ) from None
    if "decimals" in entry:
        values = values.round(entry["decimals"])
    return values


def _broken_rows(table: pd.DataFrame, checks: list[str]) -> pd.Series:
    broken = pd.Series(False, index=table.index)
    for text in checks:
        rule = parse(text)
        frame = table
        if rule.value is None and any(
            pd.api.types.is_datetime64_any_dtype(table[c]) for c in rule.columns
        ):
            frame = table[list(rule.columns)].apply(
                lambda s: (pd.to_datetime(s) - pd.Timestamp(0)).dt.total_seconds()
            )
        broken |= rule.violations(frame)
    return broken


# -- simulation ----------------------------------------------------------------


def _simulate(entities: pd.DataFrame, simulation: dict, generator) -> pd.DataFrame:
    transitions = simulation["transitions"]
    start = simulation.get("start", next(iter(transitions)))
    steps = simulation.get("steps", 12)
    date_column = simulation.get("start_date")
    days_per_step = simulation.get("days_per_step", 30)
    records = []
    for position, (_, entity) in enumerate(entities.iterrows()):
        state = start
        for step in range(steps):
            record = {**entity.to_dict(), "step": step, "state": state}
            if date_column is not None:
                record["date"] = pd.Timestamp(entity[date_column]) + pd.Timedelta(
                    days=days_per_step * step
                )
            records.append(record)
            weights = transitions.get(state)
            if not weights:  # a state with no way out ends the entity's story
                break
            labels = list(weights) if isinstance(weights, dict) else list(weights)
            shares = (
                np.array(list(weights.values()), float)
                if isinstance(weights, dict)
                else np.ones(len(labels))
            )
            state = labels[generator.choice(len(labels), p=shares / shares.sum())]
    return pd.DataFrame.from_records(records)
