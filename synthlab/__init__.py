"""synthlab: a teaching and decision kit about synthetic data.

The learner's surface, all importable from here:

* ``synthlab.datasets``: shipped real tables (``names``, ``load``) and
  ``from_csv`` for your own file;
* ``synthlab.generate`` and ``synthlab.methods.catalog``: the generation methods,
  from rules to foundation models, each with a PM checklist;
* ``synthlab.check``: the four risk checks and their report;
* ``synthlab.decide``: the decision framework.

Heavy libraries (SDV, torch) load only when a method needs them, so
``import synthlab`` stays fast.
"""

from __future__ import annotations

import importlib

from synthlab import _env

_env.configure()

__version__ = "0.1.0"

_LAZY = {
    "datasets": ("synthlab.datasets", None),
    "methods": ("synthlab.methods", None),
    "checks": ("synthlab.checks", None),
    "plots": ("synthlab.plots", None),
    "widgets": ("synthlab.widgets", None),
    "generate": ("synthlab.methods", "generate"),
    "check": ("synthlab.checks", "check"),
    "decide": ("synthlab.decide", "decide"),
    "errors": ("synthlab.errors", None),
}

__all__ = ["datasets", "methods", "generate", "check", "decide", "errors"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'synthlab' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
