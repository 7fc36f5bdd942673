"""Errors that the CLI turns into one-line messages (never a traceback)."""


class PolicyKGError(Exception):
    """Base class of every error policykg reports to a user."""


class InputError(PolicyKGError):
    """A document cannot be read: missing, empty, binary, too large, no text layer."""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class QueryError(PolicyKGError):
    """A SPARQL query is malformed, unknown or not allowed."""


class StoreError(PolicyKGError):
    """The graph store is missing or unusable."""
