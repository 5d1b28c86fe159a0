"""A first widget: pick a shipped table and see what it holds."""

from __future__ import annotations

import html

from synthlab import datasets


def summary(name: str) -> str:
    """What a learner should know about a shipped table, in a few lines."""
    dataset = datasets.load(name)
    rows, columns = dataset.data.shape
    lines = [
        f"{name}: {rows:,} rows x {columns} columns",
        dataset.description,
        f"target: {dataset.target or 'none'}",
        f"sensitive attributes: {', '.join(dataset.sensitive) or 'none'}",
        f"source: {dataset.source}",
        f"licence: {dataset.licence}",
    ]
    return "\n".join(lines)


def dataset_browser(initial: str = "german_credit"):
    """A dropdown of the shipped tables; choosing one shows its summary."""
    import ipywidgets as widgets

    choice = widgets.Dropdown(options=datasets.names(), value=initial, description="Dataset")
    # An HTML widget rather than an Output widget: its text lives in the widget's
    # state, so nothing is printed into the cell when the notebook is run headless.
    shown = widgets.HTML()

    def show(change=None):
        shown.value = f"<pre>{html.escape(summary(choice.value))}</pre>"

    choice.observe(show, names="value")
    show()
    return widgets.VBox([choice, shown])
