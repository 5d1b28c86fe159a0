"""The decision wizard served by Voila, answered in headless Chromium."""

from __future__ import annotations

from pathlib import Path

from synthlab.widgets.wizard import QUESTIONS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"

TIMEOUT = 60_000  # ms; a widget round trip takes well under a second, unless busy


def label(value: str) -> str:
    return value.replace("_", " ")


def answer(page, **answers) -> None:
    """Start again, then answer every question (defaults where not given)."""
    page.click(".synthlab-wizard-restart")
    page.wait_for_selector(".synthlab-wizard-verdict", state="detached",
                           timeout=TIMEOUT)
    for step, question in enumerate(QUESTIONS, start=1):
        page.wait_for_selector(
            f".synthlab-wizard-counter:has-text('Question {step} of 7')")
        field = f".synthlab-wizard-input-{question.key}"
        if question.key not in answers:
            pass
        elif question.options:
            choice = label(answers[question.key])
            page.locator(f"{field} button", has_text=choice).click()
        else:
            page.fill(f"{field} input", str(answers[question.key]))
            page.press(f"{field} input", "Enter")
        page.click(".synthlab-wizard-next")


def verdict(page, expected: str) -> str:
    try:
        page.wait_for_selector(f".synthlab-wizard-verdict[data-verdict='{expected}']",
                               timeout=TIMEOUT)
    except Exception:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"no_verdict_{expected}.png"),
                        full_page=True)
        raise
    return page.inner_text(".synthlab-wizard-recommendation")


def test_the_first_question_says_why_it_matters(app, screenshot):
    assert app.inner_text(".synthlab-wizard-counter") == "Question 1 of 7"
    assert app.inner_text(".synthlab-wizard-why").startswith("Why it matters:")
    screenshot(app, "first_question")


def test_the_recommendation_changes_with_the_answers(app, screenshot):
    answer(app, real_rows=300, sensitivity="internal", purpose="train_model")
    pilot = verdict(app, "yes")
    assert "Recommended method: gaussian_copula" in pilot
    screenshot(app, "pilot")

    answer(app, real_rows=50000, sensitivity="internal", purpose="train_model")
    plenty = verdict(app, "no")
    assert "use the real data" in plenty and "Recommended method" not in plenty
    screenshot(app, "plenty_of_data")

    answer(app, real_rows=1066, sensitivity="personal", rare_class_share=0.036)
    rare = verdict(app, "with_care")
    assert "Recommended method: smote" in rare


def test_the_decision_record_appears(app, screenshot):
    answer(app, real_rows=0, sensitivity="personal", audience="partners",
           purpose="test_software")
    verdict(app, "yes")
    record = app.input_value(".synthlab-wizard-record textarea")
    assert record.startswith("# Decision record: synthetic data for test software")
    assert "1. **rules**" in record
    screenshot(app, "record")


def test_a_bad_answer_shows_its_error_inside_the_widget(app, screenshot):
    app.click(".synthlab-wizard-restart")
    app.fill(".synthlab-wizard-input-real_rows input", "-5")
    app.press(".synthlab-wizard-input-real_rows input", "Enter")
    app.click(".synthlab-wizard-next")
    error = app.wait_for_selector(".synthlab-wizard-error-text", timeout=TIMEOUT)
    assert "real_rows must be 0 or more, got -5" in error.inner_text()
    assert app.inner_text(".synthlab-wizard-counter") == "Question 1 of 7"
    screenshot(app, "error")


def test_the_run_button_makes_rows_and_checks_them(app, screenshot):
    answer(app, real_rows=300, sensitivity="internal", purpose="train_model")
    verdict(app, "yes")
    app.click(".synthlab-wizard-run")
    done = app.wait_for_selector(".synthlab-wizard-run-done", timeout=90_000)
    assert "Required checks: distribution:" in done.inner_text()
    report = ".synthlab-wizard-run-output :text('synthetic rows, holdout')"
    app.wait_for_selector(report, timeout=TIMEOUT)
    app.wait_for_selector(".synthlab-wizard-run:not([disabled])", timeout=TIMEOUT)
    screenshot(app, "run")


def test_no_request_left_localhost(app):
    assert app.blocked == []

