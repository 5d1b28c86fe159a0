"""The support-bot evaluation set: building it by rule, and its three checks."""

import pandas as pd
import pytest

from synthlab import evalset
from synthlab.errors import NotConfiguredError, SpecError


def test_build_fills_every_cell_and_is_seeded():
    table = evalset.build(n_per_cell=2, seed=0)
    assert len(table) == 2 * len(evalset.INTENTS) * len(evalset.PERSONAS)
    assert table.groupby(["intent", "persona"]).size().eq(2).all()
    assert table.equals(evalset.build(n_per_cell=2, seed=0))
    assert not table["prompt"].equals(evalset.build(n_per_cell=2, seed=1)["prompt"])
    assert table["id"].is_unique


def test_edge_cases_are_dealt_out_by_share():
    table = evalset.build(n_per_cell=2, seed=0, edge_share=0.5)
    counts = table["edge_case"].value_counts()
    assert counts["none"] == 30
    assert set(counts.drop("none")) == {6}
    shouted = table[table.edge_case == "all caps"]["prompt"]
    assert (shouted == shouted.str.upper()).all()
    assert table[table.edge_case == "off topic"]["prompt"].str.endswith(
        evalset.OFF_TOPIC).all()


def test_expected_behaviour_follows_the_refund_window():
    assert evalset.expected_behaviour("refund", 30, "none") == (
        "start the refund and confirm the amount")
    assert evalset.expected_behaviour("refund", 31, "none").startswith(
        "explain the 30-day refund window")
    assert evalset.expected_behaviour("billing_question", None, "no detail") == (
        "ask a clarifying question before acting")


def test_build_refuses_unknown_values():
    with pytest.raises(SpecError, match="'refunds' is not a known intent"):
        evalset.build(intents=["refunds"])
    with pytest.raises(SpecError, match="n_per_cell must be a whole number"):
        evalset.build(n_per_cell=0)
    with pytest.raises(SpecError, match="edge_share must be between 0 and 1"):
        evalset.build(edge_share=1.5)


def test_coverage_lists_the_empty_cells():
    table = pd.DataFrame({"intent": ["refund", "refund", "bug_report"],
                          "persona": ["developer", "developer", "new customer"]})
    required = {"intent": ["refund", "bug_report"],
                "persona": ["developer", "new customer"]}
    result = evalset.coverage(table, required=required)
    assert (result["cells"], result["covered"], result["covered_share"]) == (4, 2, 0.5)
    assert result["empty_cells"] == [("refund", "new customer"),
                                     ("bug_report", "developer")]
    assert evalset.coverage(table, required={"intent": ["refund"],
                                             "persona": ["developer"]},
                            min_count=3)["empty_cells"] == [("refund", "developer")]


def test_coverage_names_a_missing_column():
    with pytest.raises(SpecError, match="no column 'edge_case'"):
        evalset.coverage(pd.DataFrame({"intent": ["refund"], "persona": ["developer"]}),
                         dimensions=("intent", "edge_case"))


def test_balance_figures():
    even = evalset.balance(pd.DataFrame({"x": list("abab")}), "x")
    assert (even["max_over_min"], even["evenness"]) == (1.0, 1.0)
    skewed = evalset.balance(pd.DataFrame({"x": list("aaaaaaab")}), "x")
    assert (skewed["max_over_min"], skewed["evenness"]) == (7.0, 0.544)


def test_duplicates_exact_and_near():
    table = pd.DataFrame({"prompt": [
        "Where is my order A-1?", "where is my order a 1", "Where is my order A-2?",
        "Cancel my plan please"]})
    pairs = evalset.duplicates(table, near=0.6)
    assert pairs.to_dict("records") == [
        {"first": 0, "second": 1, "kind": "exact", "overlap": 1.0},
        {"first": 0, "second": 2, "kind": "near", "overlap": 0.714},
        {"first": 1, "second": 2, "kind": "near", "overlap": 0.714}]
    assert evalset.duplicate_share(table, near=0.6) == 0.5
    assert evalset.duplicates(table, near=0.9)["kind"].tolist() == ["exact"]
    with pytest.raises(SpecError, match="near must be above 0"):
        evalset.duplicates(table, near=0)


def test_the_checks_tell_a_built_set_from_a_naive_one():
    built = evalset.checks(evalset.build(n_per_cell=2, seed=0))
    naive = evalset.checks(evalset.naive(60, seed=0))
    assert built["value"]["coverage"] == 1.0 and naive["value"]["coverage"] == 0.2
    assert naive.iloc[3]["value"] > 0.8 > 0.1 > built.iloc[3]["value"]
    assert naive.iloc[2]["value"] > built.iloc[2]["value"] == 1.0


def test_the_llm_is_skipped_cleanly_without_an_endpoint(monkeypatch):
    monkeypatch.delenv("SYNTHLAB_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("SYNTHLAB_LLM_MODEL", raising=False)
    assert evalset.llm_configured() is False
    with pytest.raises(NotConfiguredError, match="SYNTHLAB_LLM_BASE_URL"):
        evalset.from_llm()


def test_from_llm_reads_one_message_per_line(monkeypatch):
    monkeypatch.setenv("SYNTHLAB_LLM_BASE_URL", "http://localhost:9/v1")
    monkeypatch.setenv("SYNTHLAB_LLM_MODEL", "stub")
    sent = []

    def fake_ask(prompt, temperature, endpoint):
        sent.append(prompt)
        return "- My order never came.\n\n- Where is my parcel?\n- A third one\n"

    monkeypatch.setattr("synthlab.methods.foundation.ask", fake_ask)
    table = evalset.from_llm(n_per_cell=2, intents=["shipping_status"],
                             personas=["developer", "new customer"])
    assert evalset.llm_configured() is True
    assert table["prompt"].tolist() == [
        "My order never came.", "Where is my parcel?"] * 2
    assert "The customer is a developer" in sent[0]
    assert table["expected"].eq(evalset.expected_behaviour(
        "shipping_status", None, "none")).all()
