"""How far a batch has got: a bar with count, rate and time left on a terminal, plain lines in a log."""

from __future__ import annotations

import shutil
import time

BAR_WIDTH = 24


def duration(seconds: float) -> str:
    """72 -> '1m12s', 3725 -> '1h02m', 4.2 -> '4s'."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds // 60 % 60:02d}m"


class Progress:
    """Reports each graded submission. `total` counts the submissions to grade in this run."""

    def __init__(self, total: int, stream, *, terminal: bool):
        self.total, self.stream, self.terminal = total, stream, terminal
        self.done = 0
        self.started = time.monotonic()

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, student: str, result: str) -> None:
        """One more submission graded; `result` says how it went ('85%', 'not graded')."""
        self.done += 1
        rate = self.rate()
        left = (self.total - self.done) / rate if rate else 0.0
        if self.terminal:
            filled = BAR_WIDTH * self.done // max(self.total, 1)
            line = (f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total}  "
                    f"{rate:.2f}/s  ETA {duration(left)}  {student}: {result}")
            width = shutil.get_terminal_size((100, 24)).columns - 1
            self.stream.write("\r" + line[:width].ljust(width))
        else:
            self.stream.write(f"[{self.done}/{self.total}] {student}: {result} "
                              f"({rate:.2f}/s, ETA {duration(left)})\n")
        self.stream.flush()

    def close(self) -> None:
        if self.terminal and self.done:
            self.stream.write("\n")
            self.stream.flush()
