"""decide(): one test per rule of the table, then the record and the refusals."""

import dataclasses
import importlib

import pytest

import synthlab
from synthlab import decision_rules
from synthlab.errors import SynthlabError

decide_module = importlib.import_module("synthlab.decide")
decide = decide_module.decide


def names(decision):
    return [choice.name for choice in decision.methods]


def ruled_out(decision):
    return {choice.name for choice in decision.ruled_out}


# --- situations --------------------------------------------------------------------


def test_s1_no_rows_means_no_data_yet():
    decision = decide(0, "internal", "team", "test_software")
    assert decision.situations == ["no_data_yet"]
    assert "S1" in decision.rules_applied


def test_s2_few_rows_means_not_enough_data():
    assert decide(300, "internal", "team", "train_model").situations == [
        "not_enough_data"]
    assert decide(decision_rules.ENOUGH_ROWS, "internal", "team",
                  "train_model").situations == []


def test_s3_a_rare_class_means_not_enough_data_even_with_many_rows():
    decision = decide(49_097, "internal", "team", "train_model", rare_class_share=0.072)
    assert decision.situations == ["not_enough_data"]
    assert "S3" in decision.rules_applied
    assert decide(49_097, "internal", "team", "train_model",
                  rare_class_share=0.3).situations == []


def test_s4_real_rows_the_audience_may_not_see_means_cannot_use_real_data():
    assert decide(5000, "personal", "partners", "share_data").situations == [
        "cannot_use_real_data"]
    assert decide(5000, "regulated", "team", "train_model").situations == [
        "cannot_use_real_data"]
    assert decide(5000, "public", "public", "share_data").situations == []


def test_s5_personal_rows_do_not_go_into_test_systems_or_demos():
    decision = decide(5000, "personal", "team", "test_software")
    assert decision.situations == ["cannot_use_real_data"]
    assert "S5" in decision.rules_applied
    assert decide(5000, "personal", "team", "train_model").situations == []


# --- verdicts ----------------------------------------------------------------------


def test_v1_plenty_of_usable_balanced_data_says_no():
    decision = decide(50_000, "internal", "team", "train_model")
    assert decision.use_synthetic == "no"
    assert decision.methods == [] and decision.checks == {}
    assert decision.alternatives[0].startswith("Use the real rows")


def test_v2_regulated_data_to_the_public_says_no_and_names_dp():
    decision = decide(2139, "regulated", "public", "share_data", risk_tolerance="high")
    assert decision.use_synthetic == "no"
    assert "V2" in decision.rules_applied
    assert any("free SDV does not offer" in reason for reason in decision.reasons)
    assert any("MST or AIM" in text for text in decision.alternatives)
    assert not any(reason.startswith("With care") for reason in decision.reasons)
    assert "None: synthetic data is not the answer here." in decision.to_markdown()


def test_v2_does_not_stop_structural_test_data():
    decision = decide(2139, "regulated", "public", "test_software")
    assert decision.use_synthetic == "with_care"
    assert names(decision) == ["rules"]


def test_v3_no_allowed_method_faithful_enough_says_no():
    decision = decide(5000, "personal", "partners", "share_data", risk_tolerance="low")
    assert decision.use_synthetic == "no"
    assert "V3" in decision.rules_applied
    medium = decide(5000, "personal", "partners", "share_data")
    assert medium.use_synthetic == "with_care"
    assert names(medium)[0] == "gaussian_copula"


def test_v4_personal_rows_need_care():
    decision = decide(300, "personal", "team", "train_model")
    assert decision.use_synthetic == "with_care"
    assert decide(300, "internal", "team", "train_model").use_synthetic == "yes"


def test_v5_internal_data_to_the_public_needs_care():
    decision = decide(300, "internal", "public", "demo")
    assert decision.use_synthetic == "with_care"
    assert "V5" in decision.rules_applied


def test_v6_evaluating_a_model_needs_care():
    decision = decide(300, "public", "team", "evaluate_model")
    assert decision.use_synthetic == "with_care"
    assert "V6" in decision.rules_applied


def test_v7_a_model_before_any_real_data_needs_care():
    decision = decide(0, "public", "team", "train_model")
    assert decision.use_synthetic == "with_care"
    assert "V7" in decision.rules_applied
    assert decide(0, "public", "team", "test_software").use_synthetic == "yes"


