"""What the terminal and the HTML report show of the experiments: a row per run, in the
course's form (train and test accuracy), yours beside the reference's and the course's."""

from __future__ import annotations

import dataclasses

from grader.results import ExperimentFamily, ExperimentRun, Trained

# A gap in training accuracy, in percentage points, worth pointing out to the student.
NOTABLE_GAP = 2.0


@dataclasses.dataclass(frozen=True)
class RunRow:
    run: ExperimentRun
    yours: tuple[str, str]  # train, test: "99.3%", or "—"
    reference: tuple[str, str]
    course: tuple[str, str]
    verdict: str  # how yours compares, where it differs ("8.3 points below the reference"), else ""
    notes: tuple[str, ...]  # the stand-ins, or why yours did not run


def rows(family: ExperimentFamily) -> list[RunRow]:
    return [RunRow(run, _pair(run.student), _pair(run.reference), _course(run.course), _verdict(run), _notes(run))
            for run in family.runs]


def joined(pair: tuple[str, str]) -> str:
    """"train / test", or only the training accuracy where there is no test set."""
    return pair[0] if pair[1] == "—" else " / ".join(pair)


def percent(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def _pair(trained: Trained | None) -> tuple[str, str]:
    if trained is None:
        return "—", "—"
    return percent(trained.train_accuracy), percent(trained.test_accuracy)


def _course(course: list[float | None] | None) -> tuple[str, str]:
    """The published figures as the course prints them: 50%, 99.33%."""
    return tuple("—" if value is None else f"{round(value * 100, 2):g}%" for value in (course or [None, None]))


def _verdict(run: ExperimentRun) -> str:
    if run.student is None:
        return ""
    gap = (run.student.train_accuracy - run.reference.train_accuracy) * 100
    if abs(gap) < NOTABLE_GAP:
        return ""
    return f"{abs(gap):.1f} points {'above' if gap > 0 else 'below'} the reference"


def _notes(run: ExperimentRun) -> tuple[str, ...]:
    stand_ins = tuple(f"The reference's {name} stands in: {why}." for name, why in run.stand_ins.items())
    return stand_ins + ((run.message,) if run.message else ())
