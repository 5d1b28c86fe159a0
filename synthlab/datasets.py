"""Real tables on board, and a learner's own CSV read with care.

A :class:`Dataset` is a table plus what a method or a check needs to know about
it: column types as SDV metadata, the target, the sensitive attributes, the
columns that hold personal identifiers (never modelled, never copied), the
design rules the data obeys, and where it came from.

>>> import synthlab
>>> "german_credit" in synthlab.datasets.names()
True
>>> credit = synthlab.datasets.load("german_credit")
>>> credit.data.shape, credit.target, credit.sensitive
((1000, 10), 'risk', ['sex', 'age'])
"""

from __future__ import annotations

import csv
import difflib
import html
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from synthlab._env import rng
from synthlab.errors import DataError

DATASETS_DIR = Path(
    os.environ.get("SYNTHLAB_DATASETS", Path(__file__).resolve().parents[1] / "datasets")
)

# Columns whose values pick out a person, and the Faker provider that stands in
# for them. Matched against the words of a column name ("customer_email" has the
# words "customer" and "email").
IDENTIFIER_WORDS = {
    "id": "id", "uuid": "id", "guid": "id", "pidnum": "id", "mrn": "id",
    "ssn": "ssn", "passport": "id", "iban": "iban",
    "email": "email", "mail": "email", "e_mail": "email",
    "phone": "phone_number", "mobile": "phone_number", "telephone": "phone_number",
    "tel": "phone_number", "fax": "phone_number",
    "name": "name", "firstname": "first_name", "lastname": "last_name",
    "surname": "last_name", "fullname": "name", "username": "user_name",
    "address": "address", "street": "street_address", "postcode": "postcode",
    "zipcode": "postcode", "zip": "postcode", "ip": "ipv4",
    "dob": "date_of_birth", "birthdate": "date_of_birth", "birthday": "date_of_birth",
}
# Names built from two words that together mean an identifier.
IDENTIFIER_PAIRS = {
    ("first", "name"): "first_name", ("last", "name"): "last_name",
    ("full", "name"): "name", ("user", "name"): "user_name",
    ("date", "birth"): "date_of_birth", ("birth", "date"): "date_of_birth",
    ("account", "number"): "bban", ("ip", "address"): "ipv4",
    ("e", "mail"): "email", ("zip", "code"): "postcode", ("post", "code"): "postcode",
}
# "name" alone, or with a word for a person ("customer_name"), names a person;
# "product_name" or "region_name" labels a thing.
PERSON_WORDS = {"customer", "client", "patient", "user", "employee", "member", "contact",
                "person", "applicant", "student", "owner", "holder", "first", "last",
                "full", "middle", "given", "family", "maiden", "nick", "legal", "buyer",
                "seller", "driver", "passenger", "author", "borrower", "guest", "staff"}

EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
# Amounts written for people: "$1,200.50", "€ 300", "12,500".
AMOUNT = re.compile(r"^\s*[-+]?([$€£¥]\s?)?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$")

MAX_CATEGORICAL_INTEGER_VALUES = 10


