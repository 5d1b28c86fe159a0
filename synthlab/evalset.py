"""An evaluation set for a support bot, built from rules and templates, then checked.

A team shipping a support-bot feature needs test prompts before it has users.
This module makes them the way teams do: a grid of **intents** (what the
customer wants) and **personas** (who is asking), **templates** with slots
filled from small lists, and **edge cases** (typos, two requests at once, no
detail, shouting, off-topic) applied as rules. Every prompt carries the
behaviour a good bot should show, written by rule, so the set can grade a bot.

Then three plain checks, the ones an evaluation set fails most often:

* :func:`coverage`: which intent x persona (x edge case) cells have prompts,
  and which are empty;
* :func:`balance`: how evenly a column's values are spread (largest share over
  smallest, and normalised entropy, 1.0 for perfectly even);
* :func:`duplicates`: prompts that are the same after normalising case,
  punctuation and spacing, and near duplicates by word overlap (Jaccard).

:func:`from_llm` asks a configured language model (``SYNTHLAB_LLM_BASE_URL``
and ``SYNTHLAB_LLM_MODEL``; see :mod:`synthlab.methods.foundation`) for more
prompts in the same shape; without an endpoint it raises
``NotConfiguredError`` and :func:`llm_configured` is False.

>>> table = build(n_per_cell=1, seed=0)
>>> len(table), coverage(table)["covered_share"]
(30, 1.0)
"""

from __future__ import annotations

import itertools
import math
import re

import pandas as pd

from synthlab import _env
from synthlab.errors import SpecError

INTENTS = {
    "refund": [
        "I want my money back for the {product}, I bought it {days} days ago.",
        "Can I get a refund on order {order}? The {product} arrived {days} days ago.",
        "How do I return the {product} and get refunded? Order {order}.",
    ],
    "cancel_subscription": [
        "Please cancel my {plan} subscription.",
        "How do I stop my {plan} plan from renewing next month?",
        "I no longer need the {plan} plan, cancel it today.",
    ],
    "billing_question": [
        "Why was I charged {amount} euros this month?",
        "My invoice shows {amount} euros but my {plan} plan should cost less.",
        "There is a charge of {amount} euros I do not recognise.",
    ],
    "password_reset": [
        "I can't log in, I forgot my password.",
        "The password reset email never arrives at {email}.",
        "How do I change my password? I have been locked out for {days} days.",
    ],
    "shipping_status": [
        "Where is my order {order}? It has been {days} days.",
        "My {product} has not arrived yet, order {order}.",
        "Tracking for order {order} has not moved in {days} days.",
    ],
    "bug_report": [
        "The app crashes every time I open the {screen} screen.",
        "When I tap the {screen} button nothing happens.",
        "The {screen} page shows an error since the last update.",
    ],
}
PERSONAS = {
    "new customer": "Hi, I'm new here. ",
    "long-time customer": "I've been with you for years. ",
    "frustrated customer": "This is the third time I'm writing. ",
    "non-native speaker": "Hello, sorry for my english. ",
    "developer": "Quick one from the API side: ",
}
EDGE_CASES = ("none", "typo", "two requests", "no detail", "all caps", "off topic")
SLOTS = {
    "product": ["headphones", "blender", "winter jacket", "phone case",
                "running shoes"],
    "days": [2, 5, 12, 20, 35, 60],
    "order": ["A-1042", "A-2210", "B-3307", "C-4581", "C-5019"],
    "plan": ["Basic", "Plus", "Team"],
    "amount": [9, 19, 49, 120],
    "email": ["my work address", "my gmail"],
    "screen": ["settings", "checkout", "profile", "search"],
}
VAGUE = {
    "refund": ["I want my money back.", "About the refund..."],
    "cancel_subscription": ["Cancel it.", "I want to stop."],
    "billing_question": ["Something is wrong with my bill.", "The charge?"],
    "password_reset": ["Can't get in.", "Login problem."],
    "shipping_status": ["Where is it?", "Still waiting."],
    "bug_report": ["It doesn't work.", "Broken again."],
}
REFUND_WINDOW_DAYS = 30
OFF_TOPIC = "Also, what's the weather going to be like tomorrow?"

_EXPECTED = {
    "cancel_subscription": "confirm the plan, then cancel it and state the end date",
    "billing_question": "look up the invoice and explain the charge",
    "password_reset": "send a reset link; never ask for the password",
    "shipping_status": "look up the order and give the tracking status",
    "bug_report": "collect device and app version, then open a ticket",
}


