"""The decision wizard: the framework's questions one at a time, then the answer.

The work is done by plain functions, tested without a browser:

* :class:`WizardState` walks through :data:`QUESTIONS` (next, back, answers);
* :func:`recommendation_html` renders a :class:`~synthlab.decide.Decision`;
* :func:`try_recommendation` runs the recommended method and the risk checks
  on a shipped table, small and seeded; :func:`required_verdicts` picks out
  the checks the decision requires.

:func:`decision_wizard` wires them to ipywidgets. Every widget a browser test
needs carries a CSS class starting with ``synthlab-wizard-``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from synthlab import decision_rules as rules
from synthlab.errors import SynthlabError

# Rows the run button makes: small, so a class demo answers in seconds.
TRY_ROWS = 200
TRY_SEED = 0


@dataclass(frozen=True)
class Question:
    """One question of the wizard, with why it matters and the answers allowed."""

    key: str
    prompt: str
    why: str
    options: tuple[str, ...] = ()  # empty: a number
    default: object = None


QUESTIONS = (
    Question(
        "real_rows", "How many real rows do you have? (0 if none yet)",
        "No rows means only methods that need no real data can run; a few hundred "
        "rows limit which generators can learn at all.",
        default=300,
    ),
    Question(
        "sensitivity", "How sensitive is the real data?",
        "The closer synthetic rows sit to real people, the more they can reveal; "
        "regulated data needs the strongest protection.",
        options=rules.SENSITIVITIES, default="internal",
    ),
    Question(
        "audience", "Who will see the synthetic data?",
        "A release can't be called back: the wider the audience, the less "
        "disclosure risk is acceptable and the stricter the checks.",
        options=rules.AUDIENCES, default="team",
    ),
    Question(
        "purpose", "What is the synthetic data for?",
        "Each purpose needs a different point on the ONS spectrum: testing "
        "software needs only the structure, training a model needs the relationships.",
        options=rules.PURPOSES, default="train_model",
    ),
    Question(
        "rare_class_share", "If you predict a rare event, how rare is it? "
        "(a share such as 0.036; 0 if there is no rare class)",
        "Rare classes are where models fail and where class weights are the "
        "cheaper fix to try first.",
        default=0.0,
    ),
    Question(
        "risk_tolerance", "How much risk can the team accept?",
        "Lower tolerance rules out the riskier methods and tightens every check.",
        options=rules.RISK_TOLERANCES, default="medium",
    ),
    Question(
        "compute", "What can the method run on?",
        "Some generators only finish in reasonable time on a GPU.",
        options=rules.COMPUTES, default="laptop",
    ),
)


@dataclass
class WizardState:
    """Where the learner is in the questions, and what they answered.

    >>> state = WizardState()
    >>> state.question.key
    'real_rows'
    >>> state.answer(1066).next().question.key
    'sensitivity'
    >>> state.back().question.key
    'real_rows'
    """

    step: int = 0
    answers: dict = field(default_factory=lambda: {q.key: q.default for q in QUESTIONS})

    @property
    def question(self) -> Question:
        return QUESTIONS[self.step]

    @property
    def is_last(self) -> bool:
        return self.step == len(QUESTIONS) - 1

    def answer(self, value) -> WizardState:
        self.answers[self.question.key] = value
        return self

    def next(self) -> WizardState:
        self.step = min(self.step + 1, len(QUESTIONS) - 1)
        return self

    def back(self) -> WizardState:
        self.step = max(self.step - 1, 0)
        return self

    def restart(self) -> WizardState:
        self.step = 0
        self.answers = {q.key: q.default for q in QUESTIONS}
        return self

    def decision(self):
        """The decision for the answers so far; bad answers raise SynthlabError."""
        from synthlab.decide import decide

        answers = dict(self.answers)
        if not answers["rare_class_share"]:
            answers["rare_class_share"] = None
        return decide(**answers)


def recommendation_html(decision) -> str:
    """The verdict, the reasons and the best methods, as HTML for the widget."""
    escape = html.escape
    verdict = decision.use_synthetic
    parts = [f"<h3 class='synthlab-wizard-verdict' data-verdict='{verdict}'>"
             f"{escape(_verdict(decision))}</h3><ul>"]
    parts += [f"<li>{escape(reason)}</li>" for reason in decision.reasons]
    parts.append("</ul>")
    if decision.methods:
        parts.append(f"<p>Recommended method: <b class='synthlab-wizard-method'>"
                     f"{escape(decision.method)}</b></p><ol>")
        parts += [f"<li><b>{escape(choice.name)}</b>: "
                  f"{escape('; '.join(choice.reasons[1:]))}</li>"
                  for choice in decision.methods]
        parts.append("</ol>")
    if decision.checks:
        parts.append("<p>Checks that must pass: "
                     + escape(", ".join(decision.checks)) + "</p>")
    parts.append("<p>Alternatives:</p><ul>")
    parts += [f"<li>{escape(text)}</li>" for text in decision.alternatives]
    parts.append("</ul>")
    return "".join(parts)


def _verdict(decision) -> str:
    from synthlab.decide import VERDICT_LABELS

    return VERDICT_LABELS[decision.use_synthetic]


def try_recommendation(decision, dataset: str, n_rows: int = TRY_ROWS,
                       seed: int = TRY_SEED):
    """Run the recommended method and the risk checks on a shipped table.

    The method learns from 70% of the rows; the other 30% are the holdout the
    checks compare with. The checks use the decision's thresholds. Returns the
    synthetic table and the risk report.
    """
    import dataclasses

    import synthlab

    if decision.method is None:
        raise SynthlabError(
            "There is no method to run: the decision says synthetic data is not "
            "the answer here. Change an answer, or follow the alternatives.")
    real = synthlab.datasets.load(dataset)
    train, holdout = real.split(holdout=0.3, seed=seed)
    train = dataclasses.replace(real, data=train)
    synthetic = synthlab.generate(train, decision.method, n_rows, seed=seed)
    report = synthlab.check(train, synthetic, holdout=holdout,
                            thresholds=decision.checks, seed=seed)
    return synthetic, report


def required_verdicts(decision, report) -> dict[str, str]:
    """The verdicts of the checks the decision requires, by check."""
    return {name: report.verdicts[name] for name in decision.checks}


def verdicts_html(decision, report) -> str:
    """One line: the required checks and their verdicts, and whether all passed."""
    verdicts = required_verdicts(decision, report)
    shown = ", ".join(f"{name}: {verdict}" for name, verdict in verdicts.items())
    failed = [name for name, verdict in verdicts.items() if verdict == "fail"]
    if failed:
        outcome = f"Not ready to use: {', '.join(failed)} failed."
    elif "warn" in verdicts.values():
        outcome = "Usable with care: read the warnings below first."
    else:
        outcome = "Every required check passed."
    return (f"<p class='synthlab-wizard-run-done'><b>{html.escape(outcome)}</b> "
            f"Required checks: {html.escape(shown)}.</p>")


def decision_wizard(datasets: tuple[str, ...] | None = None,
                    state: WizardState | None = None):
    """The wizard as an ipywidgets box: questions, recommendation, record, a run."""
    import ipywidgets as widgets

    from synthlab import datasets as shipped

    state = state or WizardState()
    counter = widgets.HTML().add_class("synthlab-wizard-counter")
    prompt = widgets.HTML().add_class("synthlab-wizard-question")
    why = widgets.HTML().add_class("synthlab-wizard-why")
    inputs = {q.key: _input(widgets, q).add_class(f"synthlab-wizard-input-{q.key}")
              for q in QUESTIONS}
    slot = widgets.Box()
    back = widgets.Button(description="Back").add_class("synthlab-wizard-back")
    again = widgets.Button(description="Start again").add_class(
        "synthlab-wizard-restart")
    wide = widgets.Layout(width="auto")
    forward = widgets.Button(description="Next", button_style="primary",
                             layout=wide).add_class("synthlab-wizard-next")
    error = widgets.HTML().add_class("synthlab-wizard-error")
    result = widgets.HTML().add_class("synthlab-wizard-recommendation")
    record = widgets.Textarea(layout=widgets.Layout(width="100%", height="260px")
                              ).add_class("synthlab-wizard-record")
    names = list(datasets or shipped.names())
    table = widgets.Dropdown(options=names, value="german_credit"
                             if "german_credit" in names else names[0],
                             description="Dataset").add_class("synthlab-wizard-dataset")
    run = widgets.Button(description="Run the method and the checks", disabled=True,
                         layout=wide).add_class("synthlab-wizard-run")
    run_output = widgets.Output().add_class("synthlab-wizard-run-output")
    answer_panel = widgets.VBox([result, widgets.HTML("<b>Decision record</b>"), record,
                                 widgets.HBox([table, run]), run_output])
    answer_panel.layout.display = "none"
    current = {"decision": None}

    def show_question():
        question = state.question
        counter.value = f"Question {state.step + 1} of {len(QUESTIONS)}"
        prompt.value = f"<b>{html.escape(question.prompt)}</b>"
        why.value = f"<i>Why it matters:</i> {html.escape(question.why)}"
        slot.children = [inputs[question.key]]
        back.disabled = state.step == 0
        forward.description = "See the recommendation" if state.is_last else "Next"

    def show_error(problem):
        error.value = (f"<p class='synthlab-wizard-error-text' style='color:#b00020'>"
                       f"{html.escape(str(problem))}</p>")

    def on_next(_button):
        error.value = ""
        state.answer(inputs[state.question.key].value)
        try:
            decision = state.decision()  # checks this answer at once
        except SynthlabError as problem:
            show_error(problem)
            return
        if not state.is_last:
            state.next()
            show_question()
            return
        current["decision"] = decision
        result.value = recommendation_html(decision)
        record.value = decision.to_markdown()
        run.disabled = decision.method is None
        run_output.clear_output()
        answer_panel.layout.display = "flex"

    def on_back(_button):
        error.value = ""
        state.answer(inputs[state.question.key].value)
        state.back()
        show_question()
        answer_panel.layout.display = "none"

    def on_restart(_button):
        error.value = ""
        result.value = ""
        record.value = ""
        state.restart()
        for question in QUESTIONS:
            inputs[question.key].value = question.default
        answer_panel.layout.display = "none"
        show_question()

    def on_run(_button):
        run_output.clear_output()
        run.disabled = True
        with run_output:
            try:
                synthetic, report = try_recommendation(current["decision"], table.value)
            except SynthlabError as problem:
                show_error(problem)
            else:
                from IPython.display import display

                decision = current["decision"]
                display(widgets.HTML(
                    f"<p>Made {len(synthetic)} rows like {html.escape(table.value)} "
                    f"with {decision.method} (seed {TRY_SEED}).</p>"
                    + verdicts_html(decision, report)))
                display(report)
        run.disabled = False

    forward.on_click(on_next)
    back.on_click(on_back)
    run.on_click(on_run)
    again.on_click(on_restart)
    show_question()
    questions = widgets.VBox([counter, prompt, why, slot,
                              widgets.HBox([back, forward, again]), error])
    return widgets.VBox([questions, answer_panel]).add_class("synthlab-wizard")


def _input(widgets, question: Question):
    if question.options:
        return widgets.ToggleButtons(options=[(o.replace("_", " "), o)
                                              for o in question.options],
                                     value=question.default)
    if question.key == "real_rows":
        return widgets.IntText(value=question.default, description="Rows")
    return widgets.FloatText(value=question.default, step=0.01, description="Share")
