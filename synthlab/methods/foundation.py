"""The foundation-model family: rows from a language model, checked one by one.

Four parts, each usable alone:

* ``build_prompt`` writes a prompt from a table's metadata. By default it sends
  the schema only (column names, types, categories): no real row, no figure
  computed from real rows. ``include="statistics"`` adds aggregates (ranges,
  means, category shares); ``include="examples"`` adds real rows, and only with
  ``allow_real_rows=True``, with a :class:`RealRowsWarning` saying what leaves
  the machine.
* ``parse_response`` reads an answer (CSV or JSON lines, with or without a
  markdown fence and chatter around it) and checks every row against the
  metadata: types, the real ranges, the real categories. It returns the rows
  accepted and the rows rejected with the reason.
* ``ask`` sends a prompt to any OpenAI-compatible chat-completions endpoint
  named by environment variables (``SYNTHLAB_LLM_BASE_URL``,
  ``SYNTHLAB_LLM_MODEL``, ``SYNTHLAB_LLM_API_KEY``, ``SYNTHLAB_LLM_TIMEOUT``).
  Nothing is sent unless they are set.
* ``miniature_llm`` (``method="llm"`` offline) trains a small character-level
  language model on the table's rows written as text ("age is 48, sex is male,
  ..." in shuffled column order: the GReaT idea of Borisov et al., ICLR 2023),
  samples text from it and parses it as above. It is a miniature of the method:
  a few seconds on a laptop instead of a pretrained model with billions of
  weights. Its invented values and broken rows are kept in
  ``DataFrame.attrs["rejected"]``, because they are the method's typical
  artefacts.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import re
import time
import warnings
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from synthlab import _env
from synthlab.datasets import Dataset
from synthlab.errors import MethodError, NotConfiguredError, ResponseError, SpecError
from synthlab.methods._common import modelled_part

logger = logging.getLogger("synthlab")

INCLUDE_LEVELS = ("schema", "statistics", "examples")
ENVIRONMENT = {
    "base_url": "SYNTHLAB_LLM_BASE_URL",
    "model": "SYNTHLAB_LLM_MODEL",
    "api_key": "SYNTHLAB_LLM_API_KEY",
    "timeout": "SYNTHLAB_LLM_TIMEOUT",
}


class RealRowsWarning(UserWarning):
    """A prompt carries real rows: they leave the machine when it is sent."""


# -- the prompt ----------------------------------------------------------------


def build_prompt(
    dataset: Dataset,
    n_rows: int,
    include: str = "schema",
    allow_real_rows: bool = False,
    n_examples: int = 5,
    seed: int = 0,
) -> str:
    """A prompt asking a language model for ``n_rows`` rows shaped like ``dataset``.

    Parameters
    ----------
    include : {"schema", "statistics", "examples"}
        What the prompt tells the model, each level adding to the one before:
        the schema (names, types, categories and code meanings); aggregate
        statistics of the real table; real example rows.
    allow_real_rows : bool
        Must be True for ``include="examples"``: real rows then leave the
        machine, and a :class:`RealRowsWarning` says so.
    n_examples, seed : int
        How many real rows to include, and which (a seeded draw).

    Personal-identifier columns are left out at every level.

    >>> import synthlab
    >>> prompt = build_prompt(synthlab.datasets.load("german_credit"), 10)
    >>> "- housing: category, one of: free, own, rent" in prompt
    True
    """
    if include not in INCLUDE_LEVELS:
        raise SpecError(
            f"include must be one of {', '.join(INCLUDE_LEVELS)}; got {include!r}."
        )
    if include == "examples" and not allow_real_rows:
        raise SpecError(
            "include='examples' puts real rows of the table into the prompt, which "
            "leaves your machine when it is sent. Pass allow_real_rows=True if that is "
            "allowed for this data, or use include='schema' or 'statistics'."
        )
    real, _ = modelled_part(dataset)
    kinds = _column_kinds(dataset, real)

    lines = [
        (
            f"Generate {n_rows} rows of realistic synthetic data for a table called "
            f"{dataset.name!r}."
        ),
    ]
    if dataset.description:
        lines.append(f"About the table: {dataset.description}")
    lines += ["", "Columns, in this order:"]
    for column in real.columns:
        empty = ", may be empty" if real[column].isna().any() else ""
        lines.append(f"- {column}: {_describe(column, kinds[column], dataset)}{empty}")
    if dataset.rules:
        lines += ["", "Every row must obey these rules:"]
        lines += [f"- {rule}" for rule in dataset.rules]
    if include in ("statistics", "examples"):
        lines += ["", "Aggregate statistics of the real table (no real rows):"]
        lines += [
            f"- {column}: {_statistics(real[column], kinds[column])}"
            for column in real.columns
        ]
    if include == "examples":
        examples = real.sample(n=min(n_examples, len(real)), random_state=seed)
        lines += [
            "",
            f"{len(examples)} real rows, as examples of the format:",
            "```csv",
            examples.to_csv(index=False).strip(),
            "```",
        ]
        warnings.warn(
            f"This prompt holds {len(examples)} real rows of {dataset.name!r}; sending "
            "it passes them to the model's provider, who may log or keep them.",
            RealRowsWarning,
            stacklevel=2,
        )
    lines += [
        "",
        (
            "Answer with one CSV table: a header row with exactly these column names, "
            f"then {n_rows} data rows, inside a single ```csv code block. "
            "Do not add any other text."
        ),
    ]
    return "\n".join(lines) + "\n"


def _column_kinds(dataset: Dataset, real: pd.DataFrame) -> dict[str, str]:
    kinds = {}
    for column in real.columns:
        sdtype = dataset.sdtypes.get(column, "categorical")
        if sdtype in ("categorical", "boolean"):
            kinds[column] = "category"
        elif sdtype == "datetime":
            kinds[column] = "date"
        elif (
            pd.api.types.is_integer_dtype(real[column])
            or (real[column].dropna() % 1 == 0).all()
        ):
            kinds[column] = "integer"
        else:
            kinds[column] = "number"
    return kinds


def _describe(column: str, kind: str, dataset: Dataset) -> str:
    meaning = dataset.codes.get(column)
    if kind == "category":
        values = sorted(dataset.data[column].dropna().unique().tolist(), key=_sort_key)
        text = f"category, one of: {', '.join(map(str, values))}"
    elif kind == "integer":
        text = "whole number"
    elif kind == "date":
        text = "date, as YYYY-MM-DD"
    else:
        text = "number"
    return f"{text} ({meaning})" if meaning else text


def _sort_key(value):
    return (
        (0, value, "")
        if isinstance(value, (int, float, np.number))
        else (1, 0, str(value))
    )


def _statistics(values: pd.Series, kind: str) -> str:
    present = values.dropna()
    missing = f"; {values.isna().mean():.0%} empty" if values.isna().any() else ""
    if kind == "category":
        shares = present.value_counts(normalize=True).sort_index(
            key=lambda s: s.map(_sort_key)
        )
        return ", ".join(f"{k} {v:.0%}" for k, v in shares.items()) + missing
    return (
        f"from {present.min():g} to {present.max():g}, mean {present.mean():.4g}, "
        f"median {present.median():.4g}{missing}"
    )


# -- reading an answer ---------------------------------------------------------


class ParsedRows(NamedTuple):
    """Rows read from a model's answer: those that passed every check, and the rest.

    ``rejected`` has the columns ``row`` (the text as given) and ``reason``.
    """

    accepted: pd.DataFrame
    rejected: pd.DataFrame


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str
    low: float | None = None
    high: float | None = None
    categories: dict | None = None  # text form -> real value
    nullable: bool = False
    dtype: object = None


def _schema(dataset: Dataset) -> dict[str, _Column]:
    real, _ = modelled_part(dataset)
    kinds = _column_kinds(dataset, real)
    schema = {}
    for column in real.columns:
        values = real[column]
        present = values.dropna()
        kind = kinds[column]
        nullable = bool(values.isna().any())
        if kind == "category":
            categories = {_text(v): v for v in present.unique()}
            schema[column] = _Column(
                column,
                kind,
                categories=categories,
                nullable=nullable,
                dtype=values.dtype,
            )
        elif kind == "date":
            dates = pd.to_datetime(present)
            schema[column] = _Column(
                column,
                kind,
                dates.min().value,
                dates.max().value,
                nullable=nullable,
                dtype=values.dtype,
            )
        else:
            schema[column] = _Column(
                column,
                kind,
                float(present.min()),
                float(present.max()),
                nullable=nullable,
                dtype=values.dtype,
            )
    return schema


def _text(value) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def parse_response(text: str, dataset: Dataset) -> ParsedRows:
    r"""Read the rows of a model's answer and check each against ``dataset``.

    The table may be CSV with a header row, JSON lines, or a JSON list of
    objects, with or without a markdown code fence and text around it. A row is
    rejected, with its reason, when a value is not of the column's type, lies
    outside the range of the real column, or is a category the real column
    never has; or when the row lacks a column or has fields that do not line up.

    Raises
    ------
    ResponseError
        When the answer holds no table whose header names the table's columns.

    >>> import synthlab
    >>> credit = synthlab.datasets.load("german_credit")
    >>> header = ",".join(credit.data.columns)
    >>> answer = "\n".join(["Here you go:", "```csv", header,
    ...                     "1,male,2,own,little,little,2500,12,car,35",
    ...                     "0,female,1,rent,little,none,900,6,holiday,230", "```"])
    >>> accepted, rejected = parse_response(answer, credit)
    >>> len(accepted)
    1
    >>> for reason in rejected["reason"][0].split("; "):
    ...     print(reason)
    checking_account: 'none' is not one of its categories
    purpose: 'holiday' is not one of its categories
    age: 230 is outside the real range 19 to 75
    """
    if not isinstance(text, str) or not text.strip():
        raise ResponseError(
            "The answer is empty; there is no table to read. Ask the model again."
        )
    schema = _schema(dataset)
    body = _fenced(text)
    records, rejected = _json_records(body, schema)
    if records is None:
        records, rejected = _csv_records(body, schema, text)
    return _check_rules(_check_records(records, rejected, schema), dataset)


def _fenced(text: str) -> str:
    blocks = re.findall(r"```[\w-]*[ \t]*\n(.*?)(?:```|\Z)", text, flags=re.S)
    return max(blocks, key=len) if blocks else text


def _json_records(body: str, schema):
    stripped = body.strip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError:
            items = None
        if isinstance(items, list):
            records, rejected = [], []
            for number, item in enumerate(items):
                if isinstance(item, dict):
                    records.append((number, json.dumps(item), item))
                else:
                    rejected.append((number, json.dumps(item), "not a JSON object"))
            return records, rejected
    lines = [line.strip().rstrip(",") for line in body.splitlines() if line.strip()]
    object_lines = [line for line in lines if line.startswith("{")]
    if not object_lines or len(object_lines) < len(lines) / 2:
        return None, []
    records, rejected = [], []
    for number, line in enumerate(object_lines):
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            rejected.append((number, line, "not valid JSON"))
            continue
        if isinstance(item, dict):
            records.append((number, line, item))
        else:
            rejected.append((number, line, "not a JSON object"))
    return records, rejected


def _csv_records(body: str, schema, original: str):
    lines = body.splitlines()
    names = set(schema)
    for start, line in enumerate(lines):
        delimiter = max(",;\t|", key=line.count)
        fields = [
            f.strip().strip('"').strip()
            for f in next(csv.reader([line], delimiter=delimiter))
        ]
        if len(fields) > 1 and sum(f in names for f in fields) >= max(
            1, len(names) / 2
        ):
            header = fields
            break
    else:
        raise ResponseError(
            "The answer holds no table: no line of it is a CSV header naming the "
            f"columns ({', '.join(schema)}), and it is not JSON lines. It begins "
            f"{_preview(original)}. Ask the model again for a CSV table only."
        )
    records, rejected = [], []
    for number, line in enumerate(lines[start + 1 :]):
        if not line.strip():
            if records:
                break
            continue
        if line.strip().startswith("```"):
            break
        fields = [
            f.strip()
            for f in next(
                csv.reader([line], delimiter=delimiter, skipinitialspace=True)
            )
        ]
        if len(fields) != len(header):
            rejected.append(
                (
                    number,
                    line,
                    f"has {len(fields)} fields but the header has {len(header)}",
                )
            )
            continue
        records.append((number, line, dict(zip(header, fields))))
    return records, rejected


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat[:60] + ("..." if len(flat) > 60 else ""))


def _check_records(records, rejected, schema) -> ParsedRows:
    accepted, rejected = [], list(rejected)
    for number, raw, record in records:
        row, problems = _check_row(record, schema)
        if problems:
            rejected.append((number, raw, "; ".join(problems)))
        else:
            accepted.append(row)
    rejected = [
        (raw, reason) for _, raw, reason in sorted(rejected, key=lambda r: r[0])
    ]
    table = pd.DataFrame(accepted, columns=list(schema))
    for column in schema.values():
        if len(table) and column.dtype is not None:
            try:
                table[column.name] = table[column.name].astype(column.dtype)
            except (TypeError, ValueError):
                pass
    return ParsedRows(table, pd.DataFrame(rejected, columns=["row", "reason"]))


def _check_rules(parsed: ParsedRows, dataset: Dataset) -> ParsedRows:
    """Move accepted rows that break one of the dataset's rules to the rejected ones."""
    from synthlab.rules import parse_all

    accepted, rejected = parsed
    if not len(accepted) or not dataset.rules:
        return parsed
    reasons = pd.Series("", index=accepted.index)
    for rule in parse_all(dataset.rules):
        if all(c in accepted.columns for c in rule.columns):
            broken = rule.violations(accepted, dataset.data)
            reasons[broken] = reasons[broken] + f"breaks the rule {rule.text!r}; "
    bad = reasons != ""
    if not bad.any():
        return parsed
    moved = pd.DataFrame(
        {
            "row": (
                accepted[bad].apply(
                    lambda r: row_as_text(r.to_dict(), accepted.columns), axis=1
                )
            ),
            "reason": reasons[bad].str.rstrip("; "),
        }
    )
    return ParsedRows(
        accepted[~bad].reset_index(drop=True),
        pd.concat([rejected, moved], ignore_index=True),
    )