def expected_behaviour(intent: str, days: int | None, edge_case: str) -> str:
    """What a good bot does with a prompt, by rule.

    >>> expected_behaviour("refund", 35, "none")
    'explain the 30-day refund window and offer store credit'
    >>> expected_behaviour("refund", 5, "two requests")
    'handle both requests, or ask which to handle first'
    """
    if edge_case == "two requests":
        return "handle both requests, or ask which to handle first"
    if edge_case == "no detail":
        return "ask a clarifying question before acting"
    if edge_case == "off topic":
        return "answer the support request and decline the off-topic part"
    if intent == "refund":
        if days is not None and days > REFUND_WINDOW_DAYS:
            return (f"explain the {REFUND_WINDOW_DAYS}-day refund window and offer "
                    "store credit")
        return "start the refund and confirm the amount"
    return _EXPECTED[intent]


def build(n_per_cell: int = 2, seed: int = 0, intents=None, personas=None,
          edge_share: float = 0.3) -> pd.DataFrame:
    """Test prompts for every intent x persona cell, with edge cases by rule.

    Parameters
    ----------
    n_per_cell : int
        Prompts per intent x persona cell.
    intents, personas : list of str, optional
        Subsets of ``INTENTS`` and ``PERSONAS`` (default: all).
    edge_share : float
        Share of prompts that get an edge case; the edge cases are dealt out
        in turn, so each appears about equally often.

    Returns
    -------
    pandas.DataFrame
        One row per prompt: ``id``, ``intent``, ``persona``, ``edge_case``,
        ``prompt``, ``expected`` (the behaviour a good bot shows).
    """
    intents = _subset(intents, INTENTS, "intent")
    personas = _subset(personas, PERSONAS, "persona")
    if not isinstance(n_per_cell, int) or n_per_cell < 1:
        raise SpecError(
            f"n_per_cell must be a whole number of at least 1; got {n_per_cell!r}.")
    if not 0 <= edge_share <= 1:
        raise SpecError(f"edge_share must be between 0 and 1; got {edge_share!r}.")
    generator = _env.rng(seed)

    cells = [(i, p) for i, p in itertools.product(intents, personas)
             for _ in range(n_per_cell)]
    n_edge = round(edge_share * len(cells))
    edge_rows = set(generator.choice(len(cells), size=n_edge, replace=False).tolist())
    special = itertools.cycle(EDGE_CASES[1:])

    rows = []
    for number, (intent, persona) in enumerate(cells):
        template = INTENTS[intent][number % len(INTENTS[intent])]
        slots = {name: values[generator.integers(len(values))]
                 for name, values in SLOTS.items()}
        text = PERSONAS[persona] + template.format(**slots)
        edge_case = next(special) if number in edge_rows else "none"
        text = _apply_edge_case(text, edge_case, intent, generator)
        if edge_case == "no detail":
            text = PERSONAS[persona] + text
        days = slots["days"] if "{days}" in template else None
        rows.append({"id": f"eval-{number + 1:04d}", "intent": intent,
                     "persona": persona,
                     "edge_case": edge_case, "prompt": text,
                     "expected": expected_behaviour(intent, days, edge_case)})
    return pd.DataFrame(rows)


def naive(n: int = 60, seed: int = 0) -> pd.DataFrame:
    """A set made the quick way: the first template of an intent drawn by popularity.

    No personas, no edge cases, no slot variety: what a first draft often
    looks like, for the checks to find fault with.
    """
    generator = _env.rng(seed)
    names = list(INTENTS)
    weights = [0.45, 0.2, 0.15, 0.1, 0.07, 0.03]
    picked = generator.choice(len(names), size=n, p=weights)
    rows = []
    for number, index in enumerate(picked):
        intent = names[index]
        slots = {name: values[0] for name, values in SLOTS.items()}
        rows.append({"id": f"naive-{number + 1:04d}", "intent": intent,
                     "persona": "new customer", "edge_case": "none",
                     "prompt": INTENTS[intent][0].format(**slots),
                     "expected": expected_behaviour(intent, slots["days"], "none")})
    return pd.DataFrame(rows)


