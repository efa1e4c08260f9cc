"""storyscope's exception tree.

    StoryscopeError
    ├── InputError        an input cannot be read or understood (one input; the batch goes on)
    │   └── FetchError    a URL could not be fetched
    ├── StoreError        the store cannot be opened or written
    └── NotFoundError     a story or article id that the store does not hold

The library raises these; only the CLI turns them into a one-line message and an exit code.
"""

from __future__ import annotations


class StoryscopeError(Exception):
    """Base of every error storyscope raises on purpose."""


class InputError(StoryscopeError):
    """One input (file, URL, record) cannot be turned into an article."""

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched (unreachable, timeout, too large, wrong content type)."""


class StoreError(StoryscopeError):
    """The store cannot be opened, migrated or written."""


class NotFoundError(StoryscopeError):
    """An id the store does not hold."""
