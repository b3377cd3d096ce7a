"""What a rubric is: the inputs to try and how to judge one returned value.

A rubric reads as a declarative spec. `explicit` are hand-picked `Case`s (the arguments
of one call, plus anything the judge needs that the student never sees) that are always
tried first, because they expose a known mistake; `cases` is a hypothesis strategy of
more (in the full grader; the student kit tries recorded cases instead, as explicit
ones); `judge` turns (case, returned value) into checks.

Most rubrics judge with `Against`: compare with what the reference returns (per
`Comparing`), and tell the engine which known `Mistake`s explain a wrong answer
(`Against.explains`), so the message can name the misconception. Where the answers come from is
`Answers`: the reference itself in the full grader, the answer key in the student kit.
Stochastic functions are judged by `by_contract` instead (Principle 4).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import threading
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol, Sequence

import numpy as np

from grader import course, gradcheck
from grader.compare import Comparison, Tolerance, compare
from grader.results import ArrayDiff, Check

if TYPE_CHECKING:  # the student kit has no hypothesis, and never generates cases
    from hypothesis.strategies import SearchStrategy


@dataclasses.dataclass(frozen=True)
class Case:
    """One call of a student's function."""

    args: tuple[tuple[str, Any], ...]  # (parameter name, value), in call order
    bind: tuple[tuple[str, str], ...] = ()  # fixtures bound into the module for this call
    context: dict = dataclasses.field(default_factory=dict)  # for the judge only

    @property
    def values(self) -> list:
        return [value for _, value in self.args]

    @property
    def network(self) -> dict | None:
        """Parameter shapes that `vector_to_dictionary` rebuilds during this call."""
        return self.context.get("network")

    def arg(self, name: str):
        return dict(self.args)[name]

    def _repr_pretty_(self, printer, cycle) -> None:
        """How hypothesis describes an explicit case while it runs it: kept short, since the
        report shows inputs its own way and printing every array cost more than grading."""
        printer.text(f"Case({', '.join(name for name, _ in self.args)})")


@dataclasses.dataclass(frozen=True)
class Returned:
    """What the student's function returned, as plain data from the worker."""

    value: Any
    aliases: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass
class Judgement:
    """The checks on one returned value; expected and got are kept as values and only
    rendered as text for the one failure that is reported."""

    checks: list[Check]
    expected: Any = None
    got: Any = None
    diffs: tuple[ArrayDiff, ...] = ()
    misconception: str | None = None  # the known mistake named in the message, if any
    # The failed comparison's message, naming no mistake: one number can match a mistake by
    # coincidence, so the engine names one only once other cases confirm it (`named`).
    unnamed: str = ""

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def named(self, mistakes: Sequence[str]) -> Judgement:
        """This judgement, its message naming `mistakes` (those confirmed), or none."""
        name = ", or ".join(mistakes) or None
        message = f"Looks like {name}: {_continued(self.unnamed)}" if name else self.unnamed
        checks = [dataclasses.replace(check, message=message) if check.name == COMPARED and not check.passed
                  else check for check in self.checks]
        return dataclasses.replace(self, checks=checks, misconception=name)

    @property
    def message(self) -> str:
        return next((check.message for check in self.checks if not check.passed), "")


Judge = Callable[[Case, Returned], Judgement]
COMPARED = "matches the reference"  # the check a comparison with the reference's answer makes


class ContractExpected:
    """Stands for 'expected' where a function is graded by properties, not by a value."""

    TEXT = ("Any result with the properties listed\nunder Checks: a random function is\n"
            "graded by its contract, not against\none stream of random numbers.")


@dataclasses.dataclass(frozen=True)
class Mistake:
    """A known wrong answer: `compute` takes the call's arguments and returns what the mistake gives."""

    description: str
    compute: Callable[..., Any]


@dataclasses.dataclass(frozen=True)
class Rubric:
    """`confirming`: the cases on which a known mistake must also give the student's answers
    before it is named (None: the explicit ones); choose them so that the mistakes differ there."""

    name: str
    judge: Judge
    explicit: tuple[Case, ...] = ()
    cases: SearchStrategy | None = None  # None: only the explicit cases are tried
    max_examples: int = 10  # generated cases tried, when there are `cases`
    confirming: tuple[Case, ...] | None = None

    def __post_init__(self):
        if self.cases is None and not self.explicit:  # it would pass any function, having tried none
            raise ValueError(f"the rubric of {self.name} has no case to try")

    @property
    def confirming_cases(self) -> tuple[Case, ...]:
        return self.explicit if self.confirming is None else self.confirming


# A call binds fixtures into its module and the network's shapes into the course's: one call
# at a time, whatever the threads (a submission's exercises may be graded by several).
_ONE_CALL_AT_A_TIME = threading.RLock()


