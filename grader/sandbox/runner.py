"""The grader's side of the sandbox: start a worker process, send it requests, outlive it.

`Worker.call_raw` returns the answer as a dict and never raises because of
anything the student's code did: a call that overruns its time is answered
`timeout` (the worker and everything it started are killed, and the next call
starts a fresh worker); an exercise process that dies is answered `crashed`
(the worker reports it, and the next call gets a new exercise process).
`Worker.call` and `Worker.inspect` are the raising layer on top.

The command line and the environment of the worker are built in one place
(`worker_command`, `worker_environment`); with `sandboxed=True` the command is
wrapped in bubblewrap (`grader.sandbox.namespaces`).
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import functools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path

import numpy as np

import grader
from grader.sandbox import namespaces, privileges, reaper, view
from grader.sandbox.pipes import DeadlinePassed, ExerciseEnded, PolledPipes, ThreadedPipes
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import (
    EXIT_BAD_CHANNEL,
    ChannelClosed,
    ProtocolError,
    Status,
    cap_texts,
    check_response,
    encode_message,
    read_message,
)

DEFAULT_TIMEOUT = 3.0
STARTUP_TIMEOUT = 30.0
# How long a worker may take to exit on its own before its group is killed.
EXIT_GRACE = 0.5
# How much of what the worker wrote to stderr before it was ready (its start-up errors) is kept.
STARTUP_LOG_CAP = 4096


class StudentCodeError(Exception):
    """Raised by `Worker.call` and `Worker.inspect` when the student's code gave no value.

    `response` is the worker's record: its `status` says why (exception,
    not_implemented, not_found, load_error, invalid_return, timeout, crashed).
    """

    def __init__(self, response: dict):
        super().__init__(_summary(response))
        self.response = response
        self.status = Status(response["status"])


class GraderBug(Exception):
    """Raised when the worker reports that the grader's own request was malformed."""


def worker_command(read_fd: int, write_fd: int, control_fd: int, settings: dict) -> list[str]:
    """The worker's command line; `settings` come from `worker_settings`.

    -s keeps user site-packages off sys.path, and `_START` the working directory (where
    a submission's files may be), as -I would; -I itself is not used because it also
    ignores the environment, and PYTHONHASHSEED in `worker_environment` has to apply.
    The environment is built from scratch, so no other PYTHON* variable can reach the worker.
    The interpreter's path is normalized: one run as `../.venv/bin/python` names a folder the
    sandbox does not show (its links are kept: a virtual environment's python is one).
    """
    return [os.path.normpath(sys.executable), "-s", "-c", _START, str(read_fd), str(write_fd), str(control_fd),
            json.dumps(settings)]


# `python -c` puts the working directory ('') first on sys.path; this drops it before anything
# is imported from it, then runs the worker as `-m` would. (Python 3.11's -P does the first
# part; the student kit runs on 3.10 too.)
_START = ("import sys; del sys.path[0]; import runpy; "
          "runpy.run_module('grader.sandbox.worker', run_name='__main__', alter_sys=True)")


def worker_settings(limits: Limits, *, user: int | None, sandboxed: bool, home: str) -> dict:
    """What the worker takes on: its limits, the user it becomes (None: stay), whether it
    is in a sandbox, and the paths its exercise processes may read and write (Landlock): the
    submission is not among them, its files reach each exercise process in the fork request."""
    return {"limits": dataclasses.asdict(limits), "user": user, "sandboxed": sandboxed,
            "readable": view.allowed_paths([grader_import_folder()]), "writable": [home]}