# --- methods ruled out -------------------------------------------------------------


def test_m1_no_rows_rules_out_methods_that_learn_from_real_rows():
    decision = decide(0, "public", "team", "test_software")
    learners = {card.name for card in synthlab.methods.catalog()
                if card.real_data_needed}
    assert learners <= ruled_out(decision)
    assert names(decision)[0] == "rules"


def test_m2_too_few_rows_rules_out_hungry_methods():
    decision = decide(300, "public", "team", "train_model")
    assert {"ctgan", "tvae"} <= ruled_out(decision)
    assert "gaussian_copula" in names(decision)
    assert "needs 500, there are 300" in " ".join(
        next(c for c in decision.ruled_out if c.name == "ctgan").reasons)


def test_m3_smote_only_for_a_rare_class_in_training_data():
    assert "smote" in ruled_out(decide(300, "public", "team", "train_model"))
    assert "smote" in ruled_out(decide(2000, "public", "team", "demo",
                                       rare_class_share=0.03))
    assert "smote" in names(decide(2000, "public", "team", "train_model",
                                   rare_class_share=0.03))


def test_m4_gpu_methods_need_a_gpu(monkeypatch):
    cards = [dataclasses.replace(card, needs_gpu=card.name == "ctgan")
             for card in synthlab.methods.catalog()]
    monkeypatch.setattr(decide_module, "catalog", lambda: cards)
    assert "ctgan" in ruled_out(decide(5000, "personal", "partners", "share_data",
                                       risk_tolerance="high"))
    assert "ctgan" in names(decide(5000, "personal", "partners", "share_data",
                                   risk_tolerance="high", compute="gpu"))


def test_m5_disclosure_risk_is_capped_by_audience_and_tolerance():
    wide = decide(5000, "personal", "partners", "share_data", risk_tolerance="high")
    assert "ctgan" in names(wide)
    medium = decide(5000, "personal", "partners", "share_data")
    assert "ctgan" in ruled_out(medium) and "gaussian_copula" in names(medium)
    public = decide(5000, "public", "public", "share_data", rare_class_share=0.03,
                    risk_tolerance="low")
    assert "ctgan" in names(public)


# --- ranking -----------------------------------------------------------------------


def test_r1_rare_class_training_puts_rare_pattern_methods_first():
    decision = decide(1066, "public", "team", "train_model", rare_class_share=0.036)
    assert names(decision)[:2] == ["smote", "ctgan"]
    assert "R1" in decision.rules_applied
    assert "R1" not in decide(1066, "public", "team", "train_model").rules_applied


def test_r2_methods_that_reach_the_needed_fidelity_come_first():
    decision = decide(300, "public", "team", "train_model")
    assert names(decision) == ["gaussian_copula", "llm", "rules"]


def test_r3_methods_made_for_the_situation_come_first():
    decision = decide(0, "public", "team", "demo")
    # llm is made for "no data yet" and reaches "plausible"; rules falls short.
    assert names(decision) == ["llm", "rules"]


def test_r4_the_lowest_fidelity_that_does_the_job_wins():
    decision = decide(5000, "personal", "partners", "test_software",
                      risk_tolerance="high")
    assert names(decision)[0] == "rules"
    assert names(decision).index("gaussian_copula") < names(decision).index("ctgan")


def test_methods_carry_reasons():
    decision = decide(300, "public", "team", "train_model")
    reasons = " ".join(decision.methods[0].reasons)
    assert "multivariate level of the ONS spectrum" in reasons


def test_decide_reads_the_catalog(monkeypatch):
    cards = [dataclasses.replace(card, min_rows=10_000)
             if card.name == "gaussian_copula" else card
             for card in synthlab.methods.catalog()]
    monkeypatch.setattr(decide_module, "catalog", lambda: cards)
    assert "gaussian_copula" in ruled_out(decide(300, "public", "team", "train_model"))


# --- checks ------------------------------------------------------------------------


def test_c1_distribution_check_needs_real_rows_and_a_faithful_purpose():
    assert "distribution" in decide(300, "public", "team", "train_model").checks
    assert "distribution" not in decide(0, "public", "team", "demo").checks
    assert "distribution" not in decide(300, "public", "team", "test_software").checks


