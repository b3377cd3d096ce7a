"""The `grade` command: parse options, call the library, map its errors to exit codes.

Exit codes: 0 every graded exercise passed (with --fail-under: the score reached it);
1 graded, some did not pass (the score is below it); 2 could not grade (bad usage or
input). `grade batch`: 0 every submission graded, 1 the grading of some failed, 2 could
not run, 130 interrupted.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from pathlib import Path

import click

from grader import __version__
from grader.catalog import BY_NAME, EXERCISES, MODULE_TITLES, MODULES
from grader.errors import GraderError
from grader.grading import DEFAULT_SUBMISSION_BUDGET, usable_cores
from grader.kit import IS_KIT
from grader.sandbox.isolation import CHOICES
from grader.sandbox.limits import MIB, Limits
from grader.sandbox.runner import DEFAULT_TIMEOUT

EXIT_PASSED, EXIT_NOT_PASSED, EXIT_CANNOT_GRADE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command ended by Ctrl-C
LOG_WIDTH = 160


class CannotGrade(click.ClickException):
    """Raised to end the command with the grader's message and exit code 2."""

    exit_code = EXIT_CANNOT_GRADE


def _use_color(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _width(stream) -> int:
    """The terminal's width; logs (CI) are read in wide windows, so they get more room."""
    return shutil.get_terminal_size((100, 24)).columns if stream.isatty() else LOG_WIDTH


class _Commands(click.Group):
    """Turns a bug of the grader's own into exit code 2 and a one-line message (the traceback
    with DLGRADE_DEBUG=1), so that a crash can never pass for "graded, some failed" (1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as error:
            if os.environ.get("DLGRADE_DEBUG") == "1":
                raise
            raise CannotGrade(f"internal error in dlgrade, please report it: {type(error).__name__}: {error} "
                              "(DLGRADE_DEBUG=1 shows the traceback)") from error


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(f"{__version__}{' (student kit)' if IS_KIT else ''}", prog_name="dlgrade")
def main() -> None:
    """Grade the NumPy exercises of 'Improving Deep Neural Networks'."""


def _report_options(command):
    """PATH and where the report goes, shared by submit and experiments."""
    for option in reversed([
        click.argument("path", type=click.Path(path_type=Path)),
        click.option("--json", "json_file", metavar="FILE", help="Write the results as JSON to FILE ('-' for stdout)."),
        click.option("--html", "html_file", metavar="FILE", default="grade-report.html", show_default=True,
                     help="Write the HTML report to FILE."),
        click.option("--no-html", is_flag=True, help="Do not write the HTML report."),
    ]):
        command = option(command)
    return command


def _grading_options(command=None, *, experiments: bool = True):
    """The options that decide how each submission is graded, shared by submit, batch and
    experiments (which always runs them, so has no --experiments)."""
    if command is None:
        return lambda command: _grading_options(command, experiments=experiments)
    options = [
        click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=0, show_default=True,
                     help="Seed for the generated inputs."),
        click.option("--timeout", type=click.FloatRange(0.1, 600), default=DEFAULT_TIMEOUT, show_default=True,
                     help="Seconds one call of a student function may take."),
        click.option("--memory", type=click.IntRange(256, 1 << 20), default=Limits().memory_bytes // MIB,
                     show_default=True, metavar="MIB", help="Memory (address space) the student's code may use, in MiB."),
        click.option("--isolation", type=click.Choice(CHOICES), default="auto", show_default=True,
                     help="namespaces: run student code in a bubblewrap sandbox, or stop if there is none; "
                          "process: without one; auto: a sandbox where the machine allows it."),
        click.option("--budget", type=click.FloatRange(1, 86400), default=DEFAULT_SUBMISSION_BUDGET,
                     show_default=True, metavar="SECONDS",
                     help="Seconds a whole submission may take; exercises not reached time out."),
        click.option("--kit", is_flag=True,
                     help="Compare with the student kit's answer key instead of the reference, as a student's "
                          "grading does (the kit always does: it has no reference)."),
    ]
    if experiments:
        options.append(click.option(
            "--experiments", is_flag=True,
            help="Also train the course's models with the submission's functions, next to the reference's: "
                 "accuracy tables, cost curves and decision boundaries in the report."))
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@_report_options
@click.option("--only", multiple=True, metavar="NAME", help="Grade only this exercise (repeatable).")
@click.option("--assignment", "assignments", multiple=True, type=click.Choice(MODULES),
              help="Grade and score this assignment, whatever the submission holds (repeatable; default: the "
                   "assignments a lone notebook or file holds, else the whole course).")
@click.option("--junit", "junit_file", metavar="FILE", help="Write JUnit XML to FILE: one test case per exercise.")
@click.option("--gradescope", "gradescope_file", metavar="FILE", help="Write Gradescope's results.json to FILE.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PERCENT",
              help="Exit 1 if the score is below PERCENT of the points, else 0 (instead of 1 unless all passed).")
@_grading_options
def submit(path: Path, json_file: str | None, html_file: str, no_html: bool, only: tuple[str, ...],
           assignments: tuple[str, ...], junit_file: str | None, gradescope_file: str | None, fail_under: float | None,
           seed: int, timeout: float, memory: int, isolation: str, budget: float, kit: bool,
           experiments: bool) -> None:
    """Grade the submission at PATH: a folder with any of initialization.py,
    regularization.py, gradient_checking.py, optimization.py, or one .py file.

    In GitHub Actions, each exercise that does not pass is also an error annotation on its
    function, and a table of the results is added to the job's summary."""
    _check_names(only)
    report = _grade(path, only=only, assignments=assignments, seed=seed, timeout=timeout, memory=memory, isolation=isolation, budget=budget,
                    kit=kit, experiments=experiments, gradescope_file=gradescope_file)
    _report(report, json_file=json_file, html_file=None if no_html else html_file, junit_file=junit_file,
            gradescope_file=gradescope_file)
    if fail_under is not None:
        scored = report.score * 100 / report.max_score if report.max_score else 100.0
        sys.exit(EXIT_NOT_PASSED if scored < fail_under else EXIT_PASSED)
    sys.exit(EXIT_PASSED if report.all_passed else EXIT_NOT_PASSED)


def _check_names(only: tuple[str, ...]) -> None:
    unknown = [name for name in only if name not in BY_NAME]
    if unknown:
        raise click.BadParameter(f"unknown exercise {', '.join(unknown)}; `grade list` shows them",
                                 param_hint="--only")


def _grade(path: Path, *, only: tuple[str, ...], seed: int, timeout: float, memory: int, isolation: str,
           budget: float, kit: bool, experiments: bool, gradescope_file: str | None, assignments: tuple[str, ...] = ()):
    from grader.grading import grade_submission, lanes_for_one
    from grader.submission import find_submission

    try:
        submission = find_submission(path)
        if assignments:
            submission = dataclasses.replace(submission, assignments=tuple(m for m in MODULES if m in assignments))
        return grade_submission(submission, seed=seed, timeout=timeout, only=only,
                                limits=Limits(memory_bytes=memory * MIB), isolate=isolation, budget=budget,
                                kit=kit, experiments=experiments, lanes=lanes_for_one())
    except GraderError as error:
        if gradescope_file:  # Gradescope shows a missing results file as a failed autograder, not why
            from grader.report.gradescope import render_not_graded
            _write(Path(gradescope_file), render_not_graded(str(error)))
        raise CannotGrade(str(error)) from error


def _report(report, *, json_file: str | None, html_file: str | None, junit_file: str | None = None,
            gradescope_file: str | None = None) -> None:
    """Write the report in every form asked for, and the summary to the terminal."""
    from grader.report.html import render_html
    from grader.report.json_report import render_json
    from grader.report.terminal import render_terminal

    html_path = None
    if html_file is not None:
        html_path = Path(html_file).resolve()
        _write(html_path, render_html(report))
    summary_stream = sys.stderr if json_file == "-" else sys.stdout
    click.echo(render_terminal(report, color=_use_color(summary_stream), width=_width(summary_stream),
                               html_path=str(html_path) if html_path else None),
               file=summary_stream, color=_use_color(summary_stream))
    if json_file == "-":
        click.echo(render_json(report))
    elif json_file:
        _write(Path(json_file), render_json(report))
    _write_formats(report, junit_file, gradescope_file, stream=summary_stream)


@main.command()
@_report_options
@click.option("--only", multiple=True, metavar="NAME",
              help="Grade only this exercise and run only the experiments that use it (repeatable).")
@_grading_options(experiments=False)
def experiments(path: Path, json_file: str | None, html_file: str, no_html: bool, only: tuple[str, ...], seed: int,
                timeout: float, memory: int, isolation: str, budget: float, kit: bool) -> None:
    """Grade the submission at PATH, then run the course's experiments with its functions: the
    Initialization, Regularization and Optimization models, trained with your code and with
    the reference's. The HTML report shows the accuracies, cost curves and decision boundaries.

    Exit 0 once the submission is graded, whatever the grades (a note says so where the
    experiments could not run; `grade submit --experiments` exits as `grade submit` does);
    2 when it could not be graded."""
    _check_names(only)
    report = _grade(path, only=only, seed=seed, timeout=timeout, memory=memory, isolation=isolation, budget=budget,
                    kit=kit, experiments=True, gradescope_file=None)
    _report(report, json_file=json_file, html_file=None if no_html else html_file)
    sys.exit(EXIT_PASSED)


def _write_formats(report, junit_file: str | None, gradescope_file: str | None, stream) -> None:
    """The files CI systems and graders read, and GitHub Actions' annotations (on `stream`,
    where the summary goes: stdout may be the JSON) and job summary."""
    from grader.report import github
    from grader.report.gradescope import render_gradescope
    from grader.report.junit import render_junit

    if junit_file:
        _write(Path(junit_file), render_junit(report))
    if gradescope_file:
        _write(Path(gradescope_file), render_gradescope(report))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        click.echo(github.annotations(report, os.environ.get("GITHUB_WORKSPACE") or os.getcwd()), nl=False,
                   file=stream)
    if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        try:
            with open(summary, "a", encoding="utf-8") as file:
                file.write(github.step_summary(report))
        except OSError as error:
            raise CannotGrade(f"cannot write the job summary {summary}: {error.strerror}") from error


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(path_type=Path), metavar="OUT",
              help="Folder for grades.csv, summary.html, reports/ and (by default) the gradebook.")