@functools.cache
def grader_import_folder() -> str:
    """A folder holding only a link to this grader package, for the worker's PYTHONPATH.

    The worker then runs the same grader even when it is not the interpreter's
    installed one, and nothing else that lies beside the package (a student's
    numpy.py next to a checkout, the reference) can shadow what the worker imports.
    """
    folder = tempfile.mkdtemp(prefix="dlgrade-import-")
    os.chmod(folder, 0o755)  # readable by the worker when it runs as a user of its own
    package = Path(grader.__file__).resolve().parent
    try:
        os.symlink(package, os.path.join(folder, "grader"))
    except OSError:  # Windows grants links only to administrators and developer mode: a copy then
        shutil.copytree(package, os.path.join(folder, "grader"), ignore=shutil.ignore_patterns("__pycache__"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


# What selects OpenBLAS's kernels (a machine may pin them). The worker computes with the same
# kernels as the grader, so a correct run of the student's is the recorded reference's to the bit.
BLAS_KERNELS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def worker_environment(home: str) -> dict[str, str]:
    """The worker's whole environment: nothing is inherited but PATH, the BLAS kernel choice and,
    on Windows, SYSTEMROOT, without which Python cannot start there."""
    return {
        **{name: os.environ[name] for name in (*BLAS_KERNELS, "SYSTEMROOT") if name in os.environ},
        "PATH": os.environ.get("PATH", os.defpath),
        "PYTHONPATH": grader_import_folder(),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "HOME": home,
        "TMPDIR": home,
        "TEMP": home,  # where Windows looks
        "TMP": home,
    }


# Where there is no fork (Windows), each exercise gets a worker of its own (`_OneExercise`).
FORKS = hasattr(os, "fork")

# Workers of this process still running, which reaping must spare.
_LIVE_WORKERS: set[int] = set()
# Held while a worker starts (until its pid is in _LIVE_WORKERS) and while orphans are killed, so
# that Workers driven from several threads (the experiments') never take each other's for orphans.
_WORKERS_CHANGING = threading.Lock()


def _kill_adopted_orphans() -> None:
    with _WORKERS_CHANGING:
        reaper.kill_adopted(spare=frozenset(_LIVE_WORKERS))


class _Process:
    """One running worker: its start-up log and working directory, and whether it is ready.

    In a sandbox the working directory is the sandbox's private /tmp; otherwise a
    fresh temporary folder of the grader's, removed when the worker ends.
    """

    forks = True  # a fork server, with a child per exercise; else it serves one exercise itself

    def __init__(self, sandboxed: bool):
        self.sandboxed = sandboxed
        self.home = namespaces.SCRATCH if sandboxed else tempfile.mkdtemp(prefix="dlgrade-worker-")
        # stderr until the worker is ready (then it captures its own): why a start failed
        self.startup_log = tempfile.TemporaryFile(prefix="dlgrade-worker-log-")
        self.started = time.monotonic()
        self.ready = False
        self.exercise_running = False  # the current exercise has its process (or, unforked, is served)
        self.ended = False

    def startup_errors(self) -> str:
        """The end of what the worker (or bubblewrap) wrote to stderr while starting."""
        self.startup_log.seek(0, os.SEEK_END)
        size = self.startup_log.tell()
        self.startup_log.seek(max(0, size - STARTUP_LOG_CAP))
        return self.startup_log.read().decode("utf-8", errors="replace").strip()

    def _clean_up(self) -> None:
        self.startup_log.close()
        if not self.sandboxed:
            shutil.rmtree(self.home, ignore_errors=True)


class _ForkServer(_Process):
    """A worker that forks a process per exercise, talking over three pipes passed to it."""

    def __init__(self, limits: Limits, sandboxed: bool):
        super().__init__(sandboxed)
        request_read, request_write = os.pipe()
        response_read, response_write = os.pipe()
        control_read, control_write = os.pipe()
        try:
            if sandboxed:
                trees = view.readable_trees() + [grader_import_folder()]
                command = namespaces.sandbox_prefix(
                    namespaces.bubblewrap(), scratch_bytes=limits.file_bytes, trees=trees,
                    hidden=view.hidden_trees(trees))
                user = namespaces.worker_user() if namespaces.running_as_root() else None
                command += worker_command(request_read, response_write, control_write, worker_settings(
                    limits, user=user, sandboxed=True, home=self.home))
            else:
                command = worker_command(request_read, response_write, control_write, worker_settings(
                    limits, user=None, sandboxed=False, home=self.home))
            with _WORKERS_CHANGING:  # a new worker is a child in another session: not one to reap
                self.popen = subprocess.Popen(
                    command, pass_fds=(request_read, response_write, control_write),
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.startup_log,
                    cwd="/" if sandboxed else self.home, env=worker_environment(self.home), start_new_session=True,
                )
                _LIVE_WORKERS.add(self.popen.pid)
        except BaseException:
            for fd in (request_read, request_write, response_read, response_write, control_read, control_write):
                os.close(fd)
            self._clean_up()
            raise
        for fd in (request_read, response_write, control_write):
            os.close(fd)
        self.pipes = PolledPipes(response_read, request_write, control_read)

    def end(self, grace: float) -> str:
        """Stop the worker and its process group, clean up, and say how it ended."""
        if self.ended:
            return "already ended"
        self.ended = True
        os.close(self.pipes.write_fd)  # end of file: an idle worker exits by itself
        exited = _await_exit(self.popen.pid, grace)
        # The leader is not reaped yet, so its pid (the group's id) cannot have been reused.
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        code = self.popen.wait()
        _LIVE_WORKERS.discard(self.popen.pid)
        # What left the group (a child that started its own session) was adopted by us.
        _kill_adopted_orphans()
        os.close(self.pipes.read_fd)
        os.close(self.pipes.control_fd)
        self._clean_up()
        return _how_it_ended(code, exited, self.sandboxed)


class _OneExercise(_Process):
    """A worker that serves one exercise itself, where processes cannot be forked (Windows):
    a new one per exercise, talking over its standard input and output.

    Its process is killed when the exercise ends, with its process group where there
    are groups; on Windows what it started itself may outlive it (the report says so).
    """

    forks = False

    def __init__(self, limits: Limits):
        super().__init__(sandboxed=False)
        settings = {**worker_settings(limits, user=None, sandboxed=False, home=self.home),
                    "one_exercise": True}
        try:
            with _WORKERS_CHANGING:
                self.popen = subprocess.Popen(
                    worker_command(0, 1, -1, settings), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    stderr=self.startup_log, bufsize=0, cwd=self.home, env=worker_environment(self.home),
                    **_GROUP_OF_ITS_OWN)
                _LIVE_WORKERS.add(self.popen.pid)
        except BaseException:
            self._clean_up()
            raise
        self.pipes = ThreadedPipes(self.popen.stdin, self.popen.stdout)

    def end(self, grace: float) -> str:
        """Let the worker exit on end of file within `grace`, else kill it; clean up; say how it ended."""
        if self.ended:
            return "already ended"
        self.ended = True
        if grace > 0:  # no request is being written: the last one was answered
            with contextlib.suppress(OSError):
                self.popen.stdin.close()
        exited = _exits_within(self.popen, grace)
        if hasattr(os, "killpg"):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.popen.pid, signal.SIGKILL)
        else:
            self.popen.kill()
        code = self.popen.wait()
        _LIVE_WORKERS.discard(self.popen.pid)
        _kill_adopted_orphans()
        for stream in (self.popen.stdin, self.popen.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        self._clean_up()
        return _how_it_ended(code, exited, sandboxed=False)


# A worker's process group is its own, so that ending it ends what it started.
_GROUP_OF_ITS_OWN = ({"start_new_session": True} if os.name == "posix"
                     else {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)})


def _how_it_ended(code: int, exited: bool, sandboxed: bool) -> str:
    """How a worker ended, from its exit code and whether it exited before it was killed."""
    if not exited and (os.name != "posix" or code == -signal.SIGKILL):  # Windows: killed with exit code 1
        return "did not exit and was killed"
    if sandboxed and code - 128 in signal.valid_signals():  # bwrap exits with 128 + the signal
        code = -(code - 128)
    if code < 0:
        return f"was killed by signal {reaper.signal_name(-code)}"
    if code == EXIT_BAD_CHANNEL:
        return "could not decode the grader's request"
    return f"exited with code {code}"


def _exits_within(popen: subprocess.Popen, timeout: float) -> bool:
    """Whether a worker exits within `timeout`; where there are groups, without reaping it,
    so that its pid (its group's id) stays its own until the group is killed."""
    if hasattr(os, "waitid"):
        return _await_exit(popen.pid, timeout)
    try:
        popen.wait(timeout)
    except subprocess.TimeoutExpired:
        return False
    return True


# Frames that are not the answer (forged by student code, or left over from one it forged)
# are skipped, up to this many per call.
MAX_STRAY_FRAMES = 64


# Waits for the worker's report that the exercise process ended: no answer carries this nonce.
_ONLY_THE_END = object()


def _answer(pipes: PolledPipes | ThreadedPipes, nonce) -> dict:
    """The next frame that answers the request carrying `nonce`; ExerciseEnded if, before
    it, the worker reports on its control pipe that the exercise process ended.

    Student code can write frames into the answer pipe; it cannot know the
    nonce of a request not yet sent, so what it forged ahead is skipped here.
    """
    for _ in range(MAX_STRAY_FRAMES):
        response = read_message(pipes)
        if type(response) is dict and type(response.get("nonce")) is int and response["nonce"] == nonce:
            del response["nonce"]
            return response
    raise ProtocolError(f"no answer among {MAX_STRAY_FRAMES} frames from the worker")


def _await_exit(pid: int, timeout: float) -> bool:
    """Wait up to `timeout` for a child to exit, without reaping it; True if it did."""
    if not hasattr(os, "waitid"):  # reaping here would free the group's id before killpg
        time.sleep(min(timeout, 0.05))
        return False
    deadline = time.monotonic() + timeout
    while True:
        try:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
        except ChildProcessError:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.002)


