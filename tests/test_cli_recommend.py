"""synthlab recommend: the record on stdout or in a file; refusals in one line."""

import subprocess
import sys

import pytest

from synthlab.cli import main

PILOT = ["recommend", "--real-rows", "300", "--sensitivity", "personal",
         "--audience", "team", "--purpose", "train_model"]


def test_prints_the_decision_record(capsys):
    assert main(PILOT) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Decision record: synthetic data for train model")
    assert "**With care: synthetic data can help, if the checks below pass.**" in out
    assert "1. **gaussian_copula**" in out


def test_optional_answers_reach_the_decision(capsys):
    argv = ["recommend", "--real-rows", "1066", "--sensitivity", "public",
            "--audience", "team", "--purpose", "train_model",
            "--rare-class-share", "0.036", "--risk-tolerance", "low",
            "--compute", "gpu"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "| Share of the rare class | 3.6% |" in out
    assert "| Risk tolerance | low |" in out
    assert "1. **smote**" in out


def test_writes_the_record_to_a_file_and_never_overwrites_without_force(
        tmp_path, capsys):
    record = tmp_path / "decision.md"
    assert main([*PILOT, "--out", str(record)]) == 0
    out = capsys.readouterr().out
    assert f"Wrote the decision record (with_care) to {record}" in out
    assert record.read_text().startswith("# Decision record")

    record.write_text("my notes\n")
    assert main([*PILOT, "--out", str(record)]) == 2
    err = capsys.readouterr().err
    assert err == (f"synthlab recommend: {record} already exists; pass --force to "
                   "overwrite it or choose another --out.\n")
    assert record.read_text() == "my notes\n"

    assert main([*PILOT, "--out", str(record), "--force"]) == 0
    assert record.read_text().startswith("# Decision record")


def test_unwritable_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "missing" / "decision.md"
    assert main([*PILOT, "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"synthlab recommend: could not write {target}")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--purpose", "predict", "purpose 'predict' is not one of the allowed values"),
        ("--sensitivity", "secret", "sensitivity 'secret' is not one of the allowed"),
        ("--real-rows", "-1", "real_rows must be 0 or more, got -1"),
    ],
)
def test_bad_answers_exit_2_with_one_line(capsys, flag, value, message):
    argv = list(PILOT)
    argv[argv.index(flag) + 1] = value
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("synthlab recommend: ") and message in captured.err
    assert captured.err.count("\n") == 1


def test_help_lists_the_allowed_values():
    result = subprocess.run([sys.executable, "-m", "synthlab", "recommend", "--help"],
                            capture_output=True, text=True, check=True)
    text = " ".join(result.stdout.split())
    assert "train_model, test_software, demo, evaluate_model, share_data" in text
    assert "--force overwrite FILE if it exists" in text


def test_the_command_exits_2_on_bad_input():
    result = subprocess.run(
        [sys.executable, "-m", "synthlab", *PILOT[:-1], "predict"],
        capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("synthlab recommend: purpose 'predict'")