def _check_row(record: dict, schema) -> tuple[dict, list[str]]:
    row, problems = {}, []
    for name in record:
        if name not in schema:
            problems.append(f"{name!r} is not a column of the table")
    for name, column in schema.items():
        if name not in record:
            problems.append(f"{name}: missing")
            continue
        value, problem = _check_value(record[name], column)
        if problem:
            problems.append(f"{name}: {problem}")
        row[name] = value
    return row, problems


def _check_value(value, column: _Column):
    if value is None or (
        isinstance(value, str) and value.strip() in ("", "NA", "NaN", "null", "empty")
    ):
        return (
            (None, None)
            if column.nullable
            else (None, "empty, but the real column is never empty")
        )
    if column.kind == "category":
        text = _text(value)
        if text not in column.categories:
            return None, f"{text!r} is not one of its categories"
        return column.categories[text], None
    if column.kind == "date":
        stamp = pd.to_datetime(str(value), errors="coerce")
        if pd.isna(stamp):
            return None, f"{value!r} is not a date"
        if not column.low <= stamp.value <= column.high:
            return None, f"{stamp.date()} is outside the real range"
        return stamp, None
    try:
        number = (
            float(str(value).replace(",", ""))
            if not isinstance(value, (int, float))
            else float(value)
        )
    except ValueError:
        return None, f"{value!r} is not a number"
    if math.isnan(number) or math.isinf(number):
        return None, f"{value!r} is not a number"
    if column.kind == "integer" and not number.is_integer():
        return None, f"{value!r} is not a whole number"
    if not column.low <= number <= column.high:
        return (
            None,
            (
                f"{_text(number)} is outside the real range "
                f"{_text(column.low)} to {_text(column.high)}"
            ),
        )
    return (int(number) if column.kind == "integer" else number), None


