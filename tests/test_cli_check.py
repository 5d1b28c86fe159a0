"""synthlab check and synthlab report: exit codes, output, untouched inputs."""

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import synthlab
from synthlab.cli import main


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("check")
    data = synthlab.datasets.load("german_credit").data
    order = np.random.default_rng(0).permutation(len(data))
    parts = {"real": order[:500], "fresh": order[500:750], "holdout": order[750:]}
    paths = {}
    for name, rows in parts.items():
        paths[name] = folder / f"{name}.csv"
        data.iloc[np.sort(rows)].to_csv(paths[name], index=False)
    paths["copies"] = folder / "copies.csv"
    data.iloc[np.sort(parts["real"][:250])].to_csv(paths["copies"], index=False)
    paths["short"] = folder / "short.csv"
    data.drop(columns=["age"]).iloc[:50].to_csv(paths["short"], index=False)
    paths["folder"] = folder
    return paths


def snapshot(paths):
    return {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in paths}


def run(*args):
    return main([str(a) for a in args])


def test_fresh_real_rows_exit_0(files, capsys):
    before = snapshot([files["real"], files["fresh"], files["holdout"]])
    status = run(
        "check",
        "--real",
        files["real"],
        "--synthetic",
        files["fresh"],
        "--holdout",
        files["holdout"],
        "--target",
        "risk",
        "--sensitive",
        "sex,age",
    )
    out = capsys.readouterr().out
    assert status == 0, out
    assert out.splitlines()[0].startswith("distribution ")
    assert snapshot([files["real"], files["fresh"], files["holdout"]]) == before


def test_copies_fail_with_exit_1_and_json(files, capsys):
    status = run(
        "check",
        "--real",
        files["real"],
        "--synthetic",
        files["copies"],
        "--holdout",
        files["holdout"],
        "--json",
    )
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert report["verdicts"]["privacy"] == "fail"
    assert report["privacy"]["closer_to_training_share"] == 1.0


def test_html_report_written_once(files, capsys):
    page = files["folder"] / "page.html"
    args = [
        "check",
        "--real",
        files["real"],
        "--synthetic",
        files["fresh"],
        "--holdout",
        files["holdout"],
        "--html",
        page,
    ]
    assert run(*args) == 0
    # no --sensitive: the bias card has no plot
    assert page.read_text(encoding="utf-8").count("data:image/png;base64,") == 3
    assert run(*args) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith(
        "already exists; pass --force to overwrite it, or choose another file name."
    )
    assert run(*args, "--force") == 0


def test_report_subcommand(files, capsys):
    out = files["folder"] / "report.html"
    status = run(
        "report",
        "--real",
        files["real"],
        "--synthetic",
        files["copies"],
        "--holdout",
        files["holdout"],
        "--out",
        out,
    )
    assert status == 1
    assert out.exists()
    assert capsys.readouterr().out.startswith(f"{out}: distribution ")
    assert (
        run(
            "report",
            "--real",
            files["real"],
            "--synthetic",
            files["copies"],
            "--out",
            out,
        )
        == 2
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--synthetic", "missing.csv"],
            "--synthetic missing.csv: not found. Pass the path",
        ),
        (
            ["--synthetic", "SHORT"],
            "The synthetic table lacks 1 of the real table's columns, such as 'age'",
        ),
        (
            ["--synthetic", "FRESH", "--target", "income"],
            "the target column 'income' is not in the file",
        ),
        (
            ["--synthetic", "FRESH", "--rules", "sex determines colour"],
            "The rule 'sex determines colour' reads column 'colour'",
        ),
        (["--synthetic", "FRESH", "--html", "page.txt"], "the report is an HTML page"),
    ],
)
def test_bad_input_exits_2_with_one_line(files, capsys, args, message):
    swap = {"SHORT": files["short"], "FRESH": files["fresh"]}
    args = [swap.get(a, a) for a in args]
    before = snapshot([files["real"], files["fresh"], files["short"]])
    status = run("check", "--real", files["real"], *args)
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert message in err
    assert snapshot([files["real"], files["fresh"], files["short"]]) == before


def test_the_command_runs_as_a_program(files):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "synthlab",
            "check",
            "--real",
            str(files["real"]),
            "--synthetic",
            str(files["short"]),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("synthlab check: The synthetic table lacks")


def test_a_new_table_with_dates_ids_and_semicolons(tmp_path, capsys):
    rng = np.random.default_rng(0)

    def table(n):
        days = pd.to_timedelta(rng.integers(0, 300, n), "D")
        start = pd.Timestamp("2024-01-01") + days
        end = start + pd.to_timedelta(rng.integers(0, 30, n), "D")
        return pd.DataFrame({
            "email": [f"user{i}@example.com" for i in rng.permutation(10**5)[:n]],
            "start": start.strftime("%Y-%m-%d"), "end": end.strftime("%Y-%m-%d"),
            "plan": rng.choice(["free", "pro", "team"], n),
            "revenue": np.round(rng.gamma(2, 30, n), 2)})

    names = ("real", "synthetic", "holdout")
    paths = {name: tmp_path / f"{name}.csv" for name in names}
    table(600).to_csv(paths["real"], sep=";", index=False)
    synthetic = table(400)
    synthetic.loc[:39, "end"] = "2023-01-01"  # ends before the real range and the start
    synthetic.to_csv(paths["synthetic"], sep=";", index=False)
    table(300).to_csv(paths["holdout"], sep=";", index=False)
    status = run("check", "--real", paths["real"], "--synthetic", paths["synthetic"],
                 "--holdout", paths["holdout"], "--rules", "end >= start", "--json")
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert report["inputs"]["left_out"] == ["email"]
    assert "real range 2024-" in report["artifacts"]["sentence"]
    assert report["artifacts"]["tables"]["rules"][0]["share_broken"] == 0.1
