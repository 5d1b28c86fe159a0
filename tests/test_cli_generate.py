"""synthlab generate: writes a table, refuses what it must, never leaves half a file."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from synthlab.cli import main
from synthlab.datasets import DATASETS_DIR

CREDIT = str(Path(DATASETS_DIR) / "german_credit.csv")


def _run(capsys, *argv):
    status = main(["generate", *map(str, argv)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_writes_the_table(tmp_path, capsys):
    out = tmp_path / "synthetic.csv"
    status, stdout, err = _run(
        capsys,
        "--real",
        CREDIT,
        "--method",
        "gaussian_copula",
        "--rows",
        30,
        "--seed",
        1,
        "--out",
        out,
    )
    assert status == 0 and err == ""
    assert stdout == f"wrote 30 rows x 10 columns (gaussian_copula, seed 1) to {out}\n"
    table = pd.read_csv(out)
    assert list(table.columns) == list(pd.read_csv(CREDIT).columns) and len(table) == 30


def test_smote_with_a_target(tmp_path, capsys):
    out = tmp_path / "rare.csv"
    status, _, _ = _run(
        capsys,
        "--real",
        CREDIT,
        "--method",
        "smote",
        "--rows",
        12,
        "--target",
        "risk",
        "--out",
        out,
    )
    assert status == 0 and pd.read_csv(out)["risk"].eq(0).all()


def test_rules_from_a_spec(tmp_path, capsys):
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "columns:\n  plan: {categories: {free: 0.8, pro: 0.2}}\n"
        "  seats: {distribution: integer, min: 1, max: 5}\n"
    )
    out = tmp_path / "customers.csv"
    status, _, _ = _run(
        capsys, "--spec", spec, "--method", "rules", "--rows", 7, "--out", out
    )
    assert status == 0 and pd.read_csv(out).shape == (7, 2)


def test_refuses_an_existing_output_without_force(tmp_path, capsys):
    out = tmp_path / "synthetic.csv"
    out.write_text("keep me")
    status, _, err = _run(
        capsys, "--real", CREDIT, "--method", "rules", "--rows", 5, "--out", out
    )
    assert status == 2
    assert (
        err
        == f"synthlab generate: {out} already exists. Pass --force to replace it, "
        "or choose another --out.\n"
    )
    assert out.read_text() == "keep me"
    assert (
        _run(
            capsys,
            "--real",
            CREDIT,
            "--method",
            "rules",
            "--rows",
            5,
            "--out",
            out,
            "--force",
        )[0]
        == 0
    )


def test_refuses_to_write_over_its_input(tmp_path, capsys):
    real = tmp_path / "real.csv"
    real.write_text(Path(CREDIT).read_text())
    status, _, err = _run(
        capsys,
        "--real",
        real,
        "--method",
        "rules",
        "--rows",
        5,
        "--out",
        real,
        "--force",
    )
    assert (
        status == 2 and "is the input file; synthlab never writes over its input" in err
    )
    assert real.read_text() == Path(CREDIT).read_text()


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["--method", "gan", "--rows", 5],
            "There is no method called 'gan'. Did you mean 'ctgan'?",
        ),
        (["--method", "rules", "--rows", 0], "n_rows must be at least 1; got 0."),
        (
            ["--method", "smote", "--rows", 5],
            "smote grows the rare class of a target column",
        ),
        (
            ["--method", "ctgan", "--rows", 5, "--preset", "thorough", "--seed", -1],
            "seed must be a whole number 0 or above",
        ),
    ],
)
def test_bad_input_is_one_line_and_status_2(tmp_path, capsys, argv, message):
    out = tmp_path / "out.csv"
    status, _, err = _run(capsys, "--real", CREDIT, *argv, "--out", out)
    assert status == 2
    assert err.startswith(f"synthlab generate: {message}") and err.count("\n") == 1
    assert not out.exists()


def test_missing_input_file(tmp_path, capsys):
    status, _, err = _run(
        capsys,
        "--real",
        tmp_path / "nope.csv",
        "--method",
        "rules",
        "--rows",
        5,
        "--out",
        tmp_path / "out.csv",
    )
    assert status == 2 and "nope.csv: no such file" in err


def test_a_failed_write_leaves_no_file(tmp_path, capsys, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    out = tmp_path / "out.csv"
    with pytest.raises(OSError, match="disk full"):
        _run(capsys, "--real", CREDIT, "--method", "rules", "--rows", 5, "--out", out)
    assert list(tmp_path.iterdir()) == []


def test_the_command_shows_no_traceback(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "synthlab",
            "generate",
            "--real",
            str(tmp_path / "x.csv"),
            "--method",
            "rules",
            "--rows",
            "5",
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_generate_writes_a_file_with_the_usual_permissions(tmp_path):
    import os
    import stat

    from synthlab.cli import main

    real = tmp_path / "real.csv"
    real.write_text("a,b\n" + "".join(f"{i % 5},{i}\n" for i in range(40)))
    out = tmp_path / "out.csv"
    assert main(["generate", "--real", str(real), "--method", "rules", "--rows", "5",
                 "--out", str(out)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
