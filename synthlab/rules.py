"""Design rules a table obeys, written as short sentences a learner can read.

Two forms are understood:

* ``"A determines B"``: each value of column A goes with one value of column B
  (in a trial, the arm a patient is in fixes the treatment flag). The pairs
  allowed are the ones seen in the real data.
* ``"A <= B"`` (also ``<``, ``>=``, ``>``, ``==``, ``!=``): a comparison between
  two columns, or between a column and a number (``"seats >= 50"``).

Methods use rules as constraints; the artifacts check counts the rows that
break them.

>>> import pandas as pd
>>> rule = parse("start <= end")
>>> rule.violations(pd.DataFrame({"start": [1, 5], "end": [3, 2]})).tolist()
[False, True]
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from synthlab.errors import SpecError

OPERATORS = {
    "<=": operator.le, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
    "<": operator.lt, ">": operator.gt,
}
_DETERMINES = re.compile(r"^\s*(?P<left>[\w.-]+)\s+determines\s+(?P<right>[\w.-]+)\s*$")
_COMPARE = re.compile(r"^\s*(?P<left>[\w.-]+)\s*(?P<op><=|>=|==|!=|<|>)\s*(?P<right>[\w.+-]+)\s*$")


@dataclass(frozen=True)
class Rule:
    """One parsed rule; ``text`` is the sentence it came from."""

    text: str
    kind: str
    left: str
    right: str
    op: str | None = None
    value: float | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns the rule reads."""
        if self.value is not None:
            return (self.left,)
        return (self.left, self.right)

    def check_columns(self, frame: pd.DataFrame) -> None:
        """Raise a clear error when the table lacks a column the rule reads."""
        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            raise SpecError(
                f"The rule {self.text!r} reads column {missing[0]!r}, which the table "
                f"does not have. Its columns are: {', '.join(map(str, frame.columns))}."
            )

    def violations(self, synthetic: pd.DataFrame, real: pd.DataFrame | None = None) -> pd.Series:
        """A boolean per row of ``synthetic``: True where the row breaks the rule.

        ``"A determines B"`` needs the real table, whose (A, B) pairs are the
        allowed ones; a row whose value of A never occurs in the real data is
        not counted here (the artifacts check reports unseen categories).
        """
        self.check_columns(synthetic)
        if self.kind == "determines":
            if real is None:
                raise SpecError(
                    f"The rule {self.text!r} learns the allowed pairs from real data; "
                    "pass the real table as well."
                )
            self.check_columns(real)
            allowed = real.groupby(self.left, dropna=False)[self.right].agg(
                lambda values: set(values.dropna().tolist()))
            seen = synthetic[self.left].isin(allowed.index)
            pairs = zip(synthetic[self.left], synthetic[self.right])
            broken = [
                bool(known) and pd.notna(b) and b not in allowed[a]
                for (a, b), known in zip(pairs, seen)
            ]
            return pd.Series(broken, index=synthetic.index, dtype=bool)
        left = pd.to_numeric(synthetic[self.left], errors="coerce")
        if self.value is not None:
            right = pd.Series(self.value, index=synthetic.index)
        else:
            right = pd.to_numeric(synthetic[self.right], errors="coerce")
        both = left.notna() & right.notna()
        holds = OPERATORS[self.op](left, right)
        return (both & ~holds).astype(bool)


def parse(text: str) -> Rule:
    """Read one rule sentence; raise ``SpecError`` naming the forms understood."""
    if isinstance(text, Rule):
        return text
    if not isinstance(text, str):
        raise SpecError(f"A rule is a sentence such as 'end >= start'; got {text!r}.")
    match = _DETERMINES.match(text)
    if match:
        if match["left"] == match["right"]:
            raise SpecError(f"The rule {text!r} relates a column to itself.")
        return Rule(text=text, kind="determines", left=match["left"], right=match["right"])
    match = _COMPARE.match(text)
    if match:
        right = match["right"]
        try:
            value = float(right)
        except ValueError:
            value = None
        return Rule(text=text, kind="compare", left=match["left"], right=right,
                    op=match["op"], value=value)
    raise SpecError(
        f"The rule {text!r} is not understood. Write 'A determines B' or a comparison "
        "such as 'end >= start' or 'seats >= 50'."
    )


def parse_all(rules: Iterable[str | Rule] | str | None) -> list[Rule]:
    """Parse a list of rules (or one rule, or None)."""
    if rules is None:
        return []
    if isinstance(rules, (str, Rule)):
        rules = [rules]
    return [parse(rule) for rule in rules]
