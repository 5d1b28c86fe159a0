"""The capstone's shell walkthrough, run for real: recommend, generate, check, report.

The same commands notebook 16 prints and the README walks through, on the
German credit table written out as CSV files.
"""

import subprocess
import sys
from pathlib import Path

import pytest

import synthlab
from synthlab.cli import main


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("capstone")
    table = synthlab.datasets.load("german_credit")
    train, holdout = table.split(holdout=0.3, seed=0)
    train.to_csv(folder / "train.csv", index=False)
    holdout.to_csv(folder / "holdout.csv", index=False)
    return folder


def test_recommend_writes_the_decision_record(files):
    status = main(["recommend", "--real-rows", "1000", "--sensitivity", "personal",
                   "--audience", "partners", "--purpose", "share_data",
                   "--out", str(files / "decision.md")])
    assert status == 0
    record = (files / "decision.md").read_text()
    assert record.startswith("# Decision record")
    assert "1. **gaussian_copula**" in record


def test_generate_check_and_report_in_turn(files, capsys):
    assert main(["generate", "--real", str(files / "train.csv"), "--method",
                 "gaussian_copula", "--rows", "700", "--seed", "0",
                 "--out", str(files / "synthetic.csv")]) == 0
    assert len((files / "synthetic.csv").read_text().splitlines()) == 701

    inputs = ["--real", str(files / "train.csv"),
              "--synthetic", str(files / "synthetic.csv"),
              "--holdout", str(files / "holdout.csv"), "--target", "risk",
              "--sensitive", "sex,age"]
    capsys.readouterr()
    status = main(["check", *inputs])
    printed = capsys.readouterr().out
    report = synthlab.check(
        synthlab.datasets.from_csv(files / "train.csv", target="risk",
                                   sensitive="sex,age"),
        synthlab.datasets.from_csv(files / "synthetic.csv").data,
        holdout=synthlab.datasets.from_csv(files / "holdout.csv").data, seed=0)
    assert status == (1 if report.failed else 0)
    for risk in ("distribution", "artifacts", "privacy", "bias"):
        assert risk in printed

    assert main(["report", *inputs, "--out", str(files / "report.html")]) == status
    page = (files / "report.html").read_text().lstrip().lower()
    assert page.startswith("<!doctype html")


def test_a_missing_file_is_one_line_and_exit_2(files, capsys):
    status = main(["check", "--real", str(files / "nope.csv"),
                   "--synthetic", str(files / "train.csv")])
    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1 and "nope.csv" in error


def test_the_installed_command_runs():
    done = subprocess.run([str(Path(sys.executable).with_name("synthlab")), "recommend",
                           "--real-rows", "0", "--sensitivity", "internal",
                           "--audience", "team", "--purpose", "demo"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Decision record")


def test_an_unknown_method_is_refused_with_exit_2(files, capsys):
    status = main(["generate", "--real", str(files / "train.csv"), "--method", "copula",
                   "--rows", "10", "--out", str(files / "never.csv")])
    assert status == 2
    assert "copula" in capsys.readouterr().err
    assert not (files / "never.csv").exists()
