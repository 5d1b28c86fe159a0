"""A small self-check for the interview-prep notebook: pick an answer, see why.

:func:`grade` does the checking and is tested without a browser;
:func:`self_check` wires it to ipywidgets.

>>> grade("fraud", "cheap_fix_first").correct
True
>>> grade("fraud", "gan_more_epochs").feedback.startswith("Not yet")
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from synthlab.errors import SynthlabError


@dataclass(frozen=True)
class Item:
    """One question: the choices (key, text), the right key and why."""

    key: str
    question: str
    choices: tuple[tuple[str, str], ...]
    right: str
    why: str


@dataclass(frozen=True)
class Grade:
    correct: bool
    feedback: str


ITEMS = (
    Item(
        "fraud",
        "Fraud is under 1% of transactions and a stakeholder wants GAN-made fraud "
        "rows. What do you try first?",
        (("gan_more_epochs", "A GAN trained for more epochs, so the fraud looks real"),
         ("cheap_fix_first", "Class weights or threshold tuning, judged on real "
          "held-out transactions"),
         ("oversample_all", "Oversample the whole table, test set included, so both "
          "classes are equal")),
        "cheap_fix_first",
        "Cheap fixes first, and every option judged on untouched real rows; "
        "synthetic rows must beat class weights to earn their risk.",
    ),
    Item(
        "patients",
        "Synthetic rows generated from patient records are...",
        (("anonymous", "anonymous by construction, so the transfer is unblocked"),
         ("assess", "possibly still personal data: assess what they reveal, and use "
          "differential privacy for a formal guarantee"),
         ("exempt", "exempt from data-protection law because no row is real")),
        "assess",
        "The ICO and Jordon et al. agree: synthetic data is not private by "
        "construction, and the closer it sits to the real rows, the more it reveals.",
    ),
    Item(
        "vendor",
        "A vendor says its synthetic data is '99% accurate and fully anonymous'. "
        "Your first question?",
        (("which_gan", "Which neural network architecture do you use?"),
         ("against_holdout", "Accurate on what measure, compared with real rows the "
          "generator never saw, and what do privacy attacks against a holdout show?"),
         ("how_fast", "How many rows per second can you generate?")),
        "against_holdout",
        "A copy of the training rows scores near 100% on fidelity; only a "
        "comparison with a real holdout tells similarity from copying.",
    ),
    Item(
        "no",
        "When does the decision framework say synthetic data is the wrong answer?",
        (("always_yes", "Never: more rows always help"),
         ("plenty", "When there is plenty of real, balanced data the audience may "
          "see, or regulated data would go public without differential privacy"),
         ("small", "Whenever the table has fewer than 1,000 rows")),
        "plenty",
        "Rules V1 and V2: real data beats synthetic when it can be used, and a "
        "public release of regulated data needs a formal guarantee.",
    ),
)


def item(key: str) -> Item:
    for entry in ITEMS:
        if entry.key == key:
            return entry
    raise SynthlabError(f"There is no self-check question {key!r}; the questions are: "
                        f"{', '.join(entry.key for entry in ITEMS)}.")


def grade(key: str, choice: str | None) -> Grade:
    """Whether a choice answers a question right, and the reason either way."""
    question = item(key)
    if choice is None:
        return Grade(False, "Pick one of the answers first.")
    if choice not in dict(question.choices):
        raise SynthlabError(
            f"{choice!r} is not an answer to {key!r}; the answers are: "
            f"{', '.join(k for k, _ in question.choices)}.")
    if choice == question.right:
        return Grade(True, f"Right. {question.why}")
    return Grade(False, f"Not yet. {question.why}")


def self_check():
    """The self-check as an ipywidgets box: one block per question."""
    import ipywidgets as widgets

    blocks = []
    for question in ITEMS:
        choices = widgets.RadioButtons(
            options=[(text, key) for key, text in question.choices], value=None,
            layout=widgets.Layout(width="auto")).add_class(
                f"synthlab-check-{question.key}")
        button = widgets.Button(description="Check").add_class("synthlab-check-button")
        feedback = widgets.HTML()

        def on_click(_button, question=question, choices=choices, feedback=feedback):
            result = grade(question.key, choices.value)
            colour = "#1b5e20" if result.correct else "#b00020"
            feedback.value = (f"<p style='color:{colour}'>"
                              f"{html.escape(result.feedback)}</p>")

        button.on_click(on_click)
        blocks.append(widgets.VBox([
            widgets.HTML(f"<b>{html.escape(question.question)}</b>"),
            choices, button, feedback]))
    return widgets.VBox(blocks).add_class("synthlab-self-check")
