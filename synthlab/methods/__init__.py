"""Generation methods, from rules to foundation models, behind one call.

``catalog()`` lists them with their PM checklists.
"""

from synthlab.methods.catalog import MethodCard, card, catalog

__all__ = ["MethodCard", "card", "catalog"]
