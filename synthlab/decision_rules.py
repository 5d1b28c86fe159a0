"""The rules of the decision framework, in one table a learner can read and argue with.

``synthlab.decide`` applies these rules and nothing else. Each rule says when it
applies, what it concludes, and where the idea comes from. The method facts
(disclosure risk, fidelity, rows needed, ...) are not copied here: the rules read
them from ``synthlab.methods.catalog()``.

Five kinds of rule, applied in this order:

* ``situation``: which of the three situations the product is in;
* ``verdict``: whether synthetic data is the answer ("yes", "with_care", "no");
  the most cautious verdict that applies wins;
* ``method``: which catalog methods are ruled out for these answers;
* ``rank``: how the remaining methods are ordered, best first;
* ``check``: which risk checks must pass before the synthetic data is used.

>>> [rule.id for rule in RULES if rule.kind == "situation"]
['S1', 'S2', 'S3', 'S4', 'S5']
>>> all(rule.source in SOURCES for rule in RULES)
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from synthlab.methods.catalog import FIDELITY_LEVELS, RISK_LEVELS

# The answers a product team gives, and the values each one allows.
SENSITIVITIES = ("public", "internal", "personal", "regulated")
AUDIENCES = ("team", "partners", "public")
PURPOSES = ("train_model", "test_software", "demo", "evaluate_model", "share_data")
RISK_TOLERANCES = ("low", "medium", "high")
COMPUTES = ("laptop", "gpu")

# Rules of thumb of this kit, not laws of nature: change them for your problem.
ENOUGH_ROWS = 1000  # fewer real rows than this counts as "not enough data"
RARE_SHARE = 0.10  # a class rarer than this counts as a rare event

# The ONS spectrum runs from structural (no disclosure risk) to replica (high);
# the catalog places each method on it.
FIDELITY_ORDER = FIDELITY_LEVELS
RISK_ORDER = RISK_LEVELS

# The lowest point on the ONS spectrum that does the job, per purpose.
FIDELITY_NEEDED = {
    "test_software": "structural",
    "demo": "plausible",
    "train_model": "multivariate",
    "evaluate_model": "multivariate",
    "share_data": "multivariate",
}

# Who may see the real rows themselves, by sensitivity.
REAL_DATA_AUDIENCES = {
    "public": ("team", "partners", "public"),
    "internal": ("team",),
    "personal": ("team",),
    "regulated": (),  # regulated data stays inside its secure environment
}

# The highest disclosure risk a synthetic table may carry, by sensitivity and
# audience, at medium risk tolerance. Low tolerance moves one step down, high
# tolerance one step up; public data has nothing to disclose, so it stays high.
DISCLOSURE_ALLOWED = {
    ("public", "team"): "high",
    ("public", "partners"): "high",
    ("public", "public"): "high",
    ("internal", "team"): "high",
    ("internal", "partners"): "medium",
    ("internal", "public"): "low",
    ("personal", "team"): "high",
    ("personal", "partners"): "medium",
    ("personal", "public"): "low",
    ("regulated", "team"): "medium",
    ("regulated", "partners"): "low",
    ("regulated", "public"): "none",
}

# How strict the checks are: one step per level of caution, from the risk
# tolerance (high 0, medium 1, low 2) plus the audience (team 0, partners 1,
# public 2), capped at the strictest level.
STRICTNESS = ("relaxed", "standard", "strict", "strictest")


@dataclass(frozen=True)
class Source:
    """Where a rule's idea comes from."""

    title: str
    url: str

    def markdown(self) -> str:
        return f"[{self.title}]({self.url})"


