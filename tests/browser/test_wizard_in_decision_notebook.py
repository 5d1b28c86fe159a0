"""The decision notebook served as an app, the way `make app` serves it.

This module runs after test_wizard_app.py, by name, so that the preheated
kernel has run the notebook by the time the page opens.
"""


def test_the_decision_notebook_serves_as_an_app(open_app, decision_app_url, screenshot):
    page = open_app(decision_app_url, timeout=120_000)
    assert page.locator("h2", has_text="The framework is a table of rules").count() == 1
    assert page.locator("h2", has_text="Case 2: not enough data").count() == 1
    page.click(".synthlab-wizard-next")
    page.wait_for_selector(".synthlab-wizard-counter:has-text('Question 2 of 7')")
    screenshot(page, "app")
    assert page.blocked == []
