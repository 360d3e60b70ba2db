"""A dependency-free progress line with rate and ETA, written to stderr."""
import sys
import time


def format_seconds(seconds):
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{(seconds % 3600) // 60:02d}m"


def _number(value):
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:.2f}"


class Progress:
    """Prints `label done/total (pct) rate unit/s ETA` at most every `interval` seconds.

    On a terminal the line is redrawn in place; otherwise a new line is written each time,
    so logs stay readable. `enabled=False` makes every call a no-op.
    """

    def __init__(self, label, total=None, unit="it", stream=None, interval=None, enabled=True, scale=1.0):
        self.label = label
        self.total = total
        self.unit = unit
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        self.scale = scale
        self.done = 0
        self.start = time.perf_counter()
        self._last = self.start  # the first line comes after `interval`, or at close()

    def update(self, amount=1, force=False):
        self.done += amount
        now = time.perf_counter()
        if self.enabled and (force or now - self._last >= self.interval):
            self._last = now
            self._draw(now)

    def _draw(self, now, final=False):
        elapsed = max(now - self.start, 1e-9)
        rate = self.done * self.scale / elapsed
        parts = [self.label]
        if self.total:
            pct = 100.0 * self.done / self.total
            parts.append(f"{_number(self.done * self.scale)}/{_number(self.total * self.scale)} {self.unit} ({pct:.0f}%)")
        else:
            parts.append(f"{_number(self.done * self.scale)} {self.unit}")
        parts.append(f"{rate:,.1f} {self.unit}/s")
        if final:
            parts.append(f"in {format_seconds(elapsed)}")
        elif self.total and self.done:
            parts.append(f"ETA {format_seconds((self.total - self.done) * elapsed / self.done)}")
        line = " ".join(parts)
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self, only_if_shown=False):
        """Draw the final line (with `only_if_shown`, only when a line was drawn before: work
        that went too fast to show leaves no trace)."""
        if self.enabled and not (only_if_shown and self._last == self.start):
            self._draw(time.perf_counter(), final=True)