SOURCES = {
    "ons": Source(
        "ONS Methodology Working Paper 16: Synthetic data pilot (the synthetic "
        "data spectrum)",
        "https://www.ons.gov.uk/methodology/methodologicalpublications/"
        "generalmethodology/onsworkingpaperseries/"
        "onsmethodologyworkingpaperseriesnumber16syntheticdatapilot",
    ),
    "ico": Source(
        "UK ICO, Privacy-enhancing technologies: synthetic data",
        "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/"
        "data-sharing/privacy-enhancing-technologies/what-pets-are-there/"
        "synthetic-data/",
    ),
    "jordon": Source(
        "Jordon et al. 2022, Synthetic Data: what, why and how?",
        "https://arxiv.org/abs/2205.03257",
    ),
    "nist": Source(
        "NIST, 2018 Differential Privacy Synthetic Data Challenge (winner: the "
        "method that became MST)",
        "https://www.nist.gov/ctl/pscr/team-rmckenna",
    ),
    "suitability": Source(
        "Should I use Synthetic Data for That? (arXiv 2602.03791, 2026)",
        "https://arxiv.org/html/2602.03791v1",
    ),
    "smote": Source(
        "Chawla et al. 2002, SMOTE: Synthetic Minority Over-sampling Technique",
        "https://doi.org/10.1613/jair.953",
    ),
    "census": Source(
        "US Census Bureau, SIPP Synthetic Beta: explore on synthetic, validate "
        "on real",
        "https://census.gov/programs-surveys/sipp/guidance/"
        "sipp-synthetic-beta-data-product.html",
    ),
    "catalog": Source(
        "synthlab method catalog (synthlab.methods.catalog)",
        "synthlab/methods/catalog.py",
    ),
    "kit": Source(
        "a rule of thumb of this kit: change it for your problem",
        "synthlab/decision_rules.py",
    ),
}


@dataclass(frozen=True)
class Answers:
    """The answers ``decide`` was given, already validated."""

    real_rows: int
    sensitivity: str
    audience: str
    purpose: str
    rare_class_share: float | None
    risk_tolerance: str
    compute: str

    @property
    def rare_event(self) -> bool:
        return self.rare_class_share is not None and self.rare_class_share < RARE_SHARE

    @property
    def real_data_usable(self) -> bool:
        return self.audience in REAL_DATA_AUDIENCES[self.sensitivity]

    @property
    def disclosure_allowed(self) -> str:
        if self.sensitivity == "public":
            return "high"
        level = RISK_ORDER.index(DISCLOSURE_ALLOWED[self.sensitivity, self.audience])
        level += {"low": -1, "medium": 0, "high": 1}[self.risk_tolerance]
        return RISK_ORDER[min(max(level, 0), len(RISK_ORDER) - 1)]

    @property
    def fidelity_needed(self) -> str:
        return FIDELITY_NEEDED[self.purpose]

    @property
    def strictness(self) -> str:
        level = {"high": 0, "medium": 1, "low": 2}[self.risk_tolerance]
        level += AUDIENCES.index(self.audience)
        return STRICTNESS[min(level, len(STRICTNESS) - 1)]


def at_least(fidelity: str, needed: str) -> bool:
    """Whether a point on the ONS spectrum reaches another one."""
    return FIDELITY_ORDER.index(fidelity) >= FIDELITY_ORDER.index(needed)


def risk_within(risk: str, allowed: str) -> bool:
    """Whether a disclosure risk stays within what is allowed."""
    return RISK_ORDER.index(risk) <= RISK_ORDER.index(allowed)


@dataclass(frozen=True)
class Rule:
    """One rule: when it applies, what it concludes, and its source.

    ``applies`` returns True when the rule fires. What it is given depends on
    the kind: ``situation`` rules get the answers ``a``; ``verdict`` and
    ``check`` rules get ``a`` and what was decided so far, ``so_far`` (its
    ``situations``, the ``allowed`` method cards and the ``top`` one);
    ``method`` rules get ``a`` and a method card ``c``; ``rank`` rules get
    ``a``, ``c`` and ``so_far``. ``value`` is what the rule concludes (a
    situation, a verdict or a check) and ``offers`` names the alternatives it
    puts on the table (keys of ``ALTERNATIVES``). Methods a ``rank`` rule
    applies to come first; a ``rank`` rule with a ``key`` sorts by it instead.
    A ``rank`` rule counts as applied when it tells the remaining methods apart.
    """

    id: str
    kind: str
    when: str
    then: str
    source: str
    applies: Callable[..., bool]
    value: Any = None
    offers: tuple[str, ...] = ()
    key: Callable[..., Any] | None = None