# -- an OpenAI-compatible endpoint ---------------------------------------------


@dataclass(frozen=True)
class EndpointSettings:
    """Where to send prompts; read from the environment by :func:`settings`."""

    base_url: str
    model: str
    api_key: str | None
    timeout: float = 60.0


def settings() -> EndpointSettings:
    """The endpoint named by the environment, or ``NotConfiguredError``."""
    base_url = os.environ.get(ENVIRONMENT["base_url"], "").strip()
    model = os.environ.get(ENVIRONMENT["model"], "").strip()
    missing = [
        ENVIRONMENT[k] for k, v in (("base_url", base_url), ("model", model)) if not v
    ]
    if missing:
        raise NotConfiguredError(
            f"No language-model endpoint is configured: {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not set. Set "
            f"{ENVIRONMENT['base_url']} (such as http://localhost:8000/v1), "
            f"{ENVIRONMENT['model']} and, if the service needs one, "
            f"{ENVIRONMENT['api_key']}; "
            "or use method='llm' offline, which trains a miniature model locally."
        )
    raw_timeout = os.environ.get(ENVIRONMENT["timeout"], "60")
    try:
        timeout = float(raw_timeout)
    except ValueError:
        raise NotConfiguredError(
            f"{ENVIRONMENT['timeout']} must be a number of seconds; got "
            f"{raw_timeout!r}."
        ) from None
    return EndpointSettings(
        base_url.rstrip("/"),
        model,
        os.environ.get(ENVIRONMENT["api_key"]) or None,
        timeout,
    )