def call_with(function: Callable, case: Case):
    """Call a parent-side function (reference or mistake) the way the worker calls the student's.

    Its printing (a reference asked to print_msg) is discarded: the grader's output is the report.
    """
    with _ONE_CALL_AT_A_TIME, contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
        stack.enter_context(course.bound(function.__globals__, course.fixture_bindings(dict(case.bind))))
        if case.network is not None:
            stack.enter_context(course.network(case.network))
        return function(*case.values)


@dataclasses.dataclass(frozen=True)
class Comparing:
    """How a returned value is compared with the expected one. It needs no solution, so the
    student kit carries it; the expected values come from `Answers`.

    outputs: names of the items of a returned tuple, used in messages ("v_corrected['dW1']").
    view: maps (case, value) to what is compared, e.g. parameter updates instead of the new
        parameters, so that small mistakes are not drowned by large unchanged values.
    view_note: says what the view shows, appended to a failure message.
    older_outputs: the items the 2017-2020 version of the course returns, the first of `outputs`
        (its Adam returns (parameters, v, s)): a value of that length is compared on those.
    root: the name of a returned value that is not a tuple, used in messages ("parameters['W1']").
    extra: further checks, run when the structure is right (e.g. no shared arrays).
    numerically: the returned gradients are also checked against numerical derivatives of the
        cost, one verdict per gradient (`Answers.numeric`).
    """

    tolerance: Tolerance = Tolerance()
    outputs: Sequence[str] = ()
    older_outputs: Sequence[str] = ()
    view: Callable[[Case, Any], Any] | None = None
    view_note: str = ""
    root: str = ""
    extra: Sequence[Callable[[Case, Returned], list[Check]]] = ()
    numerically: bool = False


class Answers(Protocol):
    """What the reference says about a case: the full grader asks it (`LiveAnswers`); the
    student kit reads what it said from the answer key."""

    def expected(self, case: Case) -> Any:
        """The reference's return value."""

    def mistaken(self, case: Case) -> Iterable[tuple[str, Any]]:
        """(description, value) of each known mistake that can be computed on this case."""

    def numeric(self, case: Case) -> gradcheck.Numeric:
        """Directions and the cost's numerical derivatives along them, per gradient (`gradcheck`)."""


@dataclasses.dataclass(frozen=True)
class LiveAnswers:
    """Answers computed on demand: `reference` and the `mistakes` are called like the student's
    function; `cost(case)` is the cost whose derivatives the returned gradients must be."""

    reference: Callable
    mistakes: tuple[Mistake, ...] = ()
    cost: Callable[[Case], gradcheck.Cost] | None = None
    gradients: dict[str, str] = dataclasses.field(default_factory=dict)  # 'dW1' -> 'W1', with `cost`

    def expected(self, case: Case):
        return call_with(self.reference, case)

    def mistaken(self, case: Case):
        for mistake in self.mistakes:
            try:
                with np.errstate(all="ignore"):  # a mistake may well produce NaN; that is not ours to report
                    value = call_with(mistake.compute, case)
            except (ArithmeticError, ValueError, KeyError, IndexError, TypeError):
                continue  # this mistake cannot even be computed on this input, so it is not the one
            yield mistake.description, value

    def numeric(self, case: Case):
        return gradcheck.numeric_derivatives(self.cost(case), case.context["parameters"], self.gradients)


@dataclasses.dataclass(frozen=True)
class Against:
    """A judge: compare with what `answers` expects; and say which known mistakes give an answer."""

    answers: Answers
    comparing: Comparing

    def __call__(self, case: Case, returned: Returned) -> Judgement:
        c = self.comparing
        count = self._older_count(returned.value)
        outputs = c.outputs[:count]
        expected = self._shown(case, _first(self.answers.expected(case), count))
        got = self._shown(case, returned.value)
        comparison = _compare_outputs(expected, got, c.tolerance, outputs, c.root)
        checks, summary = [], ""
        if count is not None:
            checks.append(Check("the 2017-2020 course's form", True,
                                f"returns ({', '.join(outputs)}), as the course's notebooks of 2017-2020 ask: "
                                "compared on those"))
        if comparison.ok:
            checks.append(Check(COMPARED, True))
        else:
            summary = comparison.summary()
            viewed = c.root or (c.outputs[0] if c.outputs else "")
            if c.view_note and not comparison.problems and comparison.diffs[0].path.startswith(viewed):
                summary += f" ({c.view_note})"
            checks.append(Check(COMPARED, False, summary))
        if not comparison.problems:
            for check in c.extra:
                checks.extend(check(case, returned))
            if c.numerically:
                checks.extend(_numerical_checks(self.answers.numeric(case), case.context["parameters"], returned))
        # What was compared is what the report shows, so its values and its diffs agree.
        return Judgement(checks, expected=expected, got=got, diffs=tuple(comparison.diffs), unnamed=summary)

    def explains(self, case: Case, returned: Returned,
                 mistakes: Sequence[str] | None = None) -> dict[str, bool | None]:
        """Whether each of the known `mistakes` (None: all) gives the student's answer on `case`: True
        where it does and the reference does not, False where it does not; None where this says
        nothing (it cannot be computed here, or it gives the reference's answer, as the student does).
        Asked by the engine of the one failure it reports, never while it searches: computing every
        mistake on every failing input would slow shrinking for nothing."""
        count = self._older_count(returned.value)
        got = self._shown(case, returned.value)
        right = self._same(case, self.answers.expected(case), got, count)
        verdicts: dict[str, bool | None] = dict.fromkeys(mistakes or ())
        for description, wrong in self.answers.mistaken(case):
            if mistakes is None or description in verdicts:
                matches = self._same(case, wrong, got, count)
                verdicts[description] = None if right and matches else matches and not right
        return verdicts

    def _shown(self, case: Case, value):
        return self.comparing.view(case, value) if self.comparing.view else value

    def _older_count(self, value) -> int | None:
        """How many items the older course's form has, when `value` has that form; else None (all)."""
        older = self.comparing.older_outputs
        if older and isinstance(value, (tuple, list)) and len(value) == len(older):
            return len(older)
        return None

    def _same(self, case: Case, answer, got, count: int | None) -> bool:
        """Whether `answer` (as a function returns it) is `got` (as it is shown), within the tolerance."""
        c = self.comparing
        try:
            with np.errstate(all="ignore"):
                return _compare_outputs(self._shown(case, _first(answer, count)), got, c.tolerance,
                                        c.outputs[:count], c.root).ok
        except (ArithmeticError, ValueError, KeyError, IndexError, TypeError):
            return False


