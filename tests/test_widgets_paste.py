"""The no-code LLM workflow: the plain functions, then the widget's wiring."""

import json
from pathlib import Path

import pandas as pd
import pytest

import synthlab
from synthlab.errors import DataError, ResponseError
from synthlab.widgets.paste import check_answer, paste_workflow, prompt_for, real_copies

STORED = Path(__file__).parent.parent / "datasets" / "llm_responses"


@pytest.fixture(scope="module")
def credit():
    return synthlab.datasets.load("german_credit")


@pytest.fixture(scope="module")
def stored_answer():
    return json.loads((STORED / "german_credit_schema_only.json").read_text())


def test_the_prompt_is_the_shipped_schema_only_prompt(credit, stored_answer):
    prompt = prompt_for(credit, 30)
    assert prompt == stored_answer["prompt"]
    assert "real rows" not in prompt and "```csv\nrisk" not in prompt


def test_real_copies_match_every_shared_column():
    real = pd.DataFrame({"a": [1, 2, 2], "b": ["x", "y", "y"]})
    synthetic = pd.DataFrame({"a": [2, 1, 1, 3], "b": ["y", "y", "x", "x"]})
    assert real_copies(synthetic, real).index.tolist() == [0, 2]


def test_real_copies_compares_numbers_as_numbers():
    real = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    synthetic = pd.DataFrame({"a": [1.0, 2.5], "b": ["x", "y"]})
    assert real_copies(synthetic, real).index.tolist() == [0]
    as_text = pd.DataFrame({"a": ["1", "2"], "b": ["x", "y"]})
    assert real_copies(as_text, real).index.tolist() == [0, 1]


def test_real_copies_needs_a_shared_column():
    with pytest.raises(DataError, match="share no column"):
        real_copies(pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [1]}))


def test_the_stored_answer_copies_real_rows(credit, stored_answer):
    result = check_answer(stored_answer["response"], credit, run_checks=False)
    assert result.summary() == {"accepted_rows": 30, "rejected_rows": 0,
                                "copies_of_real_rows": 20, "verdicts": None}


def test_the_checks_fail_privacy_on_the_stored_answer(credit, stored_answer):
    result = check_answer(stored_answer["response"], credit, seed=0)
    assert result.report.verdicts["privacy"] == "fail"
    assert "20</b> of the accepted rows are exact copies" in result.to_html()


def test_rejected_rows_are_listed_with_their_reason(credit):
    answer = ("risk,sex,job,housing,saving_accounts,checking_account,credit_amount,"
              "duration,purpose,age\n1,male,2,own,little,little,2500,12,car,230\n")
    result = check_answer(answer, credit, run_checks=False)
    assert result.summary()["rejected_rows"] == 1
    assert "age: 230 is outside the real range 19 to 75" in result.to_html()
    assert "the risk checks did not run" in result.to_html()


def test_an_answer_without_a_table_is_refused(credit):
    with pytest.raises(ResponseError, match="holds no table"):
        check_answer("Sorry, I cannot help with that.", credit)


def test_check_answer_needs_a_dataset():
    with pytest.raises(DataError, match="needs a Dataset"):
        check_answer("a,b\n1,2\n", "german_credit")


def test_the_widget_shows_errors_inside_itself(credit):
    widget = paste_workflow(credit, n_rows=5, answer="no table here")
    steps, prompt, box, button, shown = widget.children
    assert prompt.value == prompt_for(credit, 5)
    button.click()
    assert "holds no table" in shown.value


def test_the_widget_checks_a_pasted_answer(credit, stored_answer):
    widget = paste_workflow(credit, answer=stored_answer["response"])
    button, shown = widget.children[3], widget.children[4]
    button.click()
    assert "30</b> rows accepted" in shown.value
    assert "privacy: fail" in shown.value
