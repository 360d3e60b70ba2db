"""backoff-lite: retry a function with exponential backoff.

Use the ``retry`` decorator on any function that may fail for a moment, such as a network call.
"""

__version__ = "1.4.0"

# How many attempts are made in total, the first one included
DEFAULT_ATTEMPTS = 5

# Seconds to wait before the second attempt; each later wait is twice as long
DEFAULT_BASE_DELAY = 0.5

# No single wait is longer than this many seconds
MAX_DELAY = 30.0

from .core import retry, RetryError  # noqa: E402,F401