def _subset(chosen, universe: dict, what: str) -> list[str]:
    if chosen is None:
        return list(universe)
    unknown = [value for value in chosen if value not in universe]
    if unknown:
        raise SpecError(f"{unknown[0]!r} is not a known {what}; the {what}s are: "
                        f"{', '.join(universe)}.")
    return list(chosen)


def _apply_edge_case(text: str, edge_case: str, intent: str, generator) -> str:
    if edge_case == "typo":
        return _typo(text, generator)
    if edge_case == "two requests":
        other = [name for name in INTENTS if name != intent]
        second = INTENTS[other[generator.integers(len(other))]][0]
        slots = {name: values[0] for name, values in SLOTS.items()}
        return f"{text} And another thing: {second.format(**slots)}"
    if edge_case == "no detail":
        return VAGUE[intent][int(generator.integers(len(VAGUE[intent])))]
    if edge_case == "all caps":
        return text.upper()
    if edge_case == "off topic":
        return f"{text} {OFF_TOPIC}"
    return text


def _typo(text: str, generator) -> str:
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) > 4]
    picked = generator.choice(long_words, size=min(2, len(long_words)), replace=False)
    for index in picked:
        word = words[index]
        cut = int(generator.integers(1, len(word) - 2))
        words[index] = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2:]
    return " ".join(words)


# -- the checks -----------------------------------------------------------------

def coverage(table: pd.DataFrame, dimensions=("intent", "persona"),
             required: dict | None = None, min_count: int = 1) -> dict:
    """Which combinations of ``dimensions`` have at least ``min_count`` prompts.

    ``required`` lists the values each dimension must cover (default: the
    module's ``INTENTS``, ``PERSONAS`` and ``EDGE_CASES``). Returns the number
    of cells, the share covered, the empty (or thin) cells, and a count table.

    >>> table = build(n_per_cell=1, intents=["refund"], seed=0)
    >>> result = coverage(table)
    >>> result["covered"], result["cells"]
    (5, 30)
    """
    defaults = {"intent": list(INTENTS), "persona": list(PERSONAS),
                "edge_case": list(EDGE_CASES)}
    required = {**defaults, **(required or {})}
    dimensions = list(dimensions)
    missing_columns = [d for d in dimensions if d not in table.columns]
    if missing_columns:
        raise SpecError(f"The table has no column {missing_columns[0]!r}; its columns "
                        f"are: {', '.join(table.columns)}.")
    values = [required.get(d, sorted(table[d].unique())) for d in dimensions]
    counts = table.groupby(dimensions).size()
    grid = pd.MultiIndex.from_product(values, names=dimensions)
    counts = counts.reindex(grid, fill_value=0)
    thin = [tuple(cell) if len(dimensions) > 1 else cell
            for cell, count in counts.items() if count < min_count]
    return {"cells": len(counts), "covered": int((counts >= min_count).sum()),
            "covered_share": round(float((counts >= min_count).mean()), 3),
            "empty_cells": thin, "counts": counts}


def balance(table: pd.DataFrame, column: str) -> dict:
    """How evenly ``column``'s values are spread.

    ``max_over_min`` is the largest count over the smallest (1.0 is even);
    ``evenness`` is the entropy of the shares over its maximum, log(k)
    (1.0 is even, 0 is one value only).

    >>> balance(pd.DataFrame({"intent": ["a", "a", "a", "b"]}), "intent")
    {'shares': {'a': 0.75, 'b': 0.25}, 'max_over_min': 3.0, 'evenness': 0.811}
    """
    if column not in table.columns:
        raise SpecError(f"The table has no column {column!r}; its columns are: "
                        f"{', '.join(table.columns)}.")
    counts = table[column].value_counts().sort_index()
    shares = counts / counts.sum()
    entropy = -sum(p * math.log(p) for p in shares if p > 0)
    evenness = entropy / math.log(len(shares)) if len(shares) > 1 else 0.0
    return {"shares": {k: round(float(v), 3) for k, v in shares.items()},
            "max_over_min": round(float(counts.max() / counts.min()), 2),
            "evenness": round(float(evenness), 3)}


def normalise(text: str) -> str:
    """Lower case, letters and digits only, single spaces.

    >>> normalise("  Where IS my order?!  ")
    'where is my order'
    """
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).lower()).split())


