"""Hypothesis's search for a failing case: the settings every generating run uses.

Only the full grader generates cases (the student kit tries recorded ones and has no
hypothesis), so only it imports this module: grading (grader.engine) and recording the
kit's answer key (grader.oracle.record) draw the same inputs from the same seed.
"""

from __future__ import annotations

import threading

import hypothesis
from hypothesis import HealthCheck, Phase, Verbosity, example, given, settings
from hypothesis.internal.conjecture import providers

# Explicit, so verdicts are the same in a terminal, in CI (where hypothesis would
# otherwise load its "ci" profile) and in a batch.
BASE_SETTINGS = settings(
    database=None,
    deadline=None,
    derandomize=False,
    print_blob=False,
    report_multiple_bugs=False,
    verbosity=Verbosity.quiet,
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
    suppress_health_check=list(HealthCheck),
)

# Hypothesis also draws literals it finds in the source of the "local" modules (outside
# site-packages) that happen to be imported. The inputs a seed gives would then depend on
# which grader modules a command imported and on whether dlgrade is a checkout or an
# installed wheel; they must depend on the seed alone. Constants cached by draws made before
# this import (a student's own hypothesis tests under `pytest --grade`) go too. (Internals of
# the pinned release: a hypothesis without them fails here, loudly, rather than grading differently.)
if not (callable(getattr(providers, "_get_local_constants", None)) and hasattr(providers, "CONSTANTS_CACHE")):
    raise ImportError(f"hypothesis {hypothesis.__version__} changed how it finds local constants: "
                      "dlgrade must be updated for it")
_NO_LOCAL_CONSTANTS = type(providers._local_constants)()
providers._get_local_constants = lambda: _NO_LOCAL_CONSTANTS
providers.CONSTANTS_CACHE.cache.clear()


# Hypothesis keeps state of its own between draws: one search at a time, whatever the threads
# (a submission's exercises may be graded by several: grader.grading).
_ONE_AT_A_TIME = threading.Lock()


def run(strategy, explicit, check, *, max_examples: int, seed: int) -> None:
    """Call `check` on each of `explicit`, then on up to `max_examples` cases drawn from
    `strategy` with `seed`; once `check` raises, shrink to a smaller failing case."""
    test = given(strategy)(check)
    for case in reversed(explicit):
        test = example(case)(test)
    test = settings(BASE_SETTINGS, max_examples=max_examples)(test)
    with _ONE_AT_A_TIME:
        hypothesis.seed(seed)(test)()
