"""The tool landscape of notebook 08: one honest line per tool, dated, with sources.

``tools()`` returns the table as of ``AS_OF``; vendors change names, owners and
prices, so re-check a line before you quote it. Where the sources gathered for
the course did not confirm something (a licence name, a product), the line
says so instead of guessing. ``installed_mb`` measures what a Python package
takes on disk in the environment that runs it, so install sizes in the
notebook are measured, never typed.

>>> table = tools()
>>> table.index[0], AS_OF
('SDV (DataCebo)', '2026-12')
"""

from __future__ import annotations

AS_OF = "2026-12"

TOOLS = (
    {"tool": "SDV (DataCebo)", "kind": "Python library",
     "licence": "source-available, Business Source License since late 2022 (was MIT)",
     "cost model": "free core; paid Enterprise synthesizers and bundles",
     "what it takes": "a laptop CPU for the copula; a GPU helps CTGAN and TVAE; "
                      "check the BSL before production use",
     "source": "https://datacebo.com/blog/sdv-bsl-license/",
     "package": "sdv"},
    {"tool": "Gretel (now part of NVIDIA)", "kind": "cloud platform and API",
     "licence": "commercial service",
     "cost model": "paid API; standalone roadmap and pricing uncertain since NVIDIA's "
                   "acquisition (reported March 2025)",
     "what it takes": "an API key; your data goes to the service",
     "source": "https://techzine.eu/blogs/analytics/129815/"
               "synthetic-data-and-the-risk-of-model-collapse",
     "package": None},
    {"tool": "MOSTLY AI", "kind": "enterprise platform and open-source SDK",
     "licence": "SDK described as fully permissive open source (licence name not "
                "confirmed); platform commercial",
     "cost model": "SDK free in local mode; platform paid",
     "what it takes": "your own compute (local mode) or a platform account",
     "source": "https://github.com/mostly-ai/mostlyai",
     "package": None},
    {"tool": "Tonic.ai (Tonic Structural)", "kind": "test-data platform",
     "licence": "commercial",
     "cost model": "paid platform",
     "what it takes": "a connection to your database; strongest for dev and test "
                      "data, not ML-grade fidelity",
     "source": "https://www.tonic.ai/guides/"
               "ensuring-data-privacy-with-privacy-rankings-in-tonic-structural",
     "package": None},
    {"tool": "YData (Fabric, ydata-synthetic)",
     "kind": "platform, SDK and open-source tools",
     "licence": "platform commercial; ydata-profiling and ydata-synthetic open source",
     "cost model": "paid platform; free open-source tools",
     "what it takes": "a platform account, or Python for the open-source tools",
     "source": "https://docs.fabric.ydata.ai/latest/sdk/reference/api/"
               "synthesizers/base/",
     "package": None},
    {"tool": "Synthea (MITRE)", "kind": "patient simulator (rules, no real data)",
     "licence": "Apache 2.0 (secondary source)",
     "cost model": "free",
     "what it takes": "no real data; disease modules written by experts; a laptop",
     "source": "https://synthetichealth.github.io/synthea/",
     "package": None},
    {"tool": "synthcity (van der Schaar lab)", "kind": "Python research library",
     "licence": "open source (licence name not checked for this table)",
     "cost model": "free",
     "what it takes": "PyTorch; many generators, privacy-focused ones included; "
                      "missing values must be imputed first",
     "source": "https://github.com/vanderschaarlab/synthcity",
     "package": None},
    {"tool": "imbalanced-learn", "kind": "Python library (SMOTE family)",
     "licence": None, "cost model": "free",
     "what it takes": "labelled rare-class rows; a laptop CPU; training sets only",
     "source": "https://doi.org/10.1613/jair.953",
     "package": "imbalanced-learn"},
    {"tool": "Faker", "kind": "Python library (fake values)",
     "licence": None, "cost model": "free",
     "what it takes": "no real data; carries no statistical signal",
     "source": "https://pypi.org/project/Faker/",
     "package": "Faker"},
)


def installed_mb(package: str) -> float | None:
    """Megabytes a Python package's own files take here (None if not installed).

    Counts the files its installation record lists, not its dependencies, and
    leaves out compiled bytecode (``.pyc``), which some installers write and
    others do not, so that the figure is the same however the kit was installed.
    """
    from importlib import metadata

    try:
        files = metadata.distribution(package).files or []
    except metadata.PackageNotFoundError:
        return None
    total = 0
    for file in files:
        if file.suffix == ".pyc":
            continue
        path = file.locate()
        if path.is_file():
            total += path.stat().st_size
    return round(total / 1e6, 1)


def dependencies(package: str) -> list[str]:
    """The package and everything it requires to install, here (no extras)."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen, todo = {}, [package]
    while todo:
        name = todo.pop()
        key = canonicalize_name(name)
        if key in seen:
            continue
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        seen[key] = name
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return sorted(seen.values(), key=str.lower)


def licence_of(package: str) -> str | None:
    """The licence an installed package declares in its metadata."""
    from importlib import metadata

    try:
        meta = metadata.metadata(package)
    except metadata.PackageNotFoundError:
        return None
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or (meta.get("License") or "").splitlines()[0] or None


def tools():
    """The landscape as a table, one row per tool, as of ``AS_OF``.

    Licences of the packages installed here are read from their metadata.
    """
    import pandas as pd

    rows = []
    for entry in TOOLS:
        row = {key: value for key, value in entry.items() if key != "package"}
        if row["licence"] is None and entry["package"]:
            row["licence"] = licence_of(entry["package"]) or "see its metadata"
        rows.append(row)
    return pd.DataFrame(rows).set_index("tool")


def install_sizes(packages=("sdv", "imbalanced-learn", "Faker")):
    """Measured megabytes of a few packages here: own files, and with dependencies."""
    import pandas as pd

    rows = {}
    for name in packages:
        closure = dependencies(name)
        sizes = [installed_mb(part) or 0.0 for part in closure]
        rows[name] = {"own files (MB)": installed_mb(name),
                      "with its dependencies (MB)": round(sum(sizes)),
                      "packages pulled in": len(closure)}
    return pd.DataFrame.from_dict(rows, orient="index")