RULES: tuple[Rule, ...] = (
    # --- Which situation is this? -------------------------------------------------
    Rule(
        "S1", "situation",
        when="there are no real rows yet",
        then="the product doesn't exist yet: only methods that need no real data "
        "can run, and what they produce carries only your assumptions",
        source="ons",
        applies=lambda a: a.real_rows == 0,
        value="no_data_yet",
        offers=("feedback",),
    ),
    Rule(
        "S2", "situation",
        when=f"there are fewer than {ENOUGH_ROWS} real rows",
        then="not enough real data: a model trained on them alone may be unstable",
        source="kit",
        applies=lambda a: 0 < a.real_rows < ENOUGH_ROWS,
        value="not_enough_data",
        offers=("collect",),
    ),
    Rule(
        "S3", "situation",
        when=f"the rare class is under {RARE_SHARE:.0%} of the rows",
        then="not enough data where it matters: the rare events are few",
        source="smote",
        applies=lambda a: a.real_rows > 0 and a.rare_event,
        value="not_enough_data",
        offers=("reweight",),
    ),
    Rule(
        "S4", "situation",
        when="the real rows may not be shown to this audience",
        then="real data can't be used: whatever the audience sees must be made, "
        "not copied",
        source="ico",
        applies=lambda a: a.real_rows > 0 and not a.real_data_usable,
        value="cannot_use_real_data",
        offers=("aggregate", "agreement"),
    ),
    Rule(
        "S5", "situation",
        when="personal or regulated rows would go into a test system or a demo",
        then="real data can't be used: real people's rows do not belong in test "
        "environments or demos, whoever sees them",
        source="ons",
        applies=lambda a: (
            a.real_rows > 0 and a.sensitivity in ("personal", "regulated")
            and a.purpose in ("test_software", "demo")
        ),
        value="cannot_use_real_data",
    ),
    # --- Is synthetic data the answer? -------------------------------------------
    Rule(
        "V1", "verdict",
        when="there are enough real, balanced rows and this audience may see them",
        then="no: use the real data, with a real holdout; synthetic rows add risk "
        "and no information",
        source="suitability",
        applies=lambda a, so_far: a.real_rows > 0 and not so_far.situations,
        value="no",
        offers=("use_real",),
    ),
    Rule(
        "V2", "verdict",
        when="regulated data would go to the public at a fidelity the purpose "
        "needs",
        then="no, not with the free methods here: a public release of regulated "
        "data needs differential privacy, which free SDV does not offer "
        "(DP synthesizers such as MST or AIM, from NIST's challenges, or a "
        "commercial DP option would)",
        source="nist",
        applies=lambda a, so_far: (
            a.sensitivity == "regulated" and a.audience == "public"
            and a.real_rows > 0 and a.fidelity_needed != "structural"
        ),
        value="no",
        offers=("dp", "aggregate", "agreement"),
    ),
    Rule(
        "V3", "verdict",
        when="no method within the allowed disclosure risk reaches the fidelity "
        "the purpose needs",
        then="no: the data this purpose needs would reveal more than this audience "
        "may see; share under an agreement or use differential privacy",
        source="ons",
        applies=lambda a, so_far: (
            a.real_rows > 0 and bool(so_far.situations)
            and not any(at_least(c.fidelity, a.fidelity_needed)
                        for c in so_far.allowed)
        ),
        value="no",
        offers=("agreement", "dp"),
    ),
    Rule(
        "V4", "verdict",
        when="the synthetic rows would be made from personal or regulated data",
        then="with care: synthetic data is not private by construction; the "
        "closer it sits to the real rows, the more it can reveal",
        source="ico",
        applies=lambda a, so_far: (
            a.real_rows > 0 and a.sensitivity in ("personal", "regulated")
        ),
        value="with_care",
    ),
    Rule(
        "V5", "verdict",
        when="internal data would reach the public",
        then="with care: a public release can't be called back; check what it "
        "reveals before it leaves",
        source="ico",
        applies=lambda a, so_far: (
            a.real_rows > 0 and a.sensitivity == "internal" and a.audience == "public"
        ),
        value="with_care",
    ),
    Rule(
        "V6", "verdict",
        when="the purpose is to evaluate a model",
        then="with care: a model's score is only trustworthy on real held-out data; "
        "synthetic rows can add test cases, not replace the real test set",
        source="jordon",
        applies=lambda a, so_far: a.purpose == "evaluate_model",
        value="with_care",
    ),
    Rule(
        "V7", "verdict",
        when="a model would be trained or evaluated before any real data exists",
        then="with care: the model learns your assumptions; plan how real data "
        "will replace the synthetic rows",
        source="jordon",
        applies=lambda a, so_far: (
            a.real_rows == 0 and a.purpose in ("train_model", "evaluate_model")
        ),
        value="with_care",
        offers=("feedback",),
    ),
    # --- Which methods are ruled out? --------------------------------------------
    Rule(
        "M1", "method",
        when="the method learns from real rows and there are none",
        then="ruled out: it has nothing to learn from",
        source="catalog",
        applies=lambda a, c: c.real_data_needed and a.real_rows == 0,
    ),
    Rule(
        "M2", "method",
        when="there are fewer real rows than the method needs",
        then="ruled out: too few rows to fit it",
        source="catalog",
        applies=lambda a, c: 0 < a.real_rows < c.min_rows,
    ),
    Rule(
        "M3", "method",
        when="the method only grows the rare class of a target, and there is no "
        "rare class to grow in a model's training data",
        then="ruled out: it makes no whole new table",
        source="smote",
        applies=lambda a, c: c.needs_target and not (
            a.rare_event and a.purpose == "train_model"
        ),
    ),
    Rule(
        "M4", "method",
        when="the method needs a GPU and there is only a laptop",
        then="ruled out: it would not finish in reasonable time",
        source="catalog",
        applies=lambda a, c: c.needs_gpu and a.compute == "laptop",
    ),
    Rule(
        "M5", "method",
        when="the method's disclosure risk is above what this sensitivity, "
        "audience and risk tolerance allow",
        then="ruled out: its rows sit too close to the real people",
        source="ons",
        applies=lambda a, c: not risk_within(c.disclosure_risk, a.disclosure_allowed),
    ),
    # --- How are the remaining methods ordered? ----------------------------------
    Rule(
        "R1", "rank",
        when="a model is trained on a rare class",
        then="first the methods that keep rare patterns",
        source="smote",
        applies=lambda a, c, so_far: not (a.rare_event and a.purpose == "train_model")
        or "rare_patterns" in c.preserves,
    ),
    Rule(
        "R2", "rank",
        when="always",
        then="then the methods that reach the fidelity the purpose needs",
        source="ons",
        applies=lambda a, c, so_far: at_least(c.fidelity, a.fidelity_needed),
    ),
    Rule(
        "R3", "rank",
        when="always",
        then="then the methods made for this situation",
        source="catalog",
        applies=lambda a, c, so_far: not so_far.situations
        or bool(set(c.situations) & set(so_far.situations)),
    ),
    Rule(
        "R4", "rank",
        when="always",
        then="then the lowest fidelity that does the job, and the lowest "
        "disclosure risk: the closer to the real rows, the more they reveal",
        source="ico",
        applies=lambda a, c, so_far: True,
        key=lambda a, c: (
            abs(FIDELITY_ORDER.index(c.fidelity)
                - FIDELITY_ORDER.index(a.fidelity_needed)),
            RISK_ORDER.index(c.disclosure_risk),
        ),
    ),
    # --- Which risk checks must pass? --------------------------------------------
    Rule(
        "C1", "check",
        when="there are real rows to compare with and the purpose needs more "
        "than the structure",
        then="the distribution check: synthetic columns and pairs must match the "
        "real ones",
        source="jordon",
        applies=lambda a, so_far: a.real_rows > 0 and a.fidelity_needed != "structural",
        value="distribution",
    ),
    Rule(
        "C2", "check",
        when="always",
        then="the artifacts check: no impossible rows, no broken business rules",
        source="ons",
        applies=lambda a, so_far: True,
        value="artifacts",
    ),
    Rule(
        "C3", "check",
        when="the method learns from real rows that are not public",
        then="the privacy check: synthetic rows must not sit closer to the "
        "training rows than to unseen real rows",
        source="ico",
        applies=lambda a, so_far: (
            a.real_rows > 0 and a.sensitivity != "public"
            and so_far.top is not None and so_far.top.real_data_needed
        ),
        value="privacy",
    ),
    Rule(
        "C4", "check",
        when="the rows describe people and feed a model or a release",
        then="the bias check: groups must keep their share and their outcomes",
        source="ico",
        applies=lambda a, so_far: (
            a.real_rows > 0 and a.sensitivity in ("personal", "regulated")
            and a.purpose in ("train_model", "evaluate_model", "share_data")
        ),
        value="bias",
    ),
)

