"""The interview self-check's grading, without a browser."""

import pytest

from synthlab.errors import SynthlabError
from synthlab.widgets.self_check import ITEMS, grade, self_check


@pytest.mark.parametrize("question", ITEMS, ids=lambda q: q.key)
def test_the_right_answer_is_right_and_the_others_are_not(question):
    assert grade(question.key, question.right).correct
    for key, _text in question.choices:
        if key != question.right:
            result = grade(question.key, key)
            assert not result.correct and result.feedback.startswith("Not yet.")


def test_no_choice_asks_for_one():
    assert grade("vendor", None).feedback == "Pick one of the answers first."


def test_unknown_question_or_answer_is_refused_by_name():
    with pytest.raises(SynthlabError, match="no self-check question 'crypto'"):
        grade("crypto", "x")
    with pytest.raises(SynthlabError, match="'maybe' is not an answer to 'fraud'"):
        grade("fraud", "maybe")


def test_the_widget_has_one_block_per_question():
    assert len(self_check().children) == len(ITEMS)
