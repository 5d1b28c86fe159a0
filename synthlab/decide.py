"""From a product situation to a recorded, reasoned recommendation.

``decide`` takes a team's answers about its data and its product, applies the
rules of :mod:`synthlab.decision_rules` to them and to the method catalog, and
returns a :class:`Decision`: whether synthetic data is the answer, which
methods fit (best first, with reasons), what to do instead or as well, which
risk checks must pass, and what to re-check once real data arrives.

>>> import synthlab
>>> decision = synthlab.decide(real_rows=300, sensitivity="internal",
...                            audience="team", purpose="train_model")
>>> decision.use_synthetic, decision.situations
('yes', ['not_enough_data'])
>>> decision.methods[0].name
'gaussian_copula'
>>> synthlab.decide(real_rows=50_000, sensitivity="public", audience="team",
...                 purpose="train_model").use_synthetic
'no'
"""

from __future__ import annotations

import html
import sys
import types
import numbers
from dataclasses import dataclass, field

from synthlab import decision_rules as rules
from synthlab.decision_rules import ALTERNATIVES, SOURCES, Answers, Rule
from synthlab.errors import SynthlabError
from synthlab.methods.catalog import SITUATION_LABELS, MethodCard, catalog

VERDICT_ORDER = ("yes", "with_care", "no")  # from least to most cautious
VERDICT_LABELS = {
    "yes": "Yes: synthetic data fits this job.",
    "with_care": "With care: synthetic data can help, if the checks below pass.",
    "no": "No: synthetic data is the wrong answer here.",
}
QUESTIONS = {
    "real_rows": "Real rows available",
    "sensitivity": "Sensitivity of the data",
    "audience": "Who will see the synthetic data",
    "purpose": "Purpose",
    "rare_class_share": "Share of the rare class",
    "risk_tolerance": "Risk tolerance",
    "compute": "Compute",
}


@dataclass(frozen=True)
class MethodChoice:
    """A catalog method and the reasons it was ranked where it is."""

    name: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _SoFar:
    """What the rules have decided so far; verdict, rank and check rules read it."""

    situations: tuple[str, ...] = ()
    allowed: tuple[MethodCard, ...] = ()
    top: MethodCard | None = None


@dataclass
class Decision:
    """The recommendation ``decide`` returns; ``to_markdown()`` is its record.

    ``checks`` maps each risk check that must pass to its thresholds, in the
    form ``synthlab.check(..., thresholds=decision.checks)`` takes.
    """

    answers: Answers
    use_synthetic: str
    situations: list[str]
    methods: list[MethodChoice]
    ruled_out: list[MethodChoice]
    alternatives: list[str]
    checks: dict[str, dict[str, float]]
    assumptions: list[str]
    reasons: list[str]
    rules_applied: list[str] = field(default_factory=list)

    @property
    def method(self) -> str | None:
        """The best method's name, or None when synthetic data is not the answer."""
        return self.methods[0].name if self.methods else None

    def to_markdown(self) -> str:
        """A decision record to paste into a project document."""
        lines = [f"# Decision record: synthetic data for {_purpose(self.answers)}", ""]
        lines += ["## The situation", "", "| Question | Answer |", "|---|---|"]
        lines += [f"| {label} | {_answer(self.answers, key)} |"
                  for key, label in QUESTIONS.items()]
        lines += ["", "## Verdict", "", f"**{VERDICT_LABELS[self.use_synthetic]}**", ""]
        lines += [f"- {reason}" for reason in self.reasons]
        lines += ["", "## Situations", ""]
        lines += [f"- {SITUATION_LABELS[name]}" for name in self.situations] or [
            "- none of the three: real data is usable and sufficient"]
        lines += ["", "## Methods, best first", ""]
        for rank, choice in enumerate(self.methods, start=1):
            lines.append(f"{rank}. **{choice.name}**: " + "; ".join(choice.reasons))
        if not self.methods:
            lines.append("None: synthetic data is not the answer here.")
        if self.ruled_out:
            lines += ["", "## Ruled out", ""]
            lines += [f"- **{c.name}**: " + "; ".join(c.reasons)
                      for c in self.ruled_out]
        if self.checks:
            lines += ["", "## Checks that must pass before use", "",
                      "Each figure warns at the first value and fails at the second; "
                      "pass these as `synthlab.check(..., thresholds=...)`.", "",
                      "| Check | Cut-offs (warn / fail) |", "|---|---|"]
            lines += [f"| {name} | {_cutoffs(limits)} |"
                      for name, limits in self.checks.items()]
        lines += ["", "## Alternatives, instead or as well", ""]
        lines += [f"- {text}" for text in self.alternatives]
        lines += ["", "## Assumptions to re-check", ""]
        lines += [f"- {text}" for text in self.assumptions]
        lines += ["", "## Rules applied", ""]
        used = [rule for rule in rules.RULES if rule.id in self.rules_applied]
        lines += [f"- **{rule.id}** ({_when(rule)}): {rule.then}. "
                  f"Source: {SOURCES[rule.source].markdown()}" for rule in used]
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        escape = html.escape
        parts = [f"<div class='synthlab-decision'><p><b>"
                 f"{escape(VERDICT_LABELS[self.use_synthetic])}</b></p><ul>"]
        parts += [f"<li>{escape(reason)}</li>" for reason in self.reasons]
        parts.append("</ul>")
        if self.methods:
            parts.append("<p>Methods, best first:</p><ol>")
            parts += [f"<li><b>{escape(c.name)}</b>: "
                      f"{escape('; '.join(c.reasons))}</li>" for c in self.methods]
            parts.append("</ol>")
        if self.checks:
            parts.append("<p>Checks that must pass:</p><ul>")
            parts += [f"<li>{escape(name)}: {escape(_cutoffs(limits))}</li>"
                      for name, limits in self.checks.items()]
            parts.append("</ul>")
        parts.append("<p>Alternatives:</p><ul>")
        parts += [f"<li>{escape(text)}</li>" for text in self.alternatives]
        parts.append("</ul></div>")
        return "".join(parts)

    def __repr__(self) -> str:
        return (f"Decision(use_synthetic={self.use_synthetic!r}, "
                f"situations={self.situations!r}, method={self.method!r})")


