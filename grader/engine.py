"""Grade one exercise: cases drive calls into the worker; the rubric judges.

The student's function runs only in the worker. Each case is sent as plain data, the
plain data that comes back is judged here, and a judged failure is raised. Where the
rubric generates cases, hypothesis draws them (grader.search) and shrinks a failure to a
minimal example; where it has explicit cases only (the student kit's recorded ones), they
are tried in order and the first failure stands. Outcomes that make more calls pointless
(a timeout, a crash, a stub not attempted) raise `_Abort`, a BaseException, which
hypothesis lets through at once instead of shrinking. Once the failure to report is found,
the known mistakes that explain it are looked for, and named only where the rubric's
confirming cases agree (`_confirmed`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
import zlib
from typing import Callable

from grader.results import Check, ExerciseResult, Failure, Status
from grader.rubrics.base import Case, ContractExpected, Judgement, Returned, Rubric
from grader.sandbox.protocol import encode_message
from grader.views import input_views, render_value

# Shrinking stops after this many calls past the first failure: a count, not a time, so
# the same seed gives the same report on a fast or a slow machine.
SHRINK_CALLS = 300
# A safety stop for slow student code; the report says when it cut shrinking short.
SHRINK_SAFETY_SECONDS = 20.0
ABORTING = {"timeout", "crashed", "not_implemented", "not_found", "load_error", "bad_request"}

Call = Callable[[Case], dict]


class _Abort(BaseException):
    """Stops hypothesis at once: more calls cannot change the verdict."""


class _Failed(Exception):
    """A case the student's function got wrong; hypothesis shrinks these."""


@dataclasses.dataclass
class _Run:
    examples: int = 0
    case: Case | None = None  # the latest failing case; after shrinking, the minimal one
    response: dict | None = None
    judgement: Judgement | None = None
    calls_since_failure: int = 0
    first_failure_at: float = 0.0
    cut_short: str = ""  # why shrinking stopped before it was done, if it did
    passed_checks: dict[str, None] = dataclasses.field(default_factory=dict)  # names, in order
    responses: dict[int, dict] = dataclasses.field(default_factory=dict)  # id of a confirming case -> its response


def exercise_seed(seed: int, name: str) -> int:
    """Each exercise gets its own stream, stable across runs and independent of order."""
    return zlib.crc32(f"{seed}:{name}".encode())


def grade(rubric: Rubric, call: Call, *, seed: int, module: str, points: float,
          then: Callable[[], Rubric] | None = None) -> ExerciseResult:
    """`then`: where `rubric` is the exercise's case plan for `seed` (grader.plans), a function
    making the exercise's own rubric, called only if a planned case fails: the function is then
    graded by it from the start, and its calls on the cases the plan tried are answered by what
    it answered then (`_replaying`). A function that passes the plan has passed."""
    started = time.monotonic()
    if then is None:
        return _finished(rubric, _search(rubric, call, seed), call, module, points, started)
    answered: list[tuple[Case, dict]] = []
    run = _search(rubric, _remembering(call, answered), seed)
    if run.case is None:
        return _finished(rubric, run, call, module, points, started)
    call, rubric = _replaying(call, answered), then()
    return _finished(rubric, _search(rubric, call, seed), call, module, points, started)


def _finished(rubric: Rubric, run: _Run, call: Call, module: str, points: float, started: float) -> ExerciseResult:
    if run.judgement is not None and run.judgement.unnamed and hasattr(rubric.judge, "explains"):
        run.judgement = _confirmed(rubric, call, run)
    result = _result(rubric, run, module=module, points=points)
    result.seconds = time.monotonic() - started
    return result


def _search(rubric: Rubric, call: Call, seed: int) -> _Run:
    """Try the rubric's cases until one fails, then shrink it (where they are generated)."""
    run = _Run()
    confirming = {id(case) for case in rubric.confirming_cases}

    def record_failure(case, response, judgement=None):
        if run.case is None:
            run.first_failure_at = time.monotonic()
        run.case, run.response, run.judgement = case, response, judgement

    def check(case: Case) -> None:
        if run.case is not None:
            run.calls_since_failure += 1
            if time.monotonic() - run.first_failure_at > SHRINK_SAFETY_SECONDS:
                run.cut_short = f"after {SHRINK_SAFETY_SECONDS:.0f} s"
                raise _Abort()
            if run.calls_since_failure > SHRINK_CALLS:
                raise _Abort()  # report the smallest failure found so far
        response = call(case)
        if id(case) in confirming:
            run.responses[id(case)] = response
        status = response["status"]
        if response.get("over_budget") and run.case is not None:
            # The time ran out while shrinking: the failure found stands, on a larger input.
            run.cut_short = "when the exercise's time budget ran out"
            raise _Abort()
        run.examples += 1
        if status in ABORTING:
            record_failure(case, response)
            raise _Abort()
        if status != "ok":
            record_failure(case, response)
            raise _Failed()
        try:
            judgement = rubric.judge(case, _returned(response))
        except Exception as error:  # a grader bug must cost one exercise, never the report
            record_failure(case, {"status": "grader_error", "detail": f"{type(error).__name__}: {error}",
                                  "stdout": response.get("stdout", "")})
            raise _Abort() from error
        if not judgement.passed:
            record_failure(case, response, judgement)
            raise _Failed()
        run.passed_checks.update(dict.fromkeys(check.name for check in judgement.checks))

    try:
        if rubric.cases is None:
            for case in rubric.explicit:
                check(case)
        else:
            from grader import search  # the full grader's: the kit has no hypothesis
            search.run(rubric.cases, rubric.explicit, check, max_examples=rubric.max_examples,
                       seed=exercise_seed(seed, rubric.name))
    except (_Abort, Exception):
        if run.case is None:
            raise
    return run


