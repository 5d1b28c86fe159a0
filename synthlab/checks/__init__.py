"""The four risk checks of synthetic data, in one call.

``check(real, synthetic, holdout=...)`` runs all four and returns a
:class:`RiskReport`:

* ``distribution``: column shapes, pairwise trends, a real-vs-synthetic
  detector and, with a target, train-on-synthetic against train-on-real;
* ``artifacts``: impossible values, unseen categories, broken rules, impossible
  combinations, duplicates, lost value grids and spikes, collapsed categories;
* ``privacy``: copies, near copies and distance to closest record, always
  against the holdout, plus a membership-inference attack;
* ``bias``: group shares, outcome rates per group and the gap between groups,
  and per-group model scores.

Each module's docstring gives the definitions; ``THRESHOLDS`` holds every
cut-off, by risk.
"""

from __future__ import annotations

from synthlab.checks._common import RISKS, THRESHOLDS, Finding, Risk
from synthlab.checks.report import RiskReport

__all__ = ["check", "RiskReport", "Risk", "Finding", "THRESHOLDS", "RISKS"]


def check(
    real,
    synthetic,
    holdout=None,
    target=None,
    sensitive=None,
    rules=None,
    thresholds: dict | None = None,
    seed: int = 0,
) -> RiskReport:
    """Run the four risk checks on a synthetic table and return the report.

    Parameters
    ----------
    real : Dataset or pandas.DataFrame
        The real rows the generator learned from (the training part). A
        ``Dataset`` brings its target, sensitive attributes, rules and column
        types as defaults; its personal-identifier columns are left out of
        every check.
    synthetic : pandas.DataFrame
        The synthetic rows, with the real table's columns (identifier columns
        may be present or not; they are ignored).
    holdout : pandas.DataFrame, optional
        Real rows the generator never saw, with the same columns. Privacy is
        judged only against it; without it the privacy verdict is ``warn``.
        The utility models are scored on it.
    target : str, optional
        The column a model would predict (default: the Dataset's).
    sensitive : str or list of str, optional
        Attributes checked for bias, such as ``["sex", "age"]`` or ``"sex,age"``.
    rules : list of str, optional
        Design rules such as ``"arms determines treat"`` or ``"end >= start"``
        (default: the Dataset's).
    thresholds : dict, optional
        Cut-offs to override, by risk, e.g.
        ``{"privacy": {"exact_copy_excess_fail": 0.0}}``. A finding warns
        above its ``*_warn`` cut-off and fails above its ``*_fail`` one; the
        cut-off used is the larger of this value and the sampling noise for the
        table sizes, so that fresh real rows do not fail. The names, with their
        defaults in ``synthlab.checks.THRESHOLDS``:

        distribution
            ``column_shape_warn/_fail`` (worst column's KS or total variation
            distance), ``pair_trend_warn/_fail`` (worst pair's correlation
            difference or contingency TVD), ``detector_auc_warn/_fail``
            (real-vs-synthetic ROC AUC), ``utility_gap_warn/_fail`` (TRTR
            minus TSTR score).
        artifacts
            ``out_of_range``, ``unseen_category``, ``rule_violation``,
            ``impossible_combination``, ``duplicate_excess``, ``off_grid``,
            ``spike_loss``, ``collapsed_category``; each with ``_warn`` and
            ``_fail`` (shares of synthetic rows or values).
        privacy
            ``exact_copy_excess``, ``unique_copy_excess``, ``near_copy_excess``
            (shares beyond the holdout's own rate),
            ``closer_to_training_excess`` (beyond n / (n + h)),
            ``membership_auc``; each with ``_warn`` and ``_fail``.
        bias
            ``gap_change_warn/_fail`` (relative change of the outcome gap
            between groups, when beyond chance), ``group_share_loss_warn/_fail``
            (share of a group's rows lost), ``group_score_drop_warn/_fail``
            (one group's TSTR drop beyond the overall drop), ``min_group_rows``
            (smaller groups are listed, not judged).
    seed : int
        Seed of the detector, the models, the bootstrap and any split.

    Returns
    -------
    RiskReport
        ``report.verdicts`` maps each risk to ``pass``, ``warn`` or ``fail``;
        ``report.to_dict()`` is JSON-ready, with ``verdicts`` at the top and
        ``closer_to_training_share`` under ``privacy``; ``report.to_html(path)``
        writes a self-contained page.

    Raises
    ------
    DataError
        When a table is empty, the synthetic or holdout columns do not match
        the real ones, a column has values of the wrong type, or the target or
        a sensitive attribute is not a column.
    SpecError
        When a rule or a threshold is not understood.

    Examples
    --------
    >>> import synthlab
    >>> credit = synthlab.datasets.load("german_credit")
    >>> train, holdout = credit.split(holdout=0.3, seed=0)
    >>> fake = train.sample(frac=1.0, random_state=0)  # copies: a privacy failure
    >>> report = synthlab.check(train, fake, holdout=holdout, target="risk",
    ...                         sensitive=["sex"])
    >>> report.verdicts["privacy"]
    'fail'
    """
    import time

    from synthlab._env import configure
    from synthlab.checks import artifacts, bias, distribution, privacy
    from synthlab.checks._common import prepare

    configure()
    inputs = prepare(
        real, synthetic, holdout, target, sensitive, rules, thresholds, seed
    )
    risks, seconds = {}, {}
    for module in (distribution, artifacts, privacy, bias):
        start = time.perf_counter()
        risk = module.run(inputs)
        seconds[risk.name] = time.perf_counter() - start
        risks[risk.name] = risk
    facts = {
        "name": inputs.name,
        "real_rows": len(inputs.real),
        "synthetic_rows": len(inputs.synthetic),
        "holdout_rows": None if inputs.holdout is None else len(inputs.holdout),
        "columns": len(inputs.kinds),
        "numerical": inputs.numerical,
        "categorical": inputs.categorical,
        "left_out": inputs.excluded,
        "target": inputs.target,
        "sensitive": inputs.sensitive,
        "rules": [rule.text for rule in inputs.rules],
        "seed": inputs.seed,
    }
    return RiskReport(risks=risks, inputs=facts, seconds=seconds)
