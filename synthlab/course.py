"""The map of the course: which notebook answers which question.

``00_start_here`` renders this table and the README repeats it; a test checks
that every notebook listed exists and that every notebook is listed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    notebook: str
    title: str
    question: str
    minutes: int


LESSONS = (
    Lesson("00_start_here", "Start here", "What is this kit and how do I use it?", 10),
    Lesson("01_what_synthetic_data_is", "What synthetic data is, and isn't",
           "What does a synthetic table keep, and what does it not?", 20),
    Lesson("02_three_situations", "Three situations",
           "When is synthetic data the best option?", 30),
    Lesson("03_rules_and_simulation", "Rules and simulation",
           "How do I make data for a product that does not exist yet?", 20),
    Lesson("04_statistical_models", "Statistical models",
           "How do a copula and SMOTE learn from real rows?", 20),
    Lesson("05_deep_generative_models", "Deep generative models",
           "What do CTGAN and TVAE add, and what do they cost?", 20),
    Lesson("06_foundation_models", "Foundation models",
           "How do I get rows from an LLM, and what goes wrong?", 20),
    Lesson("07_comparing_methods", "Comparing methods",
           "Which method fits which table?", 20),
    Lesson("08_how_teams_generate_today", "How teams generate it today",
           "What are the workflows and the tools?", 25),
    Lesson("09_where_it_ships", "Where it shows up in real products",
           "Who uses synthetic data, and for what?", 20),
    Lesson("10_risk_distribution", "Risk 1: distribution mismatch",
           "Does the synthetic table look like the real one?", 15),
    Lesson("11_risk_artifacts", "Risk 2: artifacts",
           "Does it contain impossible rows?", 15),
    Lesson("12_risk_privacy", "Risk 3: privacy leakage",
           "Does it give away real people?", 20),
    Lesson("13_risk_bias", "Risk 4: bias amplification",
           "Does it change the picture for a group?", 15),
    Lesson("14_decision_framework", "The decision framework",
           "Does my product need synthetic data, and which method?", 30),
    Lesson("15_interview_prep", "Interview prep",
           "How do I answer synthetic-data questions as an AI PM?", 20),
    Lesson("16_capstone_your_own_data", "Capstone: your own data",
           "What does the kit say about my CSV?", 30),
)


def lessons() -> list[Lesson]:
    """The notebooks in course order."""
    return list(LESSONS)


def total_minutes() -> int:
    """The course's length in minutes of reading and doing (not run time)."""
    return sum(lesson.minutes for lesson in LESSONS)


def table():
    """The course map as a table a notebook displays."""
    import pandas as pd

    return pd.DataFrame(
        [{"notebook": l.notebook, "title": l.title, "answers": l.question,
          "minutes": l.minutes} for l in LESSONS]
    ).set_index("notebook")