def decide(
    real_rows: int,
    sensitivity: str,
    audience: str,
    purpose: str,
    rare_class_share: float | None = None,
    risk_tolerance: str = "medium",
    compute: str = "laptop",
) -> Decision:
    """Recommend whether to use synthetic data, and how, for one product situation.

    Parameters
    ----------
    real_rows : int
        How many real rows exist (0: none yet).
    sensitivity : {"public", "internal", "personal", "regulated"}
        How sensitive the real data is.
    audience : {"team", "partners", "public"}
        Who will see the synthetic data.
    purpose : {"train_model", "test_software", "demo", "evaluate_model", "share_data"}
        What the synthetic data is for.
    rare_class_share : float, optional
        Share of the rare class (between 0 and 1) when the problem is a rare event.
    risk_tolerance : {"low", "medium", "high"}, default "medium"
        How much disclosure and fidelity risk the team accepts.
    compute : {"laptop", "gpu"}, default "laptop"
        What the method may run on.

    Returns
    -------
    Decision
        ``use_synthetic``, ``situations``, ``methods``, ``alternatives``,
        ``checks``, ``assumptions`` and ``to_markdown()``.

    Raises
    ------
    SynthlabError
        When an answer is not one of the allowed values.

    Examples
    --------
    >>> decision = decide(2139, "regulated", "public", "share_data")
    >>> decision.use_synthetic, decision.methods
    ('no', [])
    >>> decide(300, "internal", "team", "predict")
    Traceback (most recent call last):
    ...
    synthlab.errors.SynthlabError: purpose 'predict' is not one of the allowed
    values: train_model, test_software, demo, evaluate_model, share_data. Pick one
    of them.
    """
    answers = _validate(real_rows, sensitivity, audience, purpose, rare_class_share,
                        risk_tolerance, compute)
    applied: list[Rule] = []

    situations = []
    for rule in rules.rules_of("situation"):
        if rule.applies(answers):
            applied.append(rule)
            if rule.value not in situations:
                situations.append(rule.value)
    situations.sort(key=list(SITUATION_LABELS).index)

    allowed, ruled_out = _filter_methods(answers, applied)
    so_far = _SoFar(situations=tuple(situations), allowed=tuple(allowed))
    ranked = _rank(answers, allowed, so_far, applied)

    verdict, fired = "yes", []
    for rule in rules.rules_of("verdict"):
        if rule.applies(answers, so_far):
            applied.append(rule)
            fired.append(rule)
            if VERDICT_ORDER.index(rule.value) > VERDICT_ORDER.index(verdict):
                verdict = rule.value
    # The reasons are those of the verdict that won.
    reasons = [rule.then[0].upper() + rule.then[1:] + "."
               for rule in fired if rule.value == verdict]
    if verdict == "yes":
        reasons.insert(0, "Synthetic data fits: " + ", ".join(
            SITUATION_LABELS[name] for name in situations) + ".")

    if verdict == "no":  # nothing is ranked when nothing is recommended
        applied = [rule for rule in applied if rule.kind != "rank"]
    methods = [] if verdict == "no" else ranked
    so_far = _SoFar(situations=tuple(situations), allowed=tuple(allowed),
                    top=_card(methods[0].name) if methods else None)
    checks = {} if verdict == "no" else _checks(answers, so_far, applied)
    return Decision(
        answers=answers,
        use_synthetic=verdict,
        situations=situations,
        methods=methods,
        ruled_out=ruled_out,
        alternatives=_alternatives(applied),
        checks=checks,
        assumptions=_assumptions(answers, verdict),
        reasons=reasons,
        rules_applied=sorted({rule.id for rule in applied},
                             key=[r.id for r in rules.RULES].index),
    )


