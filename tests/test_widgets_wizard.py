"""The decision wizard's plain functions, without a browser."""

import pytest

from synthlab.errors import SynthlabError
from synthlab.widgets.wizard import (
    QUESTIONS,
    WizardState,
    decision_wizard,
    recommendation_html,
)


def answer_all(state, **answers):
    for _ in QUESTIONS:
        key = state.question.key
        state.answer(answers.get(key, state.answers[key]))
        if not state.is_last:
            state.next()
    return state


def test_questions_each_say_why_they_matter():
    assert [q.key for q in QUESTIONS] == [
        "real_rows", "sensitivity", "audience", "purpose", "rare_class_share",
        "risk_tolerance", "compute"]
    assert all(len(q.why) > 40 for q in QUESTIONS)


def test_next_and_back_stay_within_the_questions():
    state = WizardState()
    state.back()
    assert state.step == 0
    for _ in range(20):
        state.next()
    assert state.is_last and state.question.key == "compute"


def test_answers_change_the_recommendation():
    pilot = answer_all(WizardState(), real_rows=300).decision()
    plenty = answer_all(WizardState(), real_rows=50_000).decision()
    assert (pilot.use_synthetic, pilot.method) == ("yes", "gaussian_copula")
    assert (plenty.use_synthetic, plenty.method) == ("no", None)


def test_zero_rare_share_means_no_rare_class():
    state = answer_all(WizardState(), rare_class_share=0.0)
    assert state.decision().answers.rare_class_share is None
    rare = answer_all(WizardState(), real_rows=1066, rare_class_share=0.036)
    assert rare.decision().method == "smote"


def test_bad_answers_raise_the_frameworks_message():
    state = answer_all(WizardState(), real_rows=-3)
    with pytest.raises(SynthlabError, match="real_rows must be 0 or more, got -3"):
        state.decision()


def test_recommendation_html_names_verdict_and_method():
    page = recommendation_html(answer_all(WizardState()).decision())
    assert "data-verdict='yes'" in page
    assert "<b class='synthlab-wizard-method'>gaussian_copula</b>" in page


def test_the_widget_builds_with_css_classes():
    box = decision_wizard()
    assert "synthlab-wizard" in box._dom_classes


def test_try_recommendation_runs_the_method_and_the_checks():
    from synthlab.widgets.wizard import required_verdicts, try_recommendation

    decision = answer_all(WizardState(), sensitivity="personal").decision()
    synthetic, report = try_recommendation(decision, "german_credit", n_rows=100)
    assert len(synthetic) == 100 and synthetic.attrs["method"] == "gaussian_copula"
    assert set(required_verdicts(decision, report)) == set(decision.checks)


def test_try_recommendation_refuses_when_the_answer_is_no():
    from synthlab.widgets.wizard import try_recommendation

    decision = answer_all(WizardState(), real_rows=50_000).decision()
    with pytest.raises(SynthlabError, match="There is no method to run"):
        try_recommendation(decision, "german_credit")