def _remembering(call: Call, answered: list[tuple[Case, dict]]) -> Call:
    """`call`, keeping each case the student's function answered, with its answer."""
    def remembered(case: Case) -> dict:
        response = call(case)
        if not response.get("over_budget"):  # not an answer: no call was made
            answered.append((case, response))
        return response
    return remembered


def _replaying(call: Call, answered: list[tuple[Case, dict]]) -> Call:
    """`call`, answering a case already answered as it was answered (matched by `_fingerprint`,
    worked out only now: most functions pass their plan): the function's process has seen those
    calls once, as it would have without a plan, and a slow one is not waited for twice."""
    kept = {_fingerprint(case): response for case, response in answered}

    def replayed(case: Case) -> dict:
        return kept.pop(_fingerprint(case), None) or call(case)
    return replayed


def _fingerprint(case: Case) -> bytes:
    """What the worker is sent for `case`, hashed: a generated case and its copy read from a plan
    give the same."""
    digest = hashlib.sha256()
    for part in encode_message({"args": case.values, "bind": dict(case.bind), "network": case.network}):
        digest.update(part)
    return digest.digest()


def _confirmed(rubric: Rubric, call: Call, run: _Run) -> Judgement:
    """The failure's judgement, naming the known mistakes that give the student's answer on the
    failing case and on the rubric's confirming cases too, on one of those at least where the
    reference's answer differs. A mistake that matched one number by coincidence would send the
    student to fix what is not broken."""
    verdicts = _explained(rubric, run.case, run.response)
    seen = {mistake: False for mistake, verdict in (verdicts or {}).items() if verdict}  # -> seen confirmed
    for case in rubric.confirming_cases:
        if not seen:
            break
        if case is run.case:
            continue
        response = run.responses.get(id(case)) or call(case)
        verdicts = _explained(rubric, case, response, tuple(seen))
        if verdicts is None:
            return run.judgement.named(())
        for mistake, verdict in verdicts.items():
            if verdict is False:
                del seen[mistake]
            elif verdict:
                seen[mistake] = True
    return run.judgement.named([mistake for mistake, confirmed in seen.items() if confirmed])


def _explained(rubric: Rubric, case: Case, response: dict, mistakes: tuple[str, ...] | None = None):
    """The judge's `explains` on one response; None where it cannot say: the call did not return
    (what the mistakes give cannot be compared) or the judge failed (a grader bug costs the
    name, never the verdict)."""
    if response["status"] != "ok" or response.get("over_budget"):
        return None
    try:
        return rubric.judge.explains(case, _returned(response), mistakes)
    except Exception:  # noqa: BLE001
        return None


def _returned(response: dict) -> Returned:
    return Returned(response["value"], tuple(map(tuple, response.get("aliases", ()))))


def _result(rubric: Rubric, run: _Run, *, module: str, points: float) -> ExerciseResult:
    base = dict(name=rubric.name, module=module, max_score=points, examples=run.examples)
    if run.case is None:
        checks = [Check(name, True, f"held on all {run.examples} inputs") for name in run.passed_checks]
        return ExerciseResult(status=Status.PASSED, score=points, message="", checks=checks, **base)
    response = run.response
    status, message, traceback = _describe(response, run.judgement)
    if run.cut_short:
        message += f" (shrinking stopped {run.cut_short}: the input shown may not be minimal)"
    judgement = run.judgement
    failure = Failure(
        inputs=input_views(run.case.args, run.case.bind),
        expected=_text(judgement.expected) if judgement else None,
        got=render_value(judgement.got) if judgement else None,
        diffs=judgement.diffs if judgement else (),
    )
    checks = judgement.checks if judgement else [Check("runs", False, message)]
    return ExerciseResult(status=status, score=0.0, message=message, checks=checks,
                          failure=failure, stdout=response.get("stdout", ""), traceback=traceback,
                          misconception=judgement.misconception if judgement else None, **base)


def _text(expected) -> str:
    return expected.TEXT if isinstance(expected, ContractExpected) else render_value(expected)


def _describe(response: dict, judgement: Judgement | None) -> tuple[Status, str, str | None]:
    status = response["status"]
    error = response.get("error") or {}
    if status == "ok":
        return Status.FAILED, judgement.message, None
    if status == "not_implemented":
        return Status.MISSING, "Not attempted: the function still raises NotImplementedError", None
    if status == "not_found":
        return Status.MISSING, "The function is not defined in the submission", None
    if status == "timeout":
        return Status.TIMEOUT, response.get("message") or f"Did not return within {response.get('timeout', '?')} s", None
    if status == "crashed":
        return Status.ERROR, f"The process running the submission died ({response.get('detail', 'no detail')})", None
    if status in ("grader_error", "bad_request"):
        return Status.ERROR, ("The grader could not judge this exercise; this is a bug in the grader, "
                              f"not in your code ({response.get('detail') or response.get('message', '')})"), None
    if status == "invalid_return":
        return Status.FAILED, f"Returned a value the grader cannot read: {response.get('message', '')}", None
    where = f" (line {error['line']})" if error.get("line") else ""
    return Status.ERROR, f"Raised {error.get('type', 'an exception')}: {error.get('message', '')}{where}", \
        error.get("traceback")