def duplicates(table: pd.DataFrame, column: str = "prompt",
               near: float = 0.8) -> pd.DataFrame:
    """Pairs of prompts that are the same once normalised, or nearly the same.

    Two prompts are near duplicates when the Jaccard overlap of their word
    sets is at least ``near``. Returns one row per pair: the two row labels,
    ``kind`` (``exact`` or ``near``) and the overlap.

    >>> table = pd.DataFrame({"prompt": ["Where is my order?", "where is my ORDER",
    ...                                  "Cancel my plan"]})
    >>> duplicates(table).to_dict("records")
    [{'first': 0, 'second': 1, 'kind': 'exact', 'overlap': 1.0}]
    """
    if column not in table.columns:
        raise SpecError(f"The table has no column {column!r}; its columns are: "
                        f"{', '.join(table.columns)}.")
    if not 0 < near <= 1:
        raise SpecError(f"near must be above 0 and at most 1; got {near!r}.")
    texts = [normalise(text) for text in table[column]]
    words = [set(text.split()) for text in texts]
    labels = list(table.index)
    pairs = []
    for i, j in itertools.combinations(range(len(texts)), 2):
        if texts[i] == texts[j]:
            pairs.append((labels[i], labels[j], "exact", 1.0))
            continue
        union = words[i] | words[j]
        overlap = len(words[i] & words[j]) / len(union) if union else 1.0
        if overlap >= near:
            pairs.append((labels[i], labels[j], "near", round(overlap, 3)))
    return pd.DataFrame(pairs, columns=["first", "second", "kind", "overlap"])


def duplicate_share(table: pd.DataFrame, column: str = "prompt",
                    near: float = 0.8) -> float:
    """Share of prompts that duplicate (exactly or nearly) an earlier prompt."""
    pairs = duplicates(table, column, near)
    return round(pairs["second"].nunique() / len(table), 3) if len(table) else 0.0


def checks(table: pd.DataFrame, near: float = 0.8) -> pd.DataFrame:
    """The three checks in one table: coverage, balance of intents, duplicates."""
    cover = coverage(table)
    spread = balance(table, "intent")
    return pd.DataFrame([
        {"check": "coverage", "figure": "intent x persona cells covered",
         "value": cover["covered_share"]},
        {"check": "balance", "figure": "intent evenness (1 = even)",
         "value": spread["evenness"]},
        {"check": "balance", "figure": "largest intent count / smallest",
         "value": spread["max_over_min"]},
        {"check": "duplicates", "figure": "share of prompts that repeat another",
         "value": duplicate_share(table, near=near)},
    ]).set_index("check")


# -- a language model, when one is configured -----------------------------------

def llm_configured() -> bool:
    """True when ``SYNTHLAB_LLM_BASE_URL`` and ``SYNTHLAB_LLM_MODEL`` are set."""
    from synthlab.errors import NotConfiguredError
    from synthlab.methods.foundation import settings

    try:
        settings()
    except NotConfiguredError:
        return False
    return True


def llm_prompt(intent: str, persona: str, n: int) -> str:
    """The instruction sent to the model for one intent x persona cell."""
    return (f"Write {n} different messages a customer might send to an online shop's "
            f"support chat. The customer is a {persona}; each message is about "
            f"'{intent.replace('_', ' ')}'. Vary the wording and the details. Answer "
            "with one message per line, no numbering, no other text.\n")


def from_llm(n_per_cell: int = 2, intents=None, personas=None,
             temperature: float = 0.9) -> pd.DataFrame:
    """Prompts written by the configured language model, one request per cell.

    Raises ``NotConfiguredError`` when no endpoint is set (nothing is sent),
    and ``ResponseError`` when the endpoint fails.
    """
    from synthlab.methods.foundation import ask, settings

    endpoint = settings()
    rows = []
    for intent, persona in itertools.product(_subset(intents, INTENTS, "intent"),
                                             _subset(personas, PERSONAS, "persona")):
        answer = ask(llm_prompt(intent, persona, n_per_cell), temperature, endpoint)
        lines = [line.strip(" -*\t") for line in answer.splitlines() if line.strip()]
        for text in lines[:n_per_cell]:
            rows.append({"id": f"llm-{len(rows) + 1:04d}", "intent": intent,
                         "persona": persona, "edge_case": "none", "prompt": text,
                         "expected": expected_behaviour(intent, None, "none")})
    return pd.DataFrame(rows, columns=["id", "intent", "persona", "edge_case", "prompt",
                                       "expected"])
