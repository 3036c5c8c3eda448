"""One exception hierarchy; the CLI turns each into a one-line error and an exit code."""


class ProxygraphError(Exception):
    """Base of every error proxygraph raises on purpose."""

    exit_code = 1


class InputError(ProxygraphError):
    """A file or stream the user gave cannot be read as a report."""

    exit_code = 2


class ValidationError(ProxygraphError):
    """A record does not satisfy the ontology or the expected shape."""

    exit_code = 3


class StoreError(ProxygraphError):
    """The claim store cannot be opened or written."""

    exit_code = 4


class NotFoundError(ProxygraphError):
    """A requested claim, entity or document does not exist."""

    exit_code = 5
