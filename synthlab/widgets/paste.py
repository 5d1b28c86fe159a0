"""The no-code LLM workflow: copy the kit's prompt, paste the answer back, check it.

A team without code can still generate a table with any chat assistant: copy
the prompt ``prompt_for`` writes (the schema only, no real row), paste the
assistant's answer into the widget, and press the button. The button calls
:func:`check_answer`, a plain function that reads the answer with
:func:`synthlab.methods.foundation.parse_response`, counts the rows that are
exact copies of real rows, and runs :func:`synthlab.check` against a holdout.

>>> import synthlab
>>> credit = synthlab.datasets.load("german_credit")
>>> "Answer with one CSV table" in prompt_for(credit, 5)
True
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass

import pandas as pd

from synthlab.datasets import Dataset
from synthlab.errors import DataError, SynthlabError

HOLDOUT = 0.3


def prompt_for(dataset: Dataset, n_rows: int = 30) -> str:
    """The schema-only prompt to copy into a chat assistant (no real row in it)."""
    from synthlab.methods.foundation import build_prompt

    return build_prompt(dataset, n_rows, include="schema")


def real_copies(synthetic: pd.DataFrame, real: pd.DataFrame) -> pd.DataFrame:
    """The synthetic rows that equal a real row in every column they share.

    Identifier columns should be dropped first; ``check_answer`` compares the
    modelled columns only.

    >>> real = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    >>> synthetic = pd.DataFrame({"a": [1, 2, 9], "b": ["x", "q", "z"]})
    >>> real_copies(synthetic, real)
       a  b
    0  1  x
    """
    columns = [column for column in synthetic.columns if column in real.columns]
    if not columns:
        raise DataError("The synthetic and real tables share no column; there is "
                        "nothing to compare. Check that the answer used the real "
                        "column names.")
    left, right = synthetic[columns].copy(), real[columns].copy()
    for column in columns:  # numbers as numbers (1 equals 1.0), anything else as text
        numeric = (pd.api.types.is_numeric_dtype(left[column])
                   and pd.api.types.is_numeric_dtype(right[column]))
        kind = float if numeric else str
        left[column] = left[column].astype(kind)
        right[column] = right[column].astype(kind)
    matched = left.merge(right.drop_duplicates(), how="left", indicator=True)
    return synthetic[matched["_merge"].eq("both").to_numpy()]


@dataclass
class PasteResult:
    """What an answer pasted from a chat assistant turned out to hold.

    ``accepted`` and ``rejected`` come from ``parse_response``; ``copies`` are
    the accepted rows identical to a row of the real table; ``report`` is the
    :class:`~synthlab.checks.RiskReport` of the accepted rows (None when no row
    was accepted).
    """

    accepted: pd.DataFrame
    rejected: pd.DataFrame
    copies: pd.DataFrame
    report: object | None

    def summary(self) -> dict:
        """The figures in one dict: rows accepted, rejected, copied, verdicts."""
        return {
            "accepted_rows": len(self.accepted),
            "rejected_rows": len(self.rejected),
            "copies_of_real_rows": len(self.copies),
            "verdicts": None if self.report is None else self.report.verdicts,
        }

    def to_html(self) -> str:
        """The result as a short HTML block, for the widget."""
        facts = self.summary()
        lines = [
            f"<p><b>{facts['accepted_rows']}</b> rows accepted, "
            f"<b>{facts['rejected_rows']}</b> rejected by the schema checks.</p>",
            f"<p><b>{facts['copies_of_real_rows']}</b> of the accepted rows are exact "
            "copies of real rows.</p>",
        ]
        if len(self.rejected):
            reasons = "".join(f"<li>{html.escape(reason)}</li>"
                              for reason in self.rejected["reason"].head(5))
            lines.append(
                f"<p>Why rows were rejected (first five):</p><ul>{reasons}</ul>")
        if self.report is None:
            lines.append("<p>No row was accepted, so the risk checks did not run.</p>")
        else:
            verdicts = ", ".join(f"{risk}: {verdict}"
                                 for risk, verdict in self.report.verdicts.items())
            lines.append(f"<p>Risk checks: {html.escape(verdicts)}.</p>")
        return "<div class='synthlab-paste-result'>" + "".join(lines) + "</div>"


def check_answer(answer: str, dataset: Dataset, seed: int = 0,
                 run_checks: bool = True) -> PasteResult:
    """Read an assistant's answer, count copies of real rows, run the risk checks.

    The checks compare the accepted rows with 70% of the real table and judge
    privacy against the other 30% (``dataset.split(holdout=0.3, seed=seed)``);
    the copy count compares them with the whole real table, since a model that
    answers without seeing any row can only copy rows it memorised.

    Raises
    ------
    ResponseError
        When the answer is empty or holds no table with the table's columns.
    """
    import synthlab
    from synthlab.methods.foundation import parse_response

    if not isinstance(dataset, Dataset):
        raise DataError(f"check_answer needs a Dataset (synthlab.datasets.load or "
                        f"from_csv); got {type(dataset).__name__}.")
    accepted, rejected = parse_response(answer, dataset)
    modelled = [c for c in accepted.columns if c not in dataset.identifiers]
    copies = accepted
    if len(accepted):
        copies = real_copies(accepted[modelled], dataset.data)

    report = None
    if run_checks and len(accepted):
        train, holdout = dataset.split(holdout=HOLDOUT, seed=seed)
        train = dataclasses.replace(dataset, data=train)
        report = synthlab.check(train, accepted, holdout=holdout, seed=seed)
    return PasteResult(accepted, rejected, copies, report)


def paste_workflow(dataset: Dataset, n_rows: int = 30, answer: str = "", seed: int = 0):
    """The widget: the prompt to copy, a box for the answer, a button to check it.

    ``answer`` fills the box in advance (a stored answer, for instance); the
    check runs only when the button is pressed. Errors show inside the widget.
    """
    import ipywidgets as widgets

    # Editable on purpose: browsers do not let you select text in a disabled box.
    prompt = widgets.Textarea(value=prompt_for(dataset, n_rows),
                              layout=widgets.Layout(width="100%", height="180px"))
    box = widgets.Textarea(value=answer,
                           placeholder="Paste the assistant's answer here",
                           layout=widgets.Layout(width="100%", height="180px"))
    button = widgets.Button(description="Validate and check", button_style="primary")
    # An HTML widget, not an Output: its text lives in the widget state, so a
    # headless run prints nothing into the cell.
    shown = widgets.HTML(value="<p>Paste an answer, then press the button.</p>")

    def run(_=None):
        shown.value = "<p>Checking...</p>"
        try:
            shown.value = check_answer(box.value, dataset, seed=seed).to_html()
        except SynthlabError as error:
            message = html.escape(str(error))
            shown.value = f"<p style='color:#cf222e'><b>{message}</b></p>"

    button.on_click(run)
    steps = widgets.HTML(
        "<ol><li>Copy this prompt into any chat assistant.</li>"
        "<li>Paste its whole answer in the second box.</li>"
        "<li>Press the button: the rows are validated and checked.</li></ol>")
    return widgets.VBox([steps, prompt, box, button, shown])