def ask(
    prompt: str, temperature: float = 0.7, endpoint: EndpointSettings | None = None
) -> str:
    """Send ``prompt`` to the configured chat-completions endpoint; return the answer.

    Raises ``NotConfiguredError`` when no endpoint is set, and ``ResponseError``
    when the endpoint cannot be reached, refuses, or answers in an unknown shape.
    """
    import urllib.error
    import urllib.request

    endpoint = endpoint or settings()
    url = f"{endpoint.base_url}/chat/completions"
    body = json.dumps(
        {
            "model": endpoint.model,
            "messages": [{"role": "user", "content": prompt}],
            "temperature": temperature,
        }
    ).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if endpoint.api_key:
        headers["Authorization"] = f"Bearer {endpoint.api_key}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=endpoint.timeout) as response:
            payload = response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", errors="replace")[:200]
        hint = (
            " The API key was refused; check SYNTHLAB_LLM_API_KEY."
            if error.code in (401, 403)
            else ""
        )
        raise ResponseError(
            f"The endpoint {url} answered HTTP {error.code}: {detail!r}.{hint}"
        ) from None
    except (TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError):
            raise ResponseError(
                f"The endpoint {url} did not answer within {endpoint.timeout:g} s. "
                f"Raise {ENVIRONMENT['timeout']} or ask for fewer rows."
            ) from None
        raise ResponseError(
            f"Could not reach the endpoint {url}: {reason}. Check "
            f"{ENVIRONMENT['base_url']} and that the service is running."
        ) from None
    logger.info("endpoint answered in %.1f s", time.perf_counter() - started)
    try:
        return json.loads(payload)["choices"][0]["message"]["content"]
    except (json.JSONDecodeError, KeyError, IndexError, TypeError):
        raise ResponseError(
            f"The endpoint {url} answered, but not in the chat-completions shape "
            f"(choices[0].message.content); it began {_preview(payload)}."
        ) from None


