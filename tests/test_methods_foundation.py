"""The foundation family: prompts, answers, the endpoint client and the miniature."""

import http.server
import json
import threading
import warnings
from pathlib import Path

import pytest

import synthlab
from synthlab.datasets import load
from synthlab.errors import NotConfiguredError, ResponseError, SpecError
from synthlab.methods.foundation import (
    RealRowsWarning,
    ask,
    build_prompt,
    parse_response,
    row_as_text,
    settings,
    text_as_record,
)

HEADER = ("risk,sex,job,housing,saving_accounts,checking_account,credit_amount,"
          "duration,purpose,age")
GOOD = "1,male,2,own,little,little,2500,12,car,35"


@pytest.fixture(scope="module")
def credit():
    return load("german_credit")


def test_schema_prompt_holds_no_real_row_and_no_statistic(credit):
    prompt = build_prompt(credit, 30)
    assert "Generate 30 rows" in prompt
    assert "- purpose: category, one of: business, car," in prompt
    assert "- age: whole number" in prompt
    assert "mean" not in prompt and "```csv\n" not in prompt.split("Answer")[0]
    first = credit.data.iloc[0]
    assert f"{first.credit_amount}" not in prompt


def test_statistics_are_opt_in(credit):
    prompt = build_prompt(credit, 5, include="statistics")
    assert "- age: from 19 to 75, mean" in prompt
    assert "- sex: female 31%, male 69%" in prompt


def test_real_rows_need_the_flag(credit):
    with pytest.raises(SpecError, match="Pass allow_real_rows=True if that is allowed"):
        build_prompt(credit, 5, include="examples")


def test_real_rows_come_with_a_warning(credit):
    with pytest.warns(RealRowsWarning, match="holds 3 real rows of 'german_credit'"):
        prompt = build_prompt(
            credit, 5, include="examples", allow_real_rows=True, n_examples=3
        )
    block = prompt.split("```csv\n")[1].split("\n```")[0]
    assert len(block.splitlines()) == 4  # a header and three rows


def test_identifiers_never_reach_a_prompt():
    trial = load("actg175")
    with pytest.warns(RealRowsWarning):
        prompt = build_prompt(trial, 5, include="examples", allow_real_rows=True)
    assert "pidnum" not in prompt


def test_shipped_prompt_file_is_the_kit_prompt(credit):
    path = (
        Path(synthlab.datasets.DATASETS_DIR)
        / "llm_responses"
        / "german_credit_schema_only.prompt.txt"
    )
    assert path.read_text(encoding="utf-8") == build_prompt(credit, 30)


def test_csv_in_a_fence_with_chatter(credit):
    answer = f"Sure! Here are rows.\n```csv\n{HEADER}\n{GOOD}\n```\nLet me know."
    accepted, rejected = parse_response(answer, credit)
    assert accepted.to_dict("records") == [
        {
            "risk": 1,
            "sex": "male",
            "job": 2,
            "housing": "own",
            "saving_accounts": "little",
            "checking_account": "little",
            "credit_amount": 2500,
            "duration": 12,
            "purpose": "car",
            "age": 35,
        }
    ]
    assert rejected.empty


def test_each_bad_row_is_rejected_with_its_reason(credit):
    answer = "\n".join(
        [
            HEADER,
            GOOD,
            "1,male,2,own,little,little,2500,12,car",
            "1,male,2,castle,little,little,2500,12,car,35",
            "1,male,2,own,little,little,lots,12,car,35",
            "1,male,2,own,little,little,2500,12.5,car,35",
            "1,male,2,own,little,little,2500,12,car,15",
        ]
    )
    accepted, rejected = parse_response(answer, credit)
    assert len(accepted) == 1
    assert rejected["reason"].tolist() == [
        "has 9 fields but the header has 10",
        "housing: 'castle' is not one of its categories",
        "credit_amount: 'lots' is not a number",
        "duration: '12.5' is not a whole number",
        "age: 15 is outside the real range 19 to 75",
    ]


def test_json_lines_are_read(credit):
    row = dict(zip(HEADER.split(","), GOOD.split(",")))
    lines = [json.dumps(row), json.dumps({**row, "colour": "red"}), "{not json"]
    accepted, rejected = parse_response("\n".join(lines), credit)
    assert len(accepted) == 1
    assert rejected["reason"].tolist() == [
        "'colour' is not a column of the table",
        "not valid JSON",
    ]


