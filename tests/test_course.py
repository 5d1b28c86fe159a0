from pathlib import Path

import nbformat
import pytest

from synthlab import course

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_lesson_has_its_notebook_and_every_notebook_is_a_lesson():
    listed = [lesson.notebook for lesson in course.lessons()]
    present = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert listed == present


def test_lessons_are_numbered_in_course_order():
    numbers = [int(lesson.notebook[:2]) for lesson in course.lessons()]
    assert numbers == list(range(len(numbers)))


def test_the_readme_maps_every_notebook_with_its_minutes():
    text = README.read_text(encoding="utf-8")
    for lesson in course.lessons():
        assert f"`{lesson.notebook}`" in text
        row = next(line for line in text.splitlines()
                   if line.startswith(f"| `{lesson.notebook}`"))
        assert f"| {lesson.minutes} |" in row


@pytest.mark.parametrize("lesson", course.lessons(), ids=lambda lesson: lesson.notebook)
def test_each_notebook_opens_with_goals_and_time_and_ends_with_a_recap(lesson):
    notebook = nbformat.read(NOTEBOOKS / f"{lesson.notebook}.ipynb", as_version=4)
    first = notebook.cells[0].source
    last = notebook.cells[-1].source
    assert first.startswith("# "), "the first cell is the title"
    assert "minutes" in first.lower()
    assert "recap" in last.lower()


@pytest.mark.parametrize("lesson", course.lessons(), ids=lambda lesson: lesson.notebook)
def test_no_notebook_stores_an_error_or_a_warning(lesson):
    notebook = nbformat.read(NOTEBOOKS / f"{lesson.notebook}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        for output in cell.outputs:
            if output.output_type == "error":
                assert "raises-exception" in tags, cell.source
            assert output.get("name") != "stderr", cell.source
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert "Warning" not in text, cell.source