def _validate(real_rows, sensitivity, audience, purpose, rare_class_share,
              risk_tolerance, compute) -> Answers:
    if isinstance(real_rows, bool) or not isinstance(real_rows, numbers.Integral):
        raise SynthlabError(
            f"real_rows must be a whole number of rows, got {real_rows!r}. "
            "Give 0 when there is no real data yet.")
    if real_rows < 0:
        raise SynthlabError(
            f"real_rows must be 0 or more, got {real_rows}. "
            "Give 0 when there is no real data yet.")
    for name, value, allowed in (
        ("sensitivity", sensitivity, rules.SENSITIVITIES),
        ("audience", audience, rules.AUDIENCES),
        ("purpose", purpose, rules.PURPOSES),
        ("risk_tolerance", risk_tolerance, rules.RISK_TOLERANCES),
        ("compute", compute, rules.COMPUTES),
    ):
        if value not in allowed:
            raise SynthlabError(
                f"{name} {value!r} is not one of the allowed values: "
                f"{', '.join(allowed)}. Pick one of them.")
    if rare_class_share is not None:
        if isinstance(rare_class_share, bool) or not isinstance(
                rare_class_share, numbers.Real) or not 0 < rare_class_share <= 0.5:
            raise SynthlabError(
                f"rare_class_share must be a share between 0 and 0.5 (the rarer "
                f"class), got {rare_class_share!r}. Give 0.036 for 3.6%, or leave "
                "it out when there is no rare class.")
        rare_class_share = float(rare_class_share)
    return Answers(int(real_rows), sensitivity, audience, purpose, rare_class_share,
                   risk_tolerance, compute)


def _card(name: str) -> MethodCard:
    return next(card for card in catalog() if card.name == name)


def _filter_methods(answers: Answers, applied: list[Rule]):
    allowed, ruled_out = [], []
    for card in catalog():
        fired = [rule for rule in rules.rules_of("method")
                 if rule.applies(answers, card)]
        if fired:
            applied.extend(rule for rule in fired if rule not in applied)
            ruled_out.append(MethodChoice(card.name, tuple(
                f"{rule.then} ({rule.id}: {_detail(rule, answers, card)})"
                for rule in fired)))
        else:
            allowed.append(card)
    return allowed, ruled_out


def _detail(rule: Rule, answers: Answers, card: MethodCard) -> str:
    if rule.id == "M2":
        return f"it needs {card.min_rows}, there are {answers.real_rows}"
    if rule.id == "M5":
        return (f"its risk is {card.disclosure_risk}, the most allowed is "
                f"{answers.disclosure_allowed}")
    return rule.when


def _when(rule: Rule) -> str:
    return "always" if rule.when == "always" else f"when {rule.when}"


def _rank(answers: Answers, allowed: list[MethodCard], so_far: _SoFar,
          applied: list[Rule]):
    order = [card.name for card in catalog()]

    def rank_value(rule: Rule, card: MethodCard):
        if rule.key is not None:
            return rule.key(answers, card)
        return not rule.applies(answers, card, so_far)

    for rule in rules.rules_of("rank"):
        if len({rank_value(rule, card) for card in allowed}) > 1:
            applied.append(rule)

    def sort_key(card: MethodCard):
        values = [rank_value(rule, card) for rule in rules.rules_of("rank")]
        return (*values, order.index(card.name))

    return [MethodChoice(card.name, _method_reasons(answers, card, so_far))
            for card in sorted(allowed, key=sort_key)]