@click.option("--db", "gradebook", type=click.Path(path_type=Path), metavar="FILE",
              help="The gradebook (SQLite) to use.  [default: OUT/gradebook.sqlite]")
@click.option("--jobs", type=click.IntRange(1, 1024), metavar="N",
              help="Submissions graded at once on this machine.  [default: all cores]")
@click.option("--force", is_flag=True, help="Grade every submission again, even those the gradebook has.")
@click.option("--scheduler", metavar="ADDRESS", help="Grade on a Dask cluster (tcp://host:8786) instead of here.")
@_grading_options
def batch(folder: Path, out: Path, gradebook: Path | None, jobs: int | None, force: bool, scheduler: str | None,
          seed: int, timeout: float, memory: int, isolation: str, budget: float, kit: bool,
          experiments: bool) -> None:
    """Grade a class: every entry of FOLDER (a folder or a .py file) is one student's submission.

    Only new or changed submissions are graded (the gradebook keeps the rest), so an
    interrupted batch goes on where it stopped when run again. Exit 0 when every submission
    has its grades, 1 when the grading of some failed, 130 when interrupted."""
    from grader.batch.run import interruptible, run_batch
    from grader.batch.task import Settings
    from grader.sandbox import isolation as isolation_levels

    try:
        if not scheduler:  # a cluster's workers decide for themselves
            isolation_levels.choose(isolation)
        with interruptible():
            result = run_batch(folder, out, settings=Settings(seed, timeout, memory, isolation, budget, kit,
                                                                  experiments),
                               jobs=jobs or usable_cores(), scheduler=scheduler, gradebook=gradebook,
                               force=force, progress_stream=sys.stderr, terminal=sys.stderr.isatty())
    except GraderError as error:
        raise CannotGrade(str(error)) from error
    except KeyboardInterrupt:  # before grading began or once it had ended: the gradebook is whole
        click.echo("Interrupted: run the same command again to go on.")
        sys.exit(EXIT_INTERRUPTED)
    _print_batch(result)
    if result.state == "interrupted":
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_NOT_PASSED if result.not_graded else EXIT_PASSED)


