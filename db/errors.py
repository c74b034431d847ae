"""The store's one user-facing error type: the reason in words, shown as one line."""


class StoreError(RuntimeError):
    """The file cannot be used as a kursk-tui store (with the reason in words)."""