# -- the offline miniature: a small language model trained on rows as text ----

MINIATURE_PRESETS = {
    "quick": {
        "steps": 100,
        "hidden": 64,
        "sequence_length": 16,
        "batch_size": 128,
        "max_train_rows": 1000,
    },
    "thorough": {
        "steps": 1000,
        "hidden": 128,
        "sequence_length": 32,
        "batch_size": 64,
        "max_train_rows": 5000,
    },
}
_MAX_ROUNDS = 6


def row_as_text(row: dict, order) -> str:
    """One row as a sentence, in the given column order: 'age is 48, sex is male'."""
    parts = []
    for column in order:
        value = row[column]
        parts.append(f"{column} is {'empty' if _is_missing(value) else _text(value)}")
    return ", ".join(parts)


def _is_missing(value) -> bool:
    return (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or value is pd.NaT
    )


def text_as_record(line: str) -> tuple[dict | None, str | None]:
    """Read a sentence written by :func:`row_as_text` back into a record."""
    record = {}
    for part in line.split(", "):
        if " is " not in part:
            return None, f"{part!r} is not of the form 'column is value'"
        column, value = part.split(" is ", 1)
        if column in record:
            return None, f"{column!r} appears twice"
        record[column] = None if value == "empty" else value
    return record, None


def miniature_llm(
    dataset: Dataset,
    n_rows: int,
    seed: int = 0,
    preset: str = "quick",
    steps: int | None = None,
    temperature: float = 0.8,
    condition: dict | None = None,
    backend: str = "miniature",
    include: str = "schema",
    allow_real_rows: bool = False,
) -> tuple[pd.DataFrame, list[str]]:
    """Rows from a language model, every one checked against the metadata.

    ``backend="miniature"`` (the default, offline) trains a small GRU language
    model on the table's rows written as text in shuffled column order, then
    samples sentences and reads them back. ``backend="endpoint"`` sends a
    :func:`build_prompt` prompt (``include``, ``allow_real_rows``) to the
    configured endpoint instead.

    The rows that fail a check are in ``attrs["rejected"]`` with their reasons.

    Parameters
    ----------
    preset : {"quick", "thorough"}
        Training budget of the miniature; ``steps`` overrides it.
    temperature : float
        Sampling temperature: lower is more typical, higher more varied (and
        more invalid rows).
    condition : dict, optional
        Column values each row starts with, such as ``{"risk": 0}``; the model
        writes the rest (GReaT's way of conditioning).
    """
    if backend == "endpoint":
        return _from_endpoint(
            dataset, n_rows, seed, include, allow_real_rows, temperature
        )
    if backend != "miniature":
        raise MethodError(
            f"backend must be 'miniature' or 'endpoint'; got {backend!r}."
        )
    if preset not in MINIATURE_PRESETS:
        raise MethodError(
            f"llm has no preset {preset!r}; the presets are: "
            f"{', '.join(MINIATURE_PRESETS)}."
        )
    if not (isinstance(temperature, (int, float)) and 0 < temperature <= 3):
        raise MethodError(
            f"temperature must be a number above 0 and up to 3; got {temperature!r}."
        )
    settings = dict(MINIATURE_PRESETS[preset])
    if steps is not None:
        settings["steps"] = int(steps)
    real, _ = modelled_part(dataset)
    schema = _schema(dataset)
    prefix = _condition_prefix(condition, schema)

    notes = []
    if len(real) > settings["max_train_rows"]:
        real = real.sample(n=settings["max_train_rows"], random_state=seed)
        notes.append(f"trained on a seeded sample of {len(real)} rows")
    with _env.third_party_fit(seed, uses_torch=True):
        model = _TokenModel(
            hidden=settings["hidden"],
            seed=seed,
            learning_rate=0.02,
            sequence_length=settings["sequence_length"],
            batch_size=settings["batch_size"],
        )
        model.fit(real, steps=settings["steps"])
        accepted, rejected, sampled = [], [], 0
        for round_number in range(_MAX_ROUNDS):
            have = sum(len(a) for a in accepted)
            missing = n_rows - have
            if missing <= 0:
                break
            share = max(have / sampled, 0.05) if sampled else 0.3
            lines = model.sample(
                max(16, int(missing / share * 1.2)),
                temperature,
                prefix,
                seed=round_number,
            )
            sampled += len(lines)
            records, broken = [], []
            for number, line in enumerate(lines):
                record, problem = text_as_record(line)
                if problem:
                    broken.append((number, line, problem))
                else:
                    records.append((number, line, record))
            parsed = _check_rules(_check_records(records, broken, schema), dataset)
            accepted.append(parsed.accepted)
            rejected.append(parsed.rejected)
    table = pd.concat(accepted, ignore_index=True)
    rejected = pd.concat(rejected, ignore_index=True)
    if len(table) < n_rows:
        raise MethodError(
            f"The miniature language model wrote {sampled} rows but only {len(table)} "
            f"passed the checks, short of the {n_rows} asked for. Train longer "
            "(preset='thorough' or more steps), or lower the temperature."
        )
    table = table.head(n_rows)
    table.attrs["rejected"] = rejected
    notes.append(
        f"miniature of the method: a {settings['hidden']}-unit GRU trained "
        f"{settings['steps']} steps on rows written as tokens; {len(rejected)} of "
        f"{sampled} "
        "sampled rows were rejected"
    )
    return table, notes