# What to do instead of, or as well as, synthetic data; offered by decide().
ALTERNATIVES = {
    "use_real": "Use the real rows directly, with a real holdout kept aside.",
    "collect": "Collect more real data: every pilot customer's rows add real "
    "signal that no generator can invent.",
    "reweight": "Class weights, resampling or threshold tuning: cheaper than a "
    "generator, and the baseline any synthetic rows must beat.",
    "aggregate": "Aggregation or classic anonymisation (counts, bands, "
    "suppression of small cells) when the audience needs totals, not rows.",
    "dp": "Differential privacy: a DP synthesizer (MST or AIM from NIST's "
    "challenges, or a commercial DP option); free SDV does not offer one.",
    "agreement": "A data-sharing agreement or a secure environment where the "
    "audience works on the real rows without taking them away.",
    "feedback": "Plan the real-data loop from day one: instrument the product "
    "and replace synthetic rows as real ones arrive.",
}


def rules_of(kind: str) -> tuple[Rule, ...]:
    """The rules of one kind, in the order they are applied."""
    return tuple(rule for rule in RULES if rule.kind == kind)


def table() -> list[dict[str, str]]:
    """The rule table as rows a notebook can show: id, kind, when, then, source."""
    return [
        {"id": rule.id, "kind": rule.kind, "when": rule.when, "then": rule.then,
         "source": SOURCES[rule.source].title}
        for rule in RULES
    ]




# How far the risk checks' own cut-offs move with caution. The cut-offs are the
# checks' defaults (``synthlab.check`` applies them as they are: "standard");
# this table only scales them, from the figure that means "no problem": 0 for
# shares and gaps, 0.5 for ROC AUCs (0.5 is a coin toss).
STRICTNESS_SCALE = {"relaxed": 1.5, "standard": 1.0, "strict": 0.6, "strictest": 0.4}


def thresholds(check: str, strictness: str) -> dict[str, float]:
    """The cut-offs one check must meet at one strictness level.

    The result is one section of ``synthlab.check(..., thresholds=...)``: every
    ``_warn`` and ``_fail`` cut-off of that check, scaled.

    >>> cutoffs = thresholds("privacy", "strict")
    >>> cutoffs["membership_auc_fail"]
    0.56
    """
    from synthlab.checks import THRESHOLDS as defaults

    scale = STRICTNESS_SCALE[strictness]
    cutoffs = {}
    for name, value in defaults[check].items():
        if not name.endswith(("_warn", "_fail")):
            continue
        base = 0.5 if "_auc_" in name else 0.0
        cutoffs[name] = round(base + (value - base) * scale, 4)
    return cutoffs