class Worker:
    """A worker (a fork server for exercise processes; without fork, a process per exercise),
    restarted whenever a call times out or it dies.

    Use it as a context manager, or call `close()`. `start()` spawns the process
    without waiting, so its imports overlap with the caller's; the first request
    waits for it (up to `startup_timeout`, not counted in the call's timeout).
    """

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, startup_timeout: float = STARTUP_TIMEOUT,
                 limits: Limits = Limits(), *, sandboxed: bool = False, files: tuple[str, ...] = (),
                 forks: bool = FORKS):
        self.timeout = timeout
        self.limits = limits
        self.startup_timeout = startup_timeout
        self.sandboxed = sandboxed                 # inside bubblewrap, which must be available
        self.files = files                         # the submission's, sent to each exercise process
        self.forks = forks                         # False: a new worker per exercise (no fork here)
        self.info: dict | None = None              # the latest worker's ready message
        self._process: _Process | None = None
        self._finalizer = None

    def __enter__(self) -> Worker:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Spawn a worker unless one is running; returns at once.

        The calling process becomes a subreaper and non-dumpable for good
        (`privileges.shield_grader`): whoever runs student code needs both.
        """
        if self._process is None:
            reaper.become_subreaper()
            privileges.shield_grader()
            self._process = (_ForkServer(self.limits, self.sandboxed) if self.forks
                             else _OneExercise(self.limits))
            # A worker never outlives its Worker, even one that is never closed.
            self._finalizer = weakref.finalize(self, self._process.end, 0.0)

    @property
    def files(self) -> tuple[str, ...]:
        return self._files

    @files.setter
    def files(self, files) -> None:
        """The submission's files, read when the next exercise starts; a worker may be given
        another submission's once its exercise has ended (the grader reads them, and each
        exercise process gets them in its fork request, so no worker is bound to a submission)."""
        self._files = tuple(os.fspath(file) for file in files)
        self._sources: dict | None = None

    def _read_sources(self) -> dict:
        """Each file's bytes as a uint8 array (the protocol's cheapest form), or why it cannot be read."""
        if self._sources is None:
            self._sources = {}
            for file in self._files:
                try:
                    self._sources[file] = np.frombuffer(Path(file).read_bytes(), dtype=np.uint8)
                except OSError as error:
                    self._sources[file] = error.strerror or type(error).__name__
        return self._sources

    def close(self) -> None:
        """End the worker: close its pipe, let it exit briefly, then kill its group."""
        self._discard(EXIT_GRACE)

    def _discard(self, grace: float) -> str:
        process, self._process = self._process, None
        if process is None:
            return "no worker"
        self._finalizer.detach()
        return process.end(grace)

    def fresh(self) -> None:
        """Make the next request go to a new exercise process; the current one ends.

        The worker forks a process per exercise, so nothing one exercise's code
        leaves behind (threads, patched modules, processes, open files) reaches
        the next one. A worker that does not take part is replaced, and so is one
        that served the exercise itself (`forks` False).
        """
        process = self._process
        if process is None or not process.ready or not process.exercise_running:
            return
        if not process.forks:
            self._discard(EXIT_GRACE)
            return
        nonce = secrets.randbits(62)
        process.pipes.deadline = time.monotonic() + EXIT_GRACE * 4
        try:
            process.pipes.send(encode_message({"op": "end", "nonce": nonce}))
            _answer(process.pipes, nonce)        # its goodbye
            _answer(process.pipes, _ONLY_THE_END)
        except ExerciseEnded:
            self._exercise_ended(process)
        except (DeadlinePassed, ChannelClosed, ProtocolError, OSError):
            self._discard(0.0)

    def _exercise_ended(self, process: _Process) -> None:
        process.exercise_running = False
        if not self.sandboxed:  # in the sandbox, the worker itself kills every leftover
            _kill_adopted_orphans()
        process.pipes.discard_answers()  # whatever the exercise's processes left there

    def call_raw(self, request: dict, timeout: float | None = None) -> dict:
        """Send one request; return the worker's response, or a synthesised timeout/crashed record.

        Raises ProtocolError only if the request itself cannot be encoded, a
        grader bug; nothing the student's code does makes it raise.
        """
        timeout = self.timeout if timeout is None else timeout
        nonce = secrets.randbits(62)
        parts = encode_message({**request, "nonce": nonce})
        problem = self._ensure_exercise()
        if problem is not None:
            return {"status": Status.CRASHED.value, "detail": problem, "stdout": "", "seconds": 0.0}
        process = self._process
        pipes = process.pipes
        start = time.monotonic()
        pipes.deadline = start + timeout
        try:
            pipes.send(parts)
            response = _answer(pipes, nonce)
            check_response(response, request.get("op"))
            cap_texts(response)
        except ExerciseEnded as ended:
            self._exercise_ended(process)
            return {"status": Status.CRASHED.value, "detail": f"the worker {ended.how}", "stdout": "",
                    "seconds": time.monotonic() - start}
        except DeadlinePassed:
            self._discard(0.0)
            return {"status": Status.TIMEOUT.value, "detail": f"no answer within {timeout:g} s",
                    "stdout": "", "seconds": time.monotonic() - start}
        except (ChannelClosed, ProtocolError, OSError) as exc:
            how = self._discard(EXIT_GRACE)
            detail = f"the worker {how}" + (f" after a protocol error: {exc}" if isinstance(exc, ProtocolError) else "")
            return {"status": Status.CRASHED.value, "detail": detail, "stdout": "", "seconds": time.monotonic() - start}
        return response

    def _ensure_exercise(self) -> str | None:
        """Have the worker fork the process for the current exercise, unless it is running;
        a description of any failure."""
        problem = self._ensure_ready()
        if problem is not None or self._process.exercise_running:
            return problem
        process = self._process
        nonce = secrets.randbits(62)
        process.pipes.deadline = time.monotonic() + self.startup_timeout
        try:
            process.pipes.send(encode_message({"op": "fork", "nonce": nonce, "sources": self._read_sources()}))
            hello = _answer(process.pipes, nonce)
            check_response(hello, "fork")
        except ExerciseEnded as ended:
            self._exercise_ended(process)
            return f"the worker could not start the exercise: it {ended.how}"
        except (DeadlinePassed, ChannelClosed, ProtocolError, OSError) as exc:
            return f"the worker could not start the exercise: it {self._discard(0.0)} ({type(exc).__name__})"
        self.info = {**self.info, **{key: hello[key] for key in ("pid", "seccomp", "capabilities", "landlock")}}
        process.exercise_running = True
        return None

    def _ensure_ready(self) -> str | None:
        """Start a worker if needed and wait for its ready message; a description of any failure."""
        self.start()
        process = self._process
        if process.ready:
            return None
        process.pipes.deadline = process.started + self.startup_timeout
        try:
            self.info = read_message(process.pipes)
        except DeadlinePassed:
            errors = process.startup_errors()
            self._discard(0.0)
            return f"the worker did not start within {self.startup_timeout:g} s" + _quoted(errors)
        except (ChannelClosed, ProtocolError, OSError):
            errors = process.startup_errors()
            return f"the worker did not start: it {self._discard(EXIT_GRACE)}" + _quoted(errors)
        process.ready = True
        return None

    def inspect(self, file: str, module: str, names: list[str]) -> dict[str, int | None]:
        """Which of `names` the submission defines as callables, with the line of each def.

        Names bound to something callable but not defined in the file (a course
        helper, an import) map to None; absent names are left out.
        """
        request = {"op": "inspect", "file": os.fspath(file), "module": module, "names": list(names)}
        return self._checked(self.call_raw(request))["functions"]

    def call(self, file: str, module: str, function: str, args=(), kwargs=None, *,
             bind: dict[str, str] | None = None, network: dict | None = None,
             timeout: float | None = None) -> dict:
        """Call a student function; the ok record (value, aliases, stdout, seconds), else raise."""
        request = {
            "op": "call", "file": os.fspath(file), "module": module, "function": function,
            "args": list(args), "kwargs": dict(kwargs or {}), "bind": dict(bind or {}),
            "network": None if network is None else {name: list(shape) for name, shape in network.items()},
        }
        return self._checked(self.call_raw(request, timeout))

    @staticmethod
    def _checked(response: dict) -> dict:
        if response["status"] == Status.OK:
            return response
        if response["status"] == Status.BAD_REQUEST:
            raise GraderBug(response.get("message", "the worker rejected a request"))
        raise StudentCodeError(response)


def _quoted(errors: str) -> str:
    return f"; its errors:\n{errors}" if errors else ""


def _summary(response: dict) -> str:
    status = response["status"]
    error = response.get("error")
    if error:
        where = f" ({error['file']}, line {error['line']})" if error.get("line") else ""
        return f"{status}: {error['type']}: {error['message']}{where}"
    return f"{status}: {response.get('message') or response.get('detail') or ''}".rstrip(": ")