def against_reference(reference: Callable, comparing: Comparing = Comparing(), *,
                      mistakes: Iterable[Mistake] = (), cost: Callable[[Case], gradcheck.Cost] | None = None,
                      gradients: dict[str, str] | None = None) -> Judge:
    """Judge by comparison with `reference`, called on each case (see `LiveAnswers`)."""
    return Against(LiveAnswers(reference, tuple(mistakes), cost, dict(gradients or {})), comparing)


def _numerical_checks(numeric: gradcheck.Numeric, parameters: dict, returned: Returned) -> list[Check]:
    """A verdict per returned gradient of its parameter's shape; others are left to the comparison."""
    grads = returned.value
    usable = {name: grads[name] for name, values in numeric.items()
              if isinstance(grads.get(name), np.ndarray) and grads[name].shape == parameters[name[1:]].shape}
    return [Check(f"{v.name} numerically", v.passed, v.message())
            for v in gradcheck.verdicts({name: numeric[name] for name in usable}, usable)]


def _first(value, count: int | None):
    """The first `count` items of a returned tuple (None: all); anything else as it is."""
    return value[:count] if isinstance(value, tuple) and count is not None else value


def _compare_outputs(expected, got, tolerance: Tolerance, outputs: Sequence[str], root: str = "") -> Comparison:
    if not outputs or not isinstance(expected, tuple) or not isinstance(got, (tuple, list)) \
            or len(got) != len(expected):
        return compare(expected, got, tolerance, root)
    order = _returned_order(expected, got)
    if order is not None:
        wanted = ", ".join(outputs)
        return Comparison(problems=[f"the items are returned in the wrong order: return ({wanted}), "
                                    f"got ({', '.join(outputs[i] for i in order)})"])
    total = Comparison()
    for name, want, have in zip(outputs, expected, got):
        part = compare(want, have, tolerance, name)
        total.problems += part.problems
        total.diffs += part.diffs
        total.hints += part.hints
    return total


def _continued(sentence: str) -> str:
    """A sentence continued after a colon: 'The result is' -> 'the result is'; 'W1 has' stays."""
    return sentence[:1].lower() + sentence[1:] if sentence.startswith(("The ", "A ")) else sentence


def _signature(value):
    if isinstance(value, dict):
        return ("dict", tuple(sorted(value)))
    return (type(value).__name__, getattr(value, "shape", None))


def _returned_order(expected: tuple, got) -> list[int] | None:
    """If `got` holds the expected items in another order, which expected item stands at each place."""
    signatures = [_signature(item) for item in expected]
    if len(set(signatures)) < len(signatures) or [_signature(item) for item in got] == signatures:
        return None
    order = [signatures.index(_signature(item)) if _signature(item) in signatures else None for item in got]
    return order if None not in order and sorted(order) == list(range(len(order))) else None


def by_contract(*checks: Callable[[Case, Returned], Check | list[Check]]) -> Judge:
    """Judge by properties; checks run in order and stop at the first failure,
    since later properties usually assume the earlier ones (shapes before statistics)."""

    def judge(case: Case, returned: Returned) -> Judgement:
        results: list[Check] = []
        for check in checks:
            outcome = check(case, returned)
            new = outcome if isinstance(outcome, list) else [outcome]
            results.extend(new)
            if not all(c.passed for c in new):
                break
        return Judgement(results, expected=ContractExpected(), got=returned.value)

    return judge