def _condition_prefix(condition, schema) -> dict:
    if not condition:
        return {}
    if not isinstance(condition, dict):
        raise MethodError(
            f"condition must be a dict such as {{'risk': 0}}; got {condition!r}."
        )
    for column, value in condition.items():
        if column not in schema:
            raise MethodError(
                f"The condition names column {column!r}, which is not a "
                f"modelled column. The columns are: {', '.join(schema)}."
            )
        _, problem = _check_value(value, schema[column])
        if problem:
            raise MethodError(
                f"The condition {column}={value!r} cannot hold: {problem}."
            )
    return dict(condition)


def _from_endpoint(dataset, n_rows, seed, include, allow_real_rows, temperature):
    prompt = build_prompt(
        dataset, n_rows, include=include, allow_real_rows=allow_real_rows, seed=seed
    )
    endpoint = settings()
    answer = ask(prompt, temperature=temperature, endpoint=endpoint)
    accepted, rejected = parse_response(answer, dataset)
    accepted.attrs["rejected"] = rejected
    return accepted, [
        f"asked {endpoint.model} at {endpoint.base_url} ({include} prompt); "
        f"{len(rejected)} rows rejected"
    ]


_NUMBER_TEXT = re.compile(r"^-?\d+(\.\d+)?$")
_END = "<end>"


