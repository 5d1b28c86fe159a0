"""The exceptions synthlab raises on purpose.

Every message says what was wrong, what was expected, what was found, and what
to do about it, in full sentences a learner can act on. The command line prints
the message alone (no traceback) and exits with status 2.

    SynthlabError            base class; also a ValueError
    ├── DataError            a table or file that cannot be trusted as it is
    ├── SpecError            a rule spec, a rule or a method option that does not hold
    ├── MethodError          an unknown method or one that cannot run on this input
    ├── ResponseError        an LLM answer that is not a table of valid rows
    └── NotConfiguredError   an optional service (an LLM endpoint) is not set up
"""

from __future__ import annotations


class SynthlabError(ValueError):
    """Base class of every error synthlab raises on purpose."""


class DataError(SynthlabError):
    """A table or file that synthlab cannot trust as it is."""


class SpecError(SynthlabError):
    """A rule spec, a rule or an option that contradicts itself or the data."""


class MethodError(SynthlabError):
    """An unknown method, or a method that cannot run on this input."""


class ResponseError(SynthlabError):
    """An LLM answer that cannot be read as a table."""


class NotConfiguredError(SynthlabError):
    """An optional external service that has not been configured."""
