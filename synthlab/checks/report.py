"""The RiskReport: four verdicts, their figures, and a page to share them.

``to_dict`` is what ``synthlab check --json`` prints; ``to_html`` writes one
self-contained page (plots embedded as base64 PNG, no external files); in a
notebook the report shows as a dashboard.
"""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from synthlab.checks._common import RISKS, Risk, _plain, worst
from synthlab.errors import DataError

COLOURS = {"pass": "#1a7f37", "warn": "#9a6700", "fail": "#cf222e"}
LABELS = {
    "distribution": "Distribution mismatch",
    "artifacts": "Artifacts",
    "privacy": "Privacy leakage",
    "bias": "Bias amplification",
}


@dataclass
class RiskReport:
    """The four risk checks on one synthetic table.

    Attributes
    ----------
    risks : dict of str to Risk
        ``distribution``, ``artifacts``, ``privacy`` and ``bias``, each with a
        ``verdict``, ``sentence``, ``next_step``, ``findings`` (figure,
        cut-offs, source), ``figures`` and ``tables``.
    inputs : dict
        Rows and columns checked, the target, the sensitive attributes and the
        rules, and which columns were left out (personal identifiers).
    """

    risks: dict[str, Risk]
    inputs: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict, repr=False)  # timings, not exported

    @property
    def verdicts(self) -> dict[str, str]:
        """The verdict of each risk: ``pass``, ``warn`` or ``fail``."""
        return {name: self.risks[name].verdict for name in RISKS}

    @property
    def verdict(self) -> str:
        """The worst of the four verdicts."""
        return worst(self.verdicts.values())

    @property
    def failed(self) -> bool:
        """True when at least one risk fails."""
        return self.verdict == "fail"

    def __getitem__(self, name: str) -> Risk:
        if name not in self.risks:
            raise KeyError(f"{name!r}; the risks are {', '.join(RISKS)}")
        return self.risks[name]

    def summary(self) -> pd.DataFrame:
        """One row per risk: verdict, the sentence and the next step."""
        return pd.DataFrame(
            [
                {
                    "risk": name,
                    "verdict": risk.verdict,
                    "what it means": risk.sentence,
                    "what to do": risk.next_step,
                }
                for name, risk in self.risks.items()
            ]
        ).set_index("risk")

    def findings(self, risk: str | None = None) -> pd.DataFrame:
        """Every finding (figure, cut-offs, verdict), for one risk or all four."""
        rows = []
        for name, item in self.risks.items():
            if risk is not None and name != risk:
                continue
            for finding in item.findings:
                rows.append({"risk": name, **finding.to_dict()})
        return pd.DataFrame(rows)

    def to_dict(self) -> dict:
        """A JSON-ready dict: ``verdicts`` first, then one entry per risk.

        ``closer_to_training_share`` is under ``privacy`` (and in its figures).
        """
        out = {
            "verdicts": self.verdicts,
            "verdict": self.verdict,
            "inputs": _plain(self.inputs),
        }
        for name in RISKS:
            out[name] = self.risks[name].to_dict()
        out["privacy"]["closer_to_training_share"] = out["privacy"]["figures"].get(
            "closer_to_training_share"
        )
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """``to_dict`` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, allow_nan=False)

    def plot(self, risk: str):
        """The figure behind one risk's verdict (a matplotlib Figure)."""
        from synthlab.checks import figures

        return figures.plot(self, risk)

    def to_html(self, path: str | Path | None = None, force: bool = False) -> str:
        """Write the report as one self-contained HTML page; return the HTML.

        Refuses to overwrite an existing file unless ``force=True``.
        """
        if path is not None:
            path = Path(path)
            if path.exists() and not force:
                raise DataError(
                    f"{path} already exists; pass force=True (or --force) to replace "
                    "it, "
                    "or choose another file name."
                )
            if path.suffix.lower() not in (".html", ".htm"):
                raise DataError(
                    f"{path}: the report is an HTML page; give a file name "
                    "ending in .html."
                )
        page = _page(self, images=True)
        if path is not None:
            path.write_text(page, encoding="utf-8")
        return page

    def _repr_html_(self) -> str:
        return _dashboard(self, images=True)

    def __repr__(self) -> str:
        verdicts = ", ".join(f"{k}={v}" for k, v in self.verdicts.items())
        return f"RiskReport({verdicts})"


def _png(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(
        buffer, format="png", dpi=80, bbox_inches="tight", metadata={"Software": None}
    )
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _card(name: str, risk: Risk, image: str | None) -> str:
    colour = COLOURS[risk.verdict]
    rows = "".join(
        f"<tr><td>{html.escape(f.label)}</td><td>{_fmt(f.value)}</td>"
        f"<td>{_fmt(f.warn_at)} / {_fmt(f.fail_at)}</td>"
        f"<td style='color:{COLOURS[f.verdict]};font-weight:bold'>{f.verdict}</td>"
        f"<td>{html.escape(f.detail)}</td></tr>"
        for f in risk.findings
    )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in risk.notes)
    picture = (
        (
            f"<img alt='{html.escape(LABELS[name])} plot' "
            f"src='data:image/png;base64,{image}' style='max-width:100%'>"
        )
        if image
        else ""
    )
    return (
        f"<div style='border:2px solid {colour};border-radius:6px;padding:8px;"
        f"margin:8px 0'>"
        f"<h3 style='margin:0'>{html.escape(LABELS[name])}: "
        f"<span style='color:{colour}'>{risk.verdict.upper()}</span></h3>"
        f"<p><b>What it means:</b> {html.escape(risk.sentence)}<br>"
        f"<b>What to do:</b> {html.escape(risk.next_step)}</p>"
        f"{picture}"
        f"<details><summary>Figures and cut-offs (warn / fail)</summary>"
        f"<table><tr><th>finding</th><th>figure</th><th>warn / fail above</th>"
        f"<th>verdict</th><th>detail</th></tr>{rows}</table>"
        f"<p><small>Cut-offs: {html.escape(risk.source)}</small></p>"
        f"{'<ul>' + notes + '</ul>' if notes else ''}</details></div>"
    )


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return html.escape(str(value))


def _images(report: RiskReport) -> dict[str, str | None]:
    from synthlab.checks import figures

    out = {}
    for name in RISKS:
        fig = figures.plot(report, name, missing_ok=True)
        out[name] = _png(fig) if fig is not None else None
    return out


def _dashboard(report: RiskReport, images: bool) -> str:
    pictures = _images(report) if images else dict.fromkeys(RISKS)
    facts = report.inputs
    head = (
        f"<p><b>{html.escape(str(facts.get('name', 'table')))}</b>: "
        f"{facts.get('real_rows', 0):,} real rows, {facts.get('synthetic_rows', 0):,} "
        f"synthetic rows, holdout: {facts.get('holdout_rows') or 'none'}; "
        f"{facts.get('columns', 0)} columns checked.</p>"
    )
    badges = " ".join(
        f"<span style='background:{COLOURS[v]};color:white;padding:2px 8px;"
        f"border-radius:4px'>{html.escape(LABELS[k])}: {v}</span>"
        for k, v in report.verdicts.items()
    )
    cards = "".join(_card(name, report.risks[name], pictures[name]) for name in RISKS)
    return f"<div>{head}<p>{badges}</p>{cards}</div>"


def _page(report: RiskReport, images: bool) -> str:
    title = f"synthlab risk report: {report.inputs.get('name', 'table')}"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:960px;margin:auto;padding:1em}"
        "table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;"
        "padding:2px 6px;text-align:left}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{_dashboard(report, images)}</body></html>"
    )