def _tokens(row: dict, order) -> list[str]:
    """A row as tokens: each column name, then its value (numbers digit by digit)."""
    tokens = []
    for column in order:
        value = "empty" if _is_missing(row[column]) else _text(row[column])
        tokens.append(f"<{column}>")
        tokens.extend(list(value) if _NUMBER_TEXT.match(value) else [value])
    return tokens + [_END]


def _sentence(tokens: list[str]) -> str:
    """Tokens written back as a row sentence: 'age is 48, sex is male'."""
    parts, value = [], None
    for token in tokens:
        if token.startswith("<") and token.endswith(">") and token != _END:
            if value is not None:
                parts.append(value)
            value = f"{token[1:-1]} is "
        elif value is None:
            value = f"? is {token}"
        else:
            value += token
    if value is not None:
        parts.append(value)
    return ", ".join(parts)


class _TokenModel:
    """A small GRU language model over rows written as tokens.

    Column names and category values are whole tokens; numbers are spelled
    digit by digit. While sampling, the kit writes the column names, in a
    shuffled order, and the model writes each value until it would start a new
    column: so every row names each column once, but a value can still be out
    of range, belong to another column, or be a number that is no number.
    """

    def __init__(
        self,
        hidden: int = 96,
        seed: int = 0,
        sequence_length: int = 48,
        batch_size: int = 32,
        learning_rate: float = 0.01,
    ):
        self.hidden = hidden
        self.seed = seed
        self.sequence_length = sequence_length
        self.batch_size = batch_size
        self.learning_rate = learning_rate

    def fit(self, real: pd.DataFrame, steps: int) -> _TokenModel:
        import torch

        generator = _env.rng(self.seed)
        rows = real.to_dict(orient="records")
        self.columns_ = list(real.columns)
        stream = [_END]
        for _ in range(2):  # two shuffles of the column order per row
            for position in generator.permutation(len(rows)):
                order = [
                    self.columns_[i] for i in generator.permutation(len(self.columns_))
                ]
                stream.extend(_tokens(rows[position], order))
        self.vocabulary_ = sorted(set(stream) | {f"<{c}>" for c in self.columns_})
        self.index_ = {t: i for i, t in enumerate(self.vocabulary_)}
        data = torch.tensor([self.index_[t] for t in stream], dtype=torch.long)

        torch.manual_seed(self.seed)
        self.network_ = _network(len(self.vocabulary_), self.hidden)
        adam = _Adam(list(self.network_.parameters()), self.learning_rate)
        length = self.sequence_length
        starts = generator.integers(
            0, len(data) - length - 1, size=(steps, self.batch_size)
        )
        self.network_.train()
        for step in range(steps):
            index = torch.as_tensor(starts[step])[:, None] + torch.arange(length + 1)
            batch = data[index]
            logits, _ = self.network_(batch[:, :-1])
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), batch[:, 1:].reshape(-1)
            )
            adam.step(loss)
        self.loss_ = float(loss)
        return self

    def sample(
        self, count: int, temperature: float, prefix: dict | None = None, seed: int = 0
    ) -> list[str]:
        """``count`` row sentences; ``prefix`` holds given values, written first."""
        import torch

        if not hasattr(self, "network_"):
            raise MethodError("The miniature model is not trained yet; call fit first.")
        prefix = prefix or {}
        self.network_.eval()
        generator = torch.Generator().manual_seed(self.seed * 1000 + seed)
        order_rng = _env.rng(self.seed * 1000 + seed)
        is_column = torch.tensor(
            [t.startswith("<") and t.endswith(">") for t in self.vocabulary_]
        )
        stops = is_column | (torch.arange(len(self.vocabulary_)) == self.index_[_END])
        rest = [c for c in self.columns_ if c not in prefix]
        orders = [
            list(prefix) + [rest[i] for i in order_rng.permutation(len(rest))]
            for _ in range(count)
        ]
        written = [[] for _ in range(count)]
        with torch.no_grad():
            tokens = torch.full((count, 1), self.index_[_END], dtype=torch.long)
            logits, state = self.network_(tokens)
            for position in range(len(self.columns_)):
                column_tokens = [f"<{order[position]}>" for order in orders]
                for i, token in enumerate(column_tokens):
                    written[i].append(token)
                step = torch.tensor([[self.index_[t]] for t in column_tokens])
                logits, state = self.network_(step, state)
                given = [prefix.get(order[position]) for order in orders]
                if given[0] is not None:  # a conditioned value, the same for every row
                    values = [t for t in _tokens({"v": given[0]}, ["v"])[1:-1]]
                    for value in values:
                        for i in range(count):
                            written[i].append(value)
                        step = torch.full(
                            (count, 1), self.index_[value], dtype=torch.long
                        )
                        logits, state = self.network_(step, state)
                    continue
                open_rows = torch.ones(count, dtype=torch.bool)
                for length in range(12):  # a value is at most 12 tokens
                    scores = logits[:, -1] / temperature
                    if length == 0:  # every value has at least one token
                        scores = scores.masked_fill(stops, -torch.inf)
                    chosen = torch.multinomial(
                        torch.softmax(scores, dim=-1), 1, generator=generator
                    )
                    ends = is_column[chosen[:, 0]] | (chosen[:, 0] == self.index_[_END])
                    open_rows &= ~ends
                    if not bool(open_rows.any()):
                        break
                    for i in torch.nonzero(open_rows).flatten().tolist():
                        written[i].append(self.vocabulary_[int(chosen[i])])
                    logits, state = self.network_(chosen, state)
        return [_sentence(tokens) for tokens in written]