def _method_reasons(answers: Answers, card: MethodCard, so_far: _SoFar):
    reasons = [card.summary.rstrip(".")]
    if answers.rare_event and answers.purpose == "train_model" and (
            "rare_patterns" in card.preserves):
        reasons.append("keeps rare patterns, which a rare-class model needs")
    if rules.at_least(card.fidelity, answers.fidelity_needed):
        reasons.append(f"reaches the {answers.fidelity_needed} level of the ONS "
                       f"spectrum this purpose needs (it is {card.fidelity})")
    else:
        reasons.append(f"falls short of the {answers.fidelity_needed} level this "
                       f"purpose needs (it is {card.fidelity}): good for building the "
                       "pipeline, not for judging results")
    matched = [SITUATION_LABELS[s] for s in so_far.situations if s in card.situations]
    if matched:
        reasons.append("made for: " + ", ".join(matched))
    reasons.append(f"disclosure risk {card.disclosure_risk}; {card.privacy}")
    return tuple(reasons)


def _checks(answers: Answers, so_far: _SoFar, applied: list[Rule]):
    checks = {}
    for rule in rules.rules_of("check"):
        if rule.applies(answers, so_far):
            applied.append(rule)
            checks[rule.value] = rules.thresholds(rule.value, answers.strictness)
    return checks


def _alternatives(applied: list[Rule]) -> list[str]:
    keys = []
    for rule in applied:
        keys.extend(key for key in rule.offers if key not in keys)
    return [ALTERNATIVES[key] for key in keys]


def _assumptions(answers: Answers, verdict: str) -> list[str]:
    notes = []
    if answers.real_rows == 0:
        notes.append("There is no real data yet: compare the synthetic rows with the "
                     "first real ones as soon as they arrive, and retrain on real "
                     "rows.")
    elif answers.real_rows < rules.ENOUGH_ROWS:
        notes.append(f"There are {answers.real_rows} real rows: decide again at "
                     f"{rules.ENOUGH_ROWS} or more, when real rows alone may be "
                     "enough.")
    if answers.rare_class_share is not None:
        notes.append(f"The rare class is {answers.rare_class_share:.1%} of the rows: "
                     "measure the share again on fresh real data.")
    if answers.sensitivity in ("personal", "regulated"):
        notes.append("The data is " + answers.sensitivity + ": ask your data "
                     "protection officer whether the synthetic output is itself still "
                     "personal data.")
    if answers.audience == "public":
        notes.append("The synthetic rows go to the public: once released, they can't "
                     "be called back.")
    else:
        who = {"team": "your team", "partners": "your partners"}[answers.audience]
        notes.append(f"Only {who} will see the synthetic rows: if that audience "
                     "widens, decide again, since the checks get stricter.")
    if answers.purpose in ("train_model", "evaluate_model") and verdict != "no":
        notes.append("Judge every model on real held-out rows, never on synthetic "
                     "rows alone.")
    if answers.compute == "laptop":
        notes.append("Only methods that run on a laptop were considered.")
    return notes


def _cutoffs(limits: dict[str, float]) -> str:
    """Cut-offs as 'column_shape 0.1 / 0.25', one pair per figure."""
    figures = [name[:-5] for name in limits if name.endswith("_warn")]
    return "; ".join(f"{figure.replace('_', ' ')} {limits[figure + '_warn']:g} / "
                     f"{limits[figure + '_fail']:g}" for figure in figures)


def _purpose(answers: Answers) -> str:
    return answers.purpose.replace("_", " ")


def _answer(answers: Answers, key: str) -> str:
    value = getattr(answers, key)
    if value is None:
        return "not given"
    if key == "rare_class_share":
        return f"{value:.1%}"
    if key == "real_rows":
        return f"{value:,}"
    return str(value).replace("_", " ")


class _CallableModule(types.ModuleType):
    """Lets ``synthlab.decide(...)`` work even after ``import synthlab.decide``.

    Importing this module binds the name ``decide`` on the ``synthlab`` package
    to the module, which would hide the function of the same name.
    """

    def __call__(self, *args, **kwargs) -> Decision:
        return decide(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