def _print_batch(result) -> None:
    graded = f"{result.graded} submission{'s' if result.graded != 1 else ''}"
    if result.state == "interrupted":
        again = "the same command without --force" if result.forced else "the same command"
        click.echo(f"Interrupted after grading {graded}: run {again} again to go on.")
    else:
        click.echo(f"Graded {graded}; {result.unchanged} unchanged since the gradebook had them.")
    for student, problem in result.not_graded:
        click.echo(f"  not graded: {student}: {problem}")
    for entry in result.skipped:
        click.echo(f"  skipped: {entry.name}: {entry.reason}")
    click.echo(f"Gradebook: {result.gradebook}\nGrades:    {result.out / 'grades.csv'}\n"
               f"Summary:   {result.out / 'summary.html'}\nReports:   {result.out / 'reports'}")


@main.command()
@click.option("--db", "gradebook", required=True, type=click.Path(path_type=Path), metavar="FILE",
              help="The gradebook of a batch.")
@click.option("--format", "form", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--output", "-o", default="-", metavar="FILE", help="Where to write it ('-' for stdout).")
def export(gradebook: Path, form: str, output: str) -> None:
    """Write the grades table of a gradebook: every student's current submission, per exercise."""
    from grader.batch.gradebook import Gradebook
    from grader.batch.tables import grades_csv, grades_json

    try:
        with Gradebook.open(gradebook, writer=False) as book:
            students = book.students()
    except GraderError as error:
        raise CannotGrade(str(error)) from error
    text = grades_csv(students) if form == "csv" else grades_json(students)
    if output == "-":
        click.echo(text, nl=False)
    else:
        _write(Path(output), text)


def _write(path: Path, text: str) -> None:
    from grader.files import write_text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text)
    except OSError as error:
        raise CannotGrade(f"cannot write {path}: {error.strerror}") from error
    except GraderError as error:
        raise CannotGrade(str(error)) from error


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--install", metavar="SPEC", required=True,
              help="What the workflows install with pip: a requirement, a wheel's URL or a git URL "
                   "(dlgrade is not on PyPI).")
