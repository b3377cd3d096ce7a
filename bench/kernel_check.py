"""How fast `dlgrade.check()` answers in a notebook kernel: the first check (the grader's imports
and its worker started in the kernel), then each check after it (target: under a second).

A real ipykernel kernel, driven by jupyter_client as Jupyter drives it, runs the public corpus's
correct Regularization module as one cell, then checks one function again and again; each
check is timed from the request to the kernel's reply, median of the later ones.

    python bench/kernel_check.py [--checks N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = "compute_cost_with_regularization"


def timed(client, code: str) -> tuple[float, str]:
    """(seconds until the kernel answered, the text it showed)."""
    shown = []

    def keep(message):
        content = message["content"]
        if message["msg_type"] in ("execute_result", "display_data"):
            shown.append(content["data"].get("text/plain", ""))
        elif message["msg_type"] == "stream":
            shown.append(content["text"])
        elif message["msg_type"] == "error":
            shown.append(f"{content['ename']}: {content['evalue']}")

    started = time.perf_counter()
    reply = client.execute_interactive(code, timeout=300, output_hook=keep)
    seconds = time.perf_counter() - started
    if reply["content"]["status"] != "ok":
        sys.exit(f"the kernel failed to run {code!r}:\n" + "\n".join(shown))
    return seconds, "\n".join(shown)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=9, help="checks after the first")
    options = parser.parse_args()

    module = (ROOT / "tests" / "submissions" / "base" / "regularization.py").read_text()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    manager, client = start_new_kernel(kernel_name="python3", env=environment, cwd=str(ROOT))
    try:
        timed(client, module)
        first, text = timed(client, f"import dlgrade\ndlgrade.check({EXERCISE!r})")
        if f"✓ {EXERCISE}: passed" not in text:
            sys.exit(f"the check did not pass the correct function:\n{text}")
        later = [timed(client, f"dlgrade.check({EXERCISE!r})")[0] for _ in range(options.checks)]
        redefined, _ = timed(client, module + f"\ndlgrade.check({EXERCISE!r})")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    median = statistics.median(later)
    print(f"dlgrade.check({EXERCISE!r}) in an ipykernel kernel:")
    print(f"  first check:          {first:5.2f} s (the grader's imports, its worker started)")
    print(f"  each check after it:  median {median:5.2f} s of {len(later)}, slowest {max(later):.2f} s")
    print(f"  redefined, then checked in the same cell: {redefined:5.2f} s")
    print(f"  a check after the first under a second: {'met' if median < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