def test_c2_artifacts_check_always():
    assert "artifacts" in decide(0, "public", "team", "test_software").checks
    assert "artifacts" in decide(300, "personal", "team", "train_model").checks


def test_c3_privacy_check_when_a_method_learns_from_private_rows():
    assert "privacy" in decide(300, "internal", "team", "train_model").checks
    assert "privacy" not in decide(300, "public", "team", "train_model").checks
    assert "privacy" not in decide(2139, "regulated", "public", "test_software").checks


def test_c4_bias_check_for_people_data_feeding_a_model():
    assert "bias" in decide(300, "personal", "team", "train_model").checks
    assert "bias" not in decide(300, "personal", "team", "demo").checks


def test_checks_get_stricter_as_tolerance_falls_and_audience_widens():
    def limit(tolerance, audience):
        decision = decide(5000, "regulated", audience, "test_software",
                          risk_tolerance=tolerance)
        return decision.checks["artifacts"]["rule_violation_fail"]

    assert limit("high", "team") > limit("medium", "team") > limit("low", "team")
    assert limit("high", "team") > limit("high", "partners") > limit("high", "public")


def test_every_rule_has_a_source_and_a_test():
    tested = {name.split("_")[1].upper() for name in globals()
              if name.startswith("test_") and name[6:8].rstrip("_").isalnum()}
    assert {rule.id for rule in decision_rules.RULES} <= tested
    assert all(rule.source in decision_rules.SOURCES for rule in decision_rules.RULES)


# --- the record and the display ----------------------------------------------------


def test_markdown_record_holds_the_answers_verdict_and_sources():
    record = decide(300, "personal", "team", "train_model").to_markdown()
    assert record.startswith("# Decision record: synthetic data for train model")
    assert "| Real rows available | 300 |" in record
    assert "**With care: synthetic data can help, if the checks below pass.**" in record
    assert "## Checks that must pass before use" in record
    assert "https://ico.org.uk" in record


def test_repr_html_shows_the_verdict():
    page = decide(0, "public", "team", "test_software")._repr_html_()
    assert page.startswith("<div class='synthlab-decision'>")
    assert "Yes: synthetic data fits this job." in page


def test_synthlab_decide_is_callable_after_importing_the_module():
    assert synthlab.decide(0, "public", "team", "demo").use_synthetic == "yes"


def test_assumptions_name_what_to_recheck():
    decision = decide(300, "personal", "team", "train_model", rare_class_share=0.05)
    text = " ".join(decision.assumptions)
    assert "decide again at 1000" in text and "5.0%" in text


# --- refusals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"purpose": "predict"},
         "purpose 'predict' is not one of the allowed values: train_model, "
         "test_software, demo, evaluate_model, share_data"),
        ({"sensitivity": "secret"},
         "sensitivity 'secret' is not one of the allowed values: public, internal, "
         "personal, regulated"),
        ({"audience": "world"},
         "audience 'world' is not one of the allowed values: team, partners, public"),
        ({"risk_tolerance": "none"},
         "risk_tolerance 'none' is not one of the allowed values: low, medium, high"),
        ({"compute": "tpu"},
         "compute 'tpu' is not one of the allowed values: laptop, gpu"),
        ({"real_rows": -5}, "real_rows must be 0 or more, got -5"),
        ({"real_rows": 2.5}, "real_rows must be a whole number of rows, got 2.5"),
        ({"rare_class_share": 0.7},
         "rare_class_share must be a share between 0 and 0.5"),
        ({"rare_class_share": 0}, "rare_class_share must be a share between 0 and 0.5"),
    ],
)
def test_bad_answers_are_refused_by_name(kwargs, message):
    answers = {"real_rows": 300, "sensitivity": "internal", "audience": "team",
               "purpose": "train_model", **kwargs}
    with pytest.raises(SynthlabError) as caught:
        decide(**answers)
    assert message in str(caught.value)


def test_checks_are_in_the_form_synthlab_check_takes():
    from synthlab.checks._common import merge_thresholds  # the checks' own validation

    decision = decide(300, "personal", "partners", "train_model", risk_tolerance="low")
    merged = merge_thresholds(decision.checks)
    assert set(decision.checks) <= set(merged)
