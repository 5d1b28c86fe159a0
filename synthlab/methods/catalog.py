"""The method catalog: one entry per generation method, with its PM checklist.

This is the only copy of the checklists. Notebooks render them, the comparison
widget reads them, and the decision framework ranks methods from them.

>>> from synthlab.methods import catalog
>>> sorted({card.family for card in catalog()})
['deep', 'foundation', 'rules', 'statistical']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

FAMILIES = ("rules", "statistical", "deep", "foundation")
SITUATIONS = ("cannot_use_real_data", "not_enough_data", "no_data_yet")
SITUATION_LABELS = {
    "cannot_use_real_data": "real data can't be used",
    "not_enough_data": "not enough real data",
    "no_data_yet": "the product doesn't exist yet",
}
# Levels of the UK ONS synthetic-data spectrum, from no disclosure risk to high.
FIDELITY_LEVELS = ("structural", "plausible", "multivariate", "replica")
RISK_LEVELS = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class MethodCard:
    """One generation method and what a product manager should know about it.

    ``disclosure_risk`` and ``fidelity`` place the method on the ONS spectrum:
    the closer synthetic rows sit to the real ones, the more they can reveal.
    """

    name: str
    family: str
    summary: str
    real_data_needed: bool
    min_rows: int
    compute: str
    time_to_first_result: str
    skills: str
    preserves: tuple[str, ...]
    privacy: str
    disclosure_risk: str
    fidelity: str
    explainability: str
    failure_modes: tuple[str, ...]
    situations: tuple[str, ...]
    needs_gpu: bool = False
    needs_target: bool = False
    source: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    def checklist(self) -> dict[str, str]:
        """The PM checklist as readable label-answer pairs, in a fixed order."""
        return {
            "family": self.family,
            "what it does": self.summary,
            "real data needed": (f"yes, at least {self.min_rows:,} rows"
                                 if self.real_data_needed else "no"),
            "needs a target column": "yes" if self.needs_target else "no",
            "compute": self.compute,
            "time to first result": self.time_to_first_result,
            "skills": self.skills,
            "preserves": ", ".join(p.replace("_", " ") for p in self.preserves),
            "privacy": self.privacy,
            "disclosure risk": self.disclosure_risk,
            "fidelity (ONS spectrum)": self.fidelity,
            "explainability": self.explainability,
            "typical failures": "; ".join(self.failure_modes),
            "serves": "; ".join(SITUATION_LABELS[s] for s in self.situations),
            "source": self.source,
        }

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><th style='text-align:left;vertical-align:top'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
            for k, v in self.checklist().items()
        )
        return f"<b>Checklist: {html.escape(self.name)}</b><table>{rows}</table>"


_CARDS = (
    MethodCard(
        name="rules",
        family="rules",
        summary="Write down what the data should look like (columns, distributions, "
        "business rules, a small event simulation) and sample from it.",
        real_data_needed=False,
        min_rows=0,
        compute="laptop, milliseconds",
        time_to_first_result="minutes to write a spec",
        skills="domain knowledge; basic Python or YAML",
        preserves=("structure",),
        privacy="no real rows involved, so nothing about real people can leak",
        disclosure_risk="none",
        fidelity="structural",
        explainability="high: every value follows a rule you can read",
        failure_modes=(
            "carries only the assumptions you wrote down: no real correlations",
            "the gap between the simulation and reality (sim-to-real)",
            "looks realistic enough to be over-trusted in a demo",
        ),
        situations=("no_data_yet", "cannot_use_real_data"),
        source="Faker; Synthea (Walonoski et al., JAMIA 2018)",
    ),
    MethodCard(
        name="gaussian_copula",
        family="statistical",
        summary="Fit each column's distribution and the correlations between "
        "columns, then sample new rows (SDV's GaussianCopulaSynthesizer).",
        real_data_needed=True,
        min_rows=100,
        compute="laptop, seconds",
        time_to_first_result="minutes",
        skills="basic Python; reading SDV metadata",
        preserves=("structure", "marginals", "correlations"),
        privacy="rows are sampled, not copied, but they can still sit close to "
        "real people; not private by construction",
        disclosure_risk="medium",
        fidelity="multivariate",
        explainability="medium: marginals and a correlation matrix",
        failure_modes=(
            "smooths over value grids and spikes (a score with four values comes "
            "back with many)",
            "misses non-linear and conditional relationships",
            "breaks business rules unless they are declared as constraints",
        ),
        situations=("cannot_use_real_data", "not_enough_data"),
        source="SDV documentation, single-table synthesizers",
    ),
    MethodCard(
        name="smote",
        family="statistical",
        summary="Make new rows of the rare class by interpolating between a rare "
        "row and its nearest rare neighbours (imbalanced-learn's SMOTE family).",
        real_data_needed=True,
        min_rows=50,
        compute="laptop, under a second",
        time_to_first_result="minutes",
        skills="basic scikit-learn",
        preserves=("marginals", "rare_patterns"),
        privacy="new points lie on lines between real ones, next to real people: "
        "not a privacy method",
        disclosure_risk="high",
        fidelity="replica",
        explainability="high: each new row sits between two real rows",
        failure_modes=(
            "only grows the rare class of a target; makes no whole new table",
            "interpolates across noise and overlapping classes",
            "a test set that was oversampled reports fantasy results",
        ),
        situations=("not_enough_data",),
        needs_target=True,
        source="Chawla et al., JAIR 16:321-357, 2002",
    ),
    MethodCard(
        name="ctgan",
        family="deep",
        summary="A conditional generative adversarial network learns the table "
        "and samples new rows (SDV's CTGANSynthesizer).",
        real_data_needed=True,
        min_rows=500,
        compute="laptop for small tables, GPU helps; minutes",
        time_to_first_result="hours to tune",
        skills="machine-learning judgement to tune epochs and check results",
        preserves=("structure", "marginals", "correlations", "rare_patterns"),
        privacy="can memorise and reproduce training rows; check against a holdout",
        disclosure_risk="high",
        fidelity="replica",
        explainability="low: a neural network",
        failure_modes=(
            "needs many epochs; undertrained models produce noise",
            "mode collapse: rare categories vanish",
            "results change with the seed and the settings",
        ),
        situations=("cannot_use_real_data", "not_enough_data"),
        source="Xu et al., Modeling Tabular Data using Conditional GAN, NeurIPS 2019",
    ),
    MethodCard(
        name="tvae",
        family="deep",
        summary="A variational autoencoder learns the table and samples new rows "
        "(SDV's TVAESynthesizer).",
        real_data_needed=True,
        min_rows=500,
        compute="laptop for small tables, GPU helps; minutes",
        time_to_first_result="hours to tune",
        skills="machine-learning judgement to tune epochs and check results",
        preserves=("structure", "marginals", "correlations"),
        privacy="can memorise and reproduce training rows; check against a holdout",
        disclosure_risk="high",
        fidelity="replica",
        explainability="low: a neural network",
        failure_modes=(
            "few epochs give blurry, averaged rows",
            "rare categories fade",
            "results change with the seed and the settings",
        ),
        situations=("cannot_use_real_data", "not_enough_data"),
        source="Xu et al., Modeling Tabular Data using Conditional GAN, NeurIPS 2019",
    ),
    MethodCard(
        name="llm",
        family="foundation",
        summary="Ask a language model for rows: from a schema-only prompt to a "
        "chat assistant, or (offline here) a small model trained on the table's "
        "rows written as text, in the spirit of GReaT.",
        real_data_needed=False,
        min_rows=0,
        compute="API budget or a large GPU; a miniature runs on a laptop",
        time_to_first_result="minutes with an API",
        skills="prompt writing; validating every row",
        preserves=("structure", "marginals"),
        privacy="a schema-only prompt sends no rows; example rows and fine-tuning "
        "send real data to the model and can be repeated back",
        disclosure_risk="low",
        fidelity="plausible",
        explainability="low: the model's reasons are not visible",
        failure_modes=(
            "invents values and categories that do not exist",
            "rows out of range or in the wrong format",
            "repetitive, too-typical rows; tails disappear",
        ),
        situations=("no_data_yet", "cannot_use_real_data", "not_enough_data"),
        source="Borisov et al., Language Models are Realistic Tabular Data "
        "Generators (GReaT), ICLR 2023",
    ),
)


def catalog() -> list[MethodCard]:
    """Every method the kit can run, with its PM checklist, in teaching order."""
    return list(_CARDS)


def compare(names=None):
    """The checklists of several methods side by side, as a DataFrame.

    >>> compare(["rules", "ctgan"]).loc["real data needed"].tolist()
    ['no', 'yes, at least 500 rows']
    """
    import pandas as pd

    cards = [card(n) for n in names] if names else catalog()
    return pd.DataFrame({c.name: c.checklist() for c in cards})


def card(name: str) -> MethodCard:
    """The catalog entry of one method."""
    for entry in _CARDS:
        if entry.name == name:
            return entry
    from synthlab.errors import MethodError

    known = ", ".join(c.name for c in _CARDS)
    raise MethodError(f"There is no method called {name!r}. The methods are: {known}.")
