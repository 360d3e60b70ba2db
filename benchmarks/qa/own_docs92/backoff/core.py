"""The retry decorator and its error."""
import functools
import random
import time


class RetryError(Exception):
    """Raised when every attempt has failed. The last exception is kept in ``last_error``
    and also chained as ``__cause__``."""

    def __init__(self, attempts, last_error):
        super().__init__(f"gave up after {attempts} attempts")
        self.attempts, self.last_error = attempts, last_error


def retry(attempts=5, base_delay=0.5, exceptions=(ConnectionError, TimeoutError), jitter=True):
    """Call the decorated function again when it raises one of ``exceptions``.

    Other exceptions are raised at once, without a retry. Between attempts the decorator sleeps
    ``base_delay`` seconds, doubling each time; with ``jitter=True`` each wait is a random time
    between zero and that value, so that many clients do not retry in step. Set ``attempts=1`` to
    turn retrying off, for example in tests.
    """
    def wrap(func):
        @functools.wraps(func)
        def call(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return func(*args, **kwargs)
                except exceptions as error:
                    if attempt == attempts:
                        raise RetryError(attempts, error) from error
                    delay = min(base_delay * 2 ** (attempt - 1), 30.0)
                    time.sleep(random.uniform(0, delay) if jitter else delay)
        return call
    return wrap