@click.option("--notebooks", is_flag=True, help="Write the four exercise notebooks instead of .py stubs.")
def init(folder: Path, install: str, notebooks: bool) -> None:
    """Create a student workspace in FOLDER: the exercise stubs, a README, a GitHub Actions
    workflow that grades every push, and GitHub Classroom's autograding."""
    from grader.workspace import create_workspace

    try:
        written = create_workspace(folder, install, notebooks)
    except GraderError as error:
        raise CannotGrade(str(error)) from error
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"Workspace ready in {folder}: fill in the stubs, then `grade submit {folder}`.")


@main.group()
def kit() -> None:
    """The student kit: the grader without the reference solutions, for students and their CI."""


def _needs_reference() -> None:
    if IS_KIT:
        raise CannotGrade("this is the student kit, which has no reference solutions: "
                          "build the kit or record its answer key with the full dlgrade")


@kit.command("build")
@click.argument("out", type=click.Path(path_type=Path))
def kit_build(out: Path) -> None:
    """Write the kit's wheel into the folder OUT, with an answer key recorded from the reference.

    Students install it (`pip install dlgrade_kit-*.whl`, or its URL in `grade init --install`);
    it holds no reference solution."""
    _needs_reference()
    from grader.oracle.kit_wheel import build

    try:
        wheel = build(out)
    except OSError as error:
        raise CannotGrade(f"cannot write the kit into {out}: {error.strerror}") from error
    except GraderError as error:
        raise CannotGrade(str(error)) from error
    click.echo(f"Student kit: {wheel}")


@kit.command("record")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write both files into this folder instead of the grader's own grader/kit "
                   "(to compare a recording with the one that ships).")
def kit_record(into: Path | None) -> None:
    """Record, from the reference, the answer key that `--kit` grades with (grader/kit/answer_key.zip)
    and the reference's runs of the experiments (grader/kit/reference_runs.npz).

    Needed after a change to a rubric, the reference or the experiments; the tests check that both
    are current."""
    _needs_reference()
    from grader.experiments import recorded
    from grader.kit import answer_key
    from grader.oracle import experiments
    from grader.oracle.record import record

    key, runs_file = (answer_key.PATH, recorded.PATH) if into is None else \
        (into / answer_key.PATH.name, into / recorded.PATH.name)
    try:
        if into is not None:
            into.mkdir(parents=True, exist_ok=True)
        entries = record(key)
        runs = experiments.record(runs_file)
    except OSError as error:
        raise CannotGrade(f"cannot write {error.filename}: {error.strerror}") from error
    click.echo(f"Answer key: {key} ({sum(map(len, entries.values()))} cases of {len(entries)} exercises)")
    click.echo(f"Reference runs: {runs_file} ({len(runs)} runs)")


@main.group()
def gradescope() -> None:
    """Gradescope: the autograder an instructor uploads to an assignment."""


@gradescope.command("build")
@click.option("--out", type=click.Path(path_type=Path), default=Path("autograder.zip"), show_default=True,
              help="The zip to write (a folder: autograder.zip in it).")
@click.option("--assignment", "assignments", multiple=True, type=click.Choice(MODULES),
              help="Grade and score every submission as this assignment (repeatable; default: the assignments "
                   "each submission holds).")
def gradescope_build(out: Path, assignments: tuple[str, ...]) -> None:
    """Write the autograder.zip to upload to a Gradescope programming assignment: the student kit
    (the grader and an answer key, no reference solutions), setup.sh and run_autograder."""
    _needs_reference()
    from grader.oracle.autograder import build

    try:
        path = build(out, assignments)
    except OSError as error:
        raise CannotGrade(f"cannot write the autograder to {out}: {error.strerror}") from error
    except GraderError as error:
        raise CannotGrade(str(error)) from error
    click.echo(f"Gradescope autograder: {path} (upload it as the assignment's autograder)")


@main.command("list")
def list_exercises() -> None:
    """Show the graded exercises and their points."""
    width = max(len(exercise.name) for exercise in EXERCISES)
    module = None
    for exercise in EXERCISES:
        if exercise.module != module:
            module = exercise.module
            click.echo(f"{MODULE_TITLES[module]} ({module}.py)")
        click.echo(f"  {exercise.name:<{width}}  {exercise.points} pt")
    click.echo(f"Total: {sum(e.points for e in EXERCISES)} points")