def test_an_answer_that_is_no_table_is_a_response_error(credit):
    with pytest.raises(
        ResponseError,
        match=(
            "The answer holds no table: no line of it is a "
            "CSV header naming the columns"
        ),
    ):
        parse_response("I'm sorry, I can't help with generating credit data.", credit)


def test_an_empty_answer_is_a_response_error(credit):
    with pytest.raises(ResponseError, match="The answer is empty"):
        parse_response("   ", credit)


def test_rows_breaking_a_rule_are_rejected():
    trial = load("actg175")
    row = trial.data.drop(columns="pidnum").iloc[0].to_dict()
    row["treat"] = 1 - row["treat"]
    accepted, rejected = parse_response(json.dumps(row), trial)
    assert accepted.empty
    assert rejected["reason"].tolist() == ["breaks the rule 'arms determines treat'"]


def test_row_text_round_trip():
    line = row_as_text(
        {"age": 48, "sex": "male", "cd496": float("nan")}, ["sex", "age", "cd496"]
    )
    assert line == "sex is male, age is 48, cd496 is empty"
    assert text_as_record(line) == ({"sex": "male", "age": "48", "cd496": None}, None)


def test_nothing_is_sent_unless_configured(monkeypatch):
    for name in ("SYNTHLAB_LLM_BASE_URL", "SYNTHLAB_LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(
        NotConfiguredError,
        match="SYNTHLAB_LLM_BASE_URL and SYNTHLAB_LLM_MODEL are not set",
    ):
        settings()


class _Handler(http.server.BaseHTTPRequestHandler):
    answer = {"choices": [{"message": {"content": f"```csv\n{HEADER}\n{GOOD}\n```"}}]}
    status = 200
    seen = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append((self.path, self.headers.get("Authorization"), body))
        payload = json.dumps(self.answer).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint(monkeypatch):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(
        "SYNTHLAB_LLM_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1"
    )
    monkeypatch.setenv("SYNTHLAB_LLM_MODEL", "tiny-local")
    monkeypatch.setenv("SYNTHLAB_LLM_API_KEY", "secret")
    monkeypatch.setenv("SYNTHLAB_LLM_TIMEOUT", "5")
    _Handler.seen, _Handler.status = [], 200
    yield _Handler
    server.shutdown()
    server.server_close()


def test_the_client_speaks_chat_completions(endpoint):
    assert ask("hello").startswith("```csv")
    path, authorization, body = endpoint.seen[0]
    assert path == "/v1/chat/completions"
    assert authorization == "Bearer secret"
    assert body["model"] == "tiny-local"
    assert body["messages"] == [{"role": "user", "content": "hello"}]


def test_generate_through_the_endpoint(endpoint, credit):
    table = synthlab.generate(credit, "llm", 1, backend="endpoint")
    assert len(table) == 1 and table.attrs["rejected"].empty
    assert "Generate 1 rows" in endpoint.seen[0][2]["messages"][0]["content"]


def test_a_refused_key_is_a_clear_error(endpoint):
    endpoint.status = 401
    with pytest.raises(
        ResponseError, match="answered HTTP 401.*The API key was refused"
    ):
        ask("hello")


def test_an_unreachable_endpoint_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("SYNTHLAB_LLM_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("SYNTHLAB_LLM_MODEL", "m")
    with pytest.raises(
        ResponseError, match="Could not reach the endpoint http://127.0.0.1:9"
    ):
        ask("hello")


def test_miniature_generates_valid_rows_and_keeps_the_rejected(credit):
    table = synthlab.generate(credit, "llm", 30, seed=0, steps=40)
    assert len(table) == 30
    assert list(table.columns) == list(credit.data.columns)
    assert set(table["purpose"]) <= set(credit.data["purpose"])
    assert table["age"].between(19, 75).all()
    rejected = table.attrs["rejected"]
    assert list(rejected.columns) == ["row", "reason"] and len(rejected) > 0
    assert "miniature of the method" in table.attrs["notes"][-1]


def test_miniature_condition_fixes_the_value(credit):
    table = synthlab.generate(
        credit, "llm", 10, seed=0, steps=40, condition={"risk": 0}
    )
    assert table["risk"].eq(0).all()