class _Adam:
    """Adam, written out: torch.optim imports the compiler stack (seconds)."""

    def __init__(
        self, parameters, learning_rate, betas=(0.9, 0.99), eps=1e-8, clip=1.0
    ):
        import torch

        self.parameters = parameters
        self.learning_rate, self.betas, self.eps, self.clip = (
            learning_rate,
            betas,
            eps,
            clip,
        )
        self.first = [torch.zeros_like(p) for p in parameters]
        self.second = [torch.zeros_like(p) for p in parameters]
        self.count = 0

    def step(self, loss) -> None:
        import torch

        for parameter in self.parameters:
            parameter.grad = None
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.parameters, self.clip)
        self.count += 1
        beta1, beta2 = self.betas
        correction1, correction2 = 1 - beta1**self.count, 1 - beta2**self.count
        with torch.no_grad():
            for p, m, v in zip(self.parameters, self.first, self.second):
                m.mul_(beta1).add_(p.grad, alpha=1 - beta1)
                v.mul_(beta2).addcmul_(p.grad, p.grad, value=1 - beta2)
                denominator = (v / correction2).sqrt_().add_(self.eps)
                p.addcdiv_(m, denominator, value=-self.learning_rate / correction1)


def _network(vocabulary_size: int, hidden: int):
    import torch

    class Network(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = torch.nn.Embedding(vocabulary_size, 32)
            self.gru = torch.nn.GRU(32, hidden, batch_first=True)
            self.output = torch.nn.Linear(hidden, vocabulary_size)

        def forward(self, tokens, state=None):
            out, state = self.gru(self.embedding(tokens), state)
            return self.output(out), state

    return Network()