@dataclass
class Dataset:
    """A real table with what synthlab needs to know about it.

    Parameters
    ----------
    name : str
        Short name, used as the table name in SDV metadata.
    data : pandas.DataFrame
        The rows.
    metadata_dict : dict
        SDV metadata (spec version V1) describing every column.
    target : str or None
        The column a model would predict, if any.
    sensitive : list of str
        Attributes such as sex, age or race, checked for bias.
    identifiers : dict
        Columns that hold personal identifiers, each with the Faker provider
        that stands in for it. No method models or copies these columns.
    rules : list of str
        Design rules the data obeys, such as ``"arms determines treat"``.
    """

    name: str
    data: pd.DataFrame
    metadata_dict: dict
    target: str | None = None
    sensitive: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    rules: list[str] = field(default_factory=list)
    description: str = ""
    source: str = ""
    licence: str = ""
    situation: str | None = None
    codes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    path: Path | None = None

    @property
    def metadata(self):
        """The table's SDV ``Metadata`` (imports SDV on first use)."""
        if getattr(self, "_metadata", None) is None:
            from sdv.metadata import Metadata

            self._metadata = Metadata.load_from_dict(self.metadata_dict)
        return self._metadata

    @property
    def sdtypes(self) -> dict[str, str]:
        """Each column's SDV sdtype, such as ``numerical`` or ``categorical``."""
        columns = self.metadata_dict["tables"][self.name]["columns"]
        return {column: spec["sdtype"] for column, spec in columns.items()}

    @property
    def modelled_columns(self) -> list[str]:
        """The columns a method may learn from: all but personal identifiers."""
        return [c for c in self.data.columns if c not in self.identifiers]

    def split(self, holdout: float = 0.3, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Split the rows into a training part and an untouched holdout.

        The split is stratified on the target when there is one, so a rare class
        appears in both parts in the same share.

        >>> train, holdout = load("german_credit").split(holdout=0.25, seed=0)
        >>> len(train), len(holdout)
        (750, 250)
        """
        if not 0 < holdout < 1:
            raise DataError(f"holdout must be a share between 0 and 1; got {holdout!r}.")
        generator = rng(seed)
        groups = [self.data.index]
        if self.target is not None:
            groups = [idx for _, idx in self.data.groupby(self.target, dropna=False).groups.items()]
        held = []
        for index in groups:
            index = np.asarray(index)
            count = int(round(len(index) * holdout))
            held.extend(generator.permutation(index)[:count])
        mask = self.data.index.isin(held)
        return self.data[~mask], self.data[mask]

    def _repr_html_(self) -> str:
        rows, columns = self.data.shape
        facts = [
            ("rows x columns", f"{rows:,} x {columns}"),
            ("target", self.target or "none"),
            ("sensitive", ", ".join(self.sensitive) or "none"),
            ("personal identifiers", ", ".join(self.identifiers) or "none"),
            ("rules", "; ".join(self.rules) or "none"),
            ("source", self.source or "your file"),
            ("licence", self.licence or "yours"),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(str(v))}</td></tr>"
            for k, v in facts
        )
        return (
            f"<b>{html.escape(self.name)}</b>: {html.escape(self.description)}"
            f"<table>{body}</table>"
        )

    def __repr__(self) -> str:
        rows, columns = self.data.shape
        return f"Dataset({self.name!r}, {rows} rows x {columns} columns, target={self.target!r})"


def names() -> list[str]:
    """The shipped tables, by name.

    >>> names()
    ['actg175', 'cdnow_customers', 'german_credit', 'shuttle', 'solar_flare']
    """
    return sorted(p.stem for p in DATASETS_DIR.glob("*.json"))


def info(name: str) -> dict:
    """The sidecar of a shipped table: description, provenance and licence."""
    path = DATASETS_DIR / f"{name}.json"
    if not path.is_file():
        known = names()
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(
            f"There is no shipped dataset called {name!r}.{hint} "
            f"The shipped datasets are: {', '.join(known)}."
        )
    return json.loads(path.read_text(encoding="utf-8"))


def load(name: str) -> Dataset:
    """Load a shipped table with its metadata, provenance and licence."""
    sidecar = info(name)
    data = pd.read_csv(DATASETS_DIR / f"{name}.csv")
    identifiers = {column: "id" for column in sidecar["identifiers"]}
    return Dataset(
        name=name,
        data=data,
        metadata_dict=sidecar["metadata"],
        target=sidecar["target"],
        sensitive=list(sidecar["sensitive"]),
        identifiers=identifiers,
        rules=list(sidecar["rules"]),
        description=sidecar["description"],
        source=sidecar["source"],
        licence=sidecar["licence"],
        situation=sidecar.get("situation"),
        codes=dict(sidecar.get("codes", {})),
        path=DATASETS_DIR / f"{name}.csv",
    )


def from_csv(
    path: str | os.PathLike,
    target: str | None = None,
    sensitive: str | Sequence[str] | None = None,
    categorical: Sequence[str] | None = None,
    name: str | None = None,
) -> Dataset:
    """Read a learner's CSV file into a :class:`Dataset`, or say why not.

    The file is only read, never written. Column types are inferred; columns
    that hold personal identifiers (names, e-mails, phone numbers, ids, dates
    of birth, free text) are marked so that no method models or copies them.

    Parameters
    ----------
    path : str or path-like
        The CSV file. Commas, semicolons, tabs and pipes are recognised.
    target : str, optional
        The column a model would predict.
    sensitive : str or list of str, optional
        Attributes to check for bias, as a list or a comma-separated string.
    categorical : list of str, optional
        Columns to treat as categories whatever they look like, for instance a
        code column or a numeric column with words such as 'unknown' in it.
    name : str, optional
        The table's name; by default the file name without its extension.

    Raises
    ------
    DataError
        When the file is missing, empty, not text, has only a header, has rows
        of different lengths or repeated column names, or when ``target`` or
        ``sensitive`` name a column that is not there.
    """
    path = Path(path)
    text = _read_text(path)
    delimiter = _sniff_delimiter(text, path)
    header, width = _check_shape(text, delimiter, path)
    frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str,
                        keep_default_na=True, skipinitialspace=True)
    frame.columns = header
    frame, notes = _drop_row_number_column(frame, path)
    frame, dropped = _drop_empty_columns(frame)
    notes += dropped
    if frame.shape[1] == 0:
        raise DataError(f"{path.name}: every column is empty; there is nothing to learn from.")

    sensitive = _as_list(sensitive)
    categorical = _as_list(categorical)
    for role, wanted in (("target", [target] if target else []), ("sensitive", sensitive),
                         ("categorical", categorical)):
        missing = [c for c in wanted if c not in frame.columns]
        if missing:
            raise DataError(
                f"{path.name}: the {role} column {missing[0]!r} is not in the file. "
                f"Its columns are: {', '.join(map(str, frame.columns))}. "
                "Check the spelling (names are case-sensitive)."
            )

    table_name = name or _table_name(path)
    columns, identifiers, data = {}, {}, {}
    for column in frame.columns:
        values = frame[column]
        kind = _identifier_kind(column, values)
        if kind and column not in (target, *sensitive, *categorical):
            identifiers[column] = kind
            columns[column] = {"sdtype": "id"} if kind == "id" else {"sdtype": "unknown", "pii": True}
            data[column] = values
            continue
        spec, converted = _infer_column(column, values, path, column in categorical, notes)
        columns[column] = spec
        data[column] = converted
    data = pd.DataFrame(data, index=frame.index)

    if target is not None and data[target].nunique(dropna=True) < 2:
        raise DataError(
            f"{path.name}: the target column {target!r} has a single value; a target "
            "needs at least two classes or values to learn from."
        )
    if len(identifiers) == len(columns):
        raise DataError(
            f"{path.name}: every column looks like a personal identifier "
            f"({', '.join(identifiers)}), so there is no column a method may model. "
            "Pass the columns that are not identifiers as categorical=[...]."
        )

    table = {"columns": columns}
    metadata = {"METADATA_SPEC_VERSION": "V1", "tables": {table_name: table},
                "relationships": []}
    return Dataset(
        name=table_name, data=data, metadata_dict=metadata, target=target,
        sensitive=sensitive, identifiers=identifiers, description=f"Read from {path.name}.",
        notes=notes, path=path,
    )


def _read_text(path: Path) -> str:
    if not path.exists():
        raise DataError(f"{path}: no such file. Check the path, or pass the full path to the CSV.")
    if path.is_dir():
        raise DataError(f"{path}: this is a folder, not a file. Pass the path of the CSV inside it.")
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(f"{path.name}: the file is empty. Export the table again, with a header row.")
    if raw[:2] == b"PK":
        raise DataError(
            f"{path.name}: this is not a text file but a zip archive, perhaps an Excel "
            "workbook. Save it as CSV (File > Save as > CSV) and try again."
        )
    if raw[:2] == b"\x1f\x8b" or b"\x00" in raw[:4096]:
        raise DataError(
            f"{path.name}: this is not a text file (it holds binary bytes). "
            "synthlab reads CSV text; export the table as CSV."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(
        f"{path.name}: the file is not readable text in UTF-8 or Windows-1252. "
        "Save it again as CSV UTF-8."
    )


def _sniff_delimiter(text: str, path: Path) -> str:
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if path.suffix.lower() == ".tsv" and "\t" in lines[0]:
        return "\t"
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        pass
    if not any(mark in lines[0] for mark in ",;\t|") and len(lines[0].split()) > 1:
        raise DataError(
            f"{path.name}: no commas, semicolons, tabs or pipes separate the columns; "
            "the columns seem to be separated by spaces. Save the table as CSV."
        )
    return ","


def _check_shape(text: str, delimiter: str, path: Path) -> tuple[list[str], int]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    header = [cell.strip() for cell in rows[0]]
    width = len(header)
    if len(rows) == 1:
        raise DataError(
            f"{path.name}: the file has a header row but no data rows. "
            "Add at least one row of data under the header."
        )
    if width == 1 and len(text.splitlines()[0]) > 200:
        raise DataError(f"{path.name}: no column separator found in the first line; is this a CSV file?")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise DataError(
                f"{path.name}: row {number} has {len(row)} fields but the header has "
                f"{width}. Fix that row (a stray separator or an unquoted comma inside "
                "a value is the usual cause) and try again."
            )
    seen = {}
    for index, column in enumerate(header):
        if column == "" and index > 0:
            raise DataError(
                f"{path.name}: column {index + 1} has no name in the header row. "
                "Give every column a name."
            )
        if column in seen:
            raise DataError(
                f"{path.name}: the column name {column!r} appears twice in the header "
                f"(columns {seen[column] + 1} and {index + 1}). Rename one of them."
            )
        seen[column] = index
    return header, width


def _drop_row_number_column(frame: pd.DataFrame, path: Path) -> tuple[pd.DataFrame, list[str]]:
    first = frame.columns[0]
    if first != "":
        return frame, []
    numbers = pd.to_numeric(frame[first], errors="coerce")
    if numbers.notna().all() and (numbers % 1 == 0).all() and numbers.is_unique:
        return frame.drop(columns=first), ["dropped an unnamed first column of row numbers"]
    raise DataError(f"{path.name}: column 1 has no name in the header row. Give every column a name.")


def _drop_empty_columns(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    empty = [c for c in frame.columns if frame[c].isna().all()]
    notes = [f"ignored column {c!r}: it has no values" for c in empty]
    return frame.drop(columns=empty), notes


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


def _table_name(path: Path) -> str:
    stem = re.sub(r"\W+", "_", path.stem).strip("_").lower()
    return stem or "table"


def _words(column: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(column))
    return [w for w in re.split(r"[\W_]+", spaced.lower()) if w]


def _identifier_kind(column: str, values: pd.Series) -> str | None:
    """The Faker provider for a column that picks out a person, else None."""
    words = _words(column)
    for pair, kind in IDENTIFIER_PAIRS.items():
        if any(words[i:i + 2] == list(pair) for i in range(len(words) - 1)):
            return kind
    for word in words:
        kind = IDENTIFIER_WORDS.get(word)
        if kind == "name" and len(words) > 1 and not set(words) & PERSON_WORDS:
            continue
        if kind:
            return kind
    present = values.dropna().astype(str).str.strip()
    if present.empty:
        return None
    if present.str.match(EMAIL).mean() > 0.9:
        return "email"
    numeric = present.str.match(NUMBER).mean() > 0.9
    if numeric or _datetime_format(present):
        return None
    digits = present.str.count(r"\d")
    if present.str.match(PHONE).mean() > 0.9 and (digits >= 7).mean() > 0.9 \
            and present.str.contains(r"[\s()+-]").mean() > 0.5:
        return "phone_number"
    if not numeric and len(present) >= 20 and present.nunique() == len(present):
        long_text = present.str.len().mean() > 30 or present.str.count(r"\s").mean() >= 3
        return "text" if long_text else "id"
    return None


def _infer_column(column: str, values: pd.Series, path: Path, force_categorical: bool,
                  notes: list[str]):
    present = values.dropna().astype(str).str.strip()
    if force_categorical:
        return {"sdtype": "categorical"}, values.astype(object)

    is_number = present.str.match(NUMBER)
    if len(present) and not is_number.all() and present.str.match(AMOUNT).all():
        values = values.str.replace(r"[$€£¥,\s]", "", regex=True)
        notes.append(f"read column {column!r} as numbers, without currency symbols "
                     "and thousands separators")
        present = values.dropna()
        is_number = present.str.match(NUMBER)
    if len(present) and is_number.all():
        numbers = pd.to_numeric(values, errors="coerce")
        integral = bool((numbers.dropna() % 1 == 0).all())
        if integral and numbers.nunique() <= MAX_CATEGORICAL_INTEGER_VALUES \
                and numbers.nunique() < max(len(present) // 2, 3):
            return {"sdtype": "categorical"}, numbers.astype("Int64" if numbers.isna().any() else "int64")
        if integral and not numbers.isna().any():
            numbers = numbers.astype("int64")
        return {"sdtype": "numerical"}, numbers
    if len(present) and is_number.mean() >= 0.9:
        bad = present[~is_number]
        raise DataError(
            f"{path.name}: column {column!r} is mostly numbers but has {len(bad)} "
            f"non-numeric values such as {bad.iloc[0]!r}. Clean them (leave the cell "
            f"empty for a missing value) or declare the column categorical with "
            f"categorical=[{column!r}]."
        )

    if present.str.contains(r"\d").mean() > 0.9:
        fmt = _datetime_format(present)
        if fmt == "ISO8601":  # time zones differ or vary: compare in UTC
            parsed = pd.to_datetime(values, format=fmt, errors="coerce", utc=True)
            parsed = parsed.dt.tz_localize(None)
            return {"sdtype": "datetime", "datetime_format": "%Y-%m-%d %H:%M:%S"}, parsed
        if fmt:
            parsed = pd.to_datetime(values, format=fmt, errors="coerce")
            return {"sdtype": "datetime", "datetime_format": fmt}, parsed

    return {"sdtype": "categorical"}, values.astype(object)


DATETIME_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y",
                    "%m/%d/%Y", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m")


def _datetime_format(present: pd.Series) -> str | None:
    sample = present.head(500)
    for fmt in DATETIME_FORMATS:
        parsed = pd.to_datetime(sample, format=fmt, errors="coerce")
        if parsed.notna().mean() >= 0.95:
            return fmt
    if sample.str.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}").mean() >= 0.95:
        return "ISO8601"
    return None


def overview() -> pd.DataFrame:
    """One row per shipped table: size, target and its rarest class, licence."""
    rows = []
    for name in names():
        dataset = load(name)
        rarest = None
        if dataset.target is not None:
            rarest = dataset.data[dataset.target].value_counts(normalize=True).min()
        rows.append({
            "dataset": name,
            "rows": len(dataset.data),
            "columns": dataset.data.shape[1],
            "target": dataset.target or "-",
            "rarest class share": "-" if rarest is None else f"{rarest:.1%}",
            "sensitive": ", ".join(dataset.sensitive) or "-",
            "situation": (dataset.situation or "-").replace("_", " "),
        })
    return pd.DataFrame(rows).set_index("dataset")
