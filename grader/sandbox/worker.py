"""The worker: `python -m grader.sandbox.worker READ_FD WRITE_FD CONTROL_FD SETTINGS`.

It is a fork server (`main`): it never runs student code itself, and for each
exercise the grader asks for (`fork`) it starts a child that does
(`serve_exercise`). The child reads requests from READ_FD and answers on
WRITE_FD, one message each, until the grader sends `end`: it loads submission
modules, calls the function it is asked for with the arguments it is sent, and
returns plain data; it judges nothing (the verdict comes from the parent,
Principle 1). Student code sees the course helpers as globals, a stand-in for the
course's utility modules, and no `reference` package. Its output is captured per
call, both what Python prints and what reaches file descriptors 1 and 2
(os.write, C code, child processes), and nothing it does reaches the protocol
pipes through stdout or stdin.

The worker takes on, before its first request: the user it is told to become
(a user of its own, when a sandbox started it as root; otherwise a root worker drops its
capabilities), resource limits and the import rules; each child, before it
answers: a process group of its own, Landlock, then the seccomp filter. When a
child ends, the worker kills what it left and empties the working directory.

Only the standard library, numpy, grader.course and the protocol are imported
here, so that the worker is ready in about the time numpy takes to import.
"""
from __future__ import annotations

import codecs
import contextlib
import gc
import io
import json
import linecache
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
import types
from importlib.machinery import ModuleSpec

import numpy as np

from grader.course import COURSE_MODULE_NAMES, HELPERS, bound, fixture_bindings, network
from grader.sandbox import landlock, privileges, reaper, seccomp
from grader.sandbox.clib import c_function
from grader.sandbox.limits import Limits
from grader.sandbox.plain import InvalidReturn, describe, to_plain
from grader.sandbox.protocol import (
    EXIT_BAD_CHANNEL,
    STDOUT_CAP,
    TRACEBACK_CAP,
    TRUNCATED,
    ChannelClosed,
    ProtocolError,
    Status,
    encode_message,
    read_message,
)
from grader.sandbox.view import SOLUTIONS

_NUMPY_ERRORS = np.geterr()


# ---------------------------------------------------------------- imports seen by student code

class _Unavailable:
    """Stands for a course utility the grader does not provide, e.g. reg_utils.load_2D_dataset."""

    def __init__(self, name: str, module: str):
        self.name, self.module = name, module

    def __call__(self, *args, **kwargs):
        raise RuntimeError(f"{self.name} from {self.module} is not available inside the grader")

    def __repr__(self):
        return f"<{self.module}.{self.name}: not available inside the grader>"


class _CourseModuleLoader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__dict__.update(HELPERS)
        name = module.__name__

        def __getattr__(attribute):
            if attribute.startswith("__") and attribute.endswith("__"):
                raise AttributeError(attribute)
            return _Unavailable(attribute, name)

        module.__getattr__ = __getattr__


class _CourseImports:
    """Meta-path finder: the course's utility modules resolve to the helpers; the solutions to nothing."""

    def find_spec(self, fullname, path=None, target=None):
        if any(fullname == name or fullname.startswith(name + ".") for name in SOLUTIONS):
            raise ModuleNotFoundError(
                f"No module named {fullname!r}: the reference solutions are not available inside the grader",
                name=fullname)
        if fullname in COURSE_MODULE_NAMES:
            return ModuleSpec(fullname, _CourseModuleLoader())
        return None


# Libraries the notebooks import for plots and data only. Where one is not installed, pasted
# notebook code still loads: it gets an inert stand-in (plotting has no part in a grade).
NOTEBOOK_ONLY_LIBRARIES = ("matplotlib", "sklearn", "scipy", "h5py", "PIL", "IPython", "seaborn")


class _Inert:
    """Absorbs whatever notebook code does with a plotting or data library: calls,
    attributes, items (plt.rcParams['figure.figsize'] = ...), all without effect."""

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __getitem__(self, key):
        return self

    def __setitem__(self, key, value):
        pass

    def __iter__(self):
        return iter(())


class _InertLoader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        def __getattr__(attribute):
            if attribute.startswith("__"):
                raise AttributeError(attribute)
            return _Inert()

        module.__getattr__ = __getattr__


class _NotebookOnlyImports:
    """Meta-path finder of last resort for NOTEBOOK_ONLY_LIBRARIES (a real install wins)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in NOTEBOOK_ONLY_LIBRARIES:
            return ModuleSpec(fullname, _InertLoader(), is_package=True)
        return None


# NumPy 1.x names that newer NumPy removed and course-era code still uses.
_REMOVED_NUMPY_ALIASES = {"int": int, "float": float, "bool": bool, "object": object, "str": str,
                          "complex": complex, "long": int, "unicode": str, "asscalar": lambda a: a.item()}


def restore_removed_numpy_aliases() -> None:
    for name, value in _REMOVED_NUMPY_ALIASES.items():
        if name not in np.__dict__:
            setattr(np, name, value)


def install_import_rules() -> None:
    sys.meta_path.insert(0, _CourseImports())
    sys.meta_path.append(_NotebookOnlyImports())


# ---------------------------------------------------------------- captured output

class _CappedText(io.TextIOBase):
    """A text stream that keeps the first `cap` characters written to it."""

    def __init__(self, cap: int = STDOUT_CAP):
        self._chunks: list[str] = []
        self._room = cap
        self._truncated = False

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if len(text) > self._room:
            self._truncated = True
        if self._room:
            self._chunks.append(text[:self._room])
            self._room -= len(self._chunks[-1])
        return len(text)

    def getvalue(self) -> str:
        return "".join(self._chunks) + (TRUNCATED if self._truncated else "")


class _DescriptorOutput:
    """What student code writes to file descriptors 1 and 2, kept in a file of the worker's own.

    The file is emptied before each call and read back, capped, after it; a
    flood is bounded by the file-size limit (writes past it fail with EFBIG).
    """

    def __init__(self, cap: int = STDOUT_CAP):
        self._cap = cap
        self._file = tempfile.TemporaryFile(prefix="output-")
        self._flush_c_streams = c_function("fflush", use_errno=False)

    def attach(self) -> None:
        """Lead descriptors 1 and 2 here, in the process that runs student code."""
        for fd in (1, 2):
            os.dup2(self._file.fileno(), fd)

    def clear(self) -> None:
        for fd in (1, 2):  # again: student code may have closed or redirected them
            os.dup2(self._file.fileno(), fd)
        os.ftruncate(self._file.fileno(), 0)
        os.lseek(self._file.fileno(), 0, os.SEEK_SET)

    def collect(self) -> str:
        for stream in (sys.__stdout__, sys.__stderr__):  # Python's own buffers on descriptors 1 and 2
            try:
                stream.flush()
            except Exception:  # closed or replaced by student code
                pass
        if self._flush_c_streams is not None:
            self._flush_c_streams(None)  # what C code printed but its stdio still buffers
        size = os.fstat(self._file.fileno()).st_size
        data = os.pread(self._file.fileno(), min(size, self._cap), 0)
        text = data.decode("utf-8", errors="replace")
        return text + (TRUNCATED if size > self._cap else "")


# Set by main(): where file descriptors 1 and 2 lead while student code runs.
_descriptor_output: _DescriptorOutput | None = None


@contextlib.contextmanager
def _student_context(output: _CappedText):
    """Capture Python-level and descriptor-level output into `output`; give an empty stdin;
    undo process-wide settings student code may change."""
    saved = sys.stdin, sys.stdout, sys.stderr, sys.getrecursionlimit()
    # A fresh empty stdin each time: the builtin exit() closes sys.stdin.
    sys.stdin = io.StringIO()
    sys.stdout = sys.stderr = output
    if _descriptor_output is not None:
        _descriptor_output.clear()
    try:
        with np.errstate(**_NUMPY_ERRORS):
            yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved[:3]
        sys.setrecursionlimit(saved[3])
        if _descriptor_output is not None:
            output.write(_descriptor_output.collect())


# ---------------------------------------------------------------- errors

def _safe_str(obj) -> str:
    try:
        return str(obj)
    except Exception:
        return f"<unprintable {type(obj).__name__}>"


def _cap(text: str, cap: int = TRACEBACK_CAP) -> str:
    return text if len(text) <= cap else text[:cap] + TRUNCATED


def error_info(exc: BaseException, file: str) -> dict:
    """Describe an exception, its traceback trimmed to frames in the student's file."""
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == file]
    line = frames[-1].lineno if frames else None
    if isinstance(exc, SyntaxError) and exc.filename == file:
        line = exc.lineno
    text = "".join(traceback.format_exception_only(type(exc), exc))
    if frames:
        text = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames)) + text
    # The file's own name, not where the grader put it: the same text wherever it is graded from.
    text = text.replace(f'File "{file}"', f'File "{os.path.basename(file)}"')
    return {
        "type": type(exc).__name__, "message": _cap(_safe_str(exc)), "line": line,
        "file": os.path.basename(file), "traceback": _cap(text),
    }


# ---------------------------------------------------------------- requests

class _BadRequest(Exception):
    """Raised when the grader's request is malformed: a grader bug, reported as bad_request."""


class _Loaded:
    def __init__(self, module: types.ModuleType | None, stdout: str, error: dict | None = None):
        self.module, self.stdout, self.error = module, stdout, error


class Server:
    """Answers requests; keeps each loaded submission module for the exercise's lifetime.

    `sources` maps the path of each submission file to its bytes (a uint8 array), or to why the
    grader could not read it: student code never reads the submission from disk, so that a worker
    may serve one submission after another (`_sources`)."""

    def __init__(self, sources: dict | None = None):
        self._modules: dict[tuple[str, str], _Loaded] = {}
        self._sources = sources or {}

    def handle(self, request) -> dict:
        try:
            if type(request) is not dict:
                raise _BadRequest("a request must be a dict")
            op = request.get("op")
            if op == "inspect":
                return self._inspect(request)
            if op == "call":
                return self._call(request)
            if op == "train":
                return self._train(request)
            raise _BadRequest(f"unknown op {op!r}")
        except _BadRequest as exc:
            return {"status": Status.BAD_REQUEST, "message": str(exc), "stdout": "", "seconds": 0.0}

    def _inspect(self, request) -> dict:
        file, module = _field(request, "file", str), _field(request, "module", str)
        names = _field(request, "names", list)
        if not all(type(name) is str for name in names):
            raise _BadRequest("request field 'names' must be a list of str")
        loaded = self._load(file, module)
        if loaded.error is not None:
            return {"status": Status.LOAD_ERROR, "error": loaded.error, "stdout": loaded.stdout}
        namespace = loaded.module.__dict__
        functions = {}
        for name in names:
            obj = namespace.get(name)
            if callable(obj) and not isinstance(obj, _Unavailable):
                code = getattr(obj, "__code__", None)
                defined_here = isinstance(code, types.CodeType) and code.co_filename == file
                functions[name] = code.co_firstlineno if defined_here else None
        return {"status": Status.OK, "functions": functions, "stdout": loaded.stdout}

    def _call(self, request) -> dict:
        file, module = _field(request, "file", str), _field(request, "module", str)
        name = _field(request, "function", str)
        args, kwargs = _field(request, "args", list), _field(request, "kwargs", dict)
        try:
            fixtures = fixture_bindings(_field(request, "bind", dict))
        except (KeyError, TypeError) as exc:
            raise _BadRequest(f"unknown fixture in bind: {exc}") from None
        shapes = request.get("network")
        if shapes is not None and type(shapes) is not dict:
            raise _BadRequest("network must be a dict of parameter shapes or None")
        loaded = self._load(file, module)
        if loaded.error is not None:
            return {"status": Status.LOAD_ERROR, "error": loaded.error, "stdout": loaded.stdout, "seconds": 0.0}
        namespace = loaded.module.__dict__
        function = namespace.get(name)
        if function is None or not callable(function) or isinstance(function, _Unavailable):
            if function is None:
                what = "is not defined"
            elif isinstance(function, _Unavailable):
                what = f"is imported from {function.module}, which the grader does not provide,"
            else:
                what = f"is {describe(function)}, not a function,"
            return {"status": Status.NOT_FOUND, "message": f"{name} {what} in {os.path.basename(file)}",
                    "stdout": "", "seconds": 0.0}
        output = _CappedText()
        failure = None
        with contextlib.ExitStack() as stack:
            if shapes is not None:
                try:
                    stack.enter_context(network(shapes))
                except (TypeError, ValueError, AttributeError) as exc:
                    raise _BadRequest(f"network is malformed: {exc}") from None
            stack.enter_context(_student_context(output))
            stack.enter_context(bound(namespace, fixtures))
            start = time.perf_counter()
            try:
                value = function(*args, **kwargs)
            except BaseException as exc:  # SystemExit and KeyboardInterrupt are the student's too
                failure = exc
            seconds = time.perf_counter() - start
        result = {"stdout": output.getvalue(), "seconds": seconds}
        if failure is not None:
            status = Status.NOT_IMPLEMENTED if isinstance(failure, NotImplementedError) else Status.EXCEPTION
            return {"status": status, "error": error_info(failure, file), **result}
        try:
            plain, aliases = to_plain(value)
        except InvalidReturn as exc:
            return {"status": Status.INVALID_RETURN, "message": str(exc), **result}
        except Exception as exc:  # student code run by the conversion, e.g. a subclass's item()
            return {"status": Status.INVALID_RETURN,
                    "message": f"value could not be converted to plain data: {_safe_str(exc)}", **result}
        return {"status": Status.OK, "value": plain, "aliases": aliases, **result}

    def _train(self, request) -> dict:
        """Train one of the course's models (grader.experiments.training) with the student's
        functions named in `student`, and with `substitutes` (name -> source) for the others."""
        from grader.experiments import training  # only an experiment needs it

        file, module = _field(request, "file", str), _field(request, "module", str)
        family, settings = _field(request, "family", str), _field(request, "settings", dict)
        student, substitutes = _field(request, "student", list), _field(request, "substitutes", dict)
        X, Y = _field(request, "X", np.ndarray), _field(request, "Y", np.ndarray)
        if family not in training.TRAINERS:
            raise _BadRequest(f"unknown experiment family {family!r}")
        functions = {}
        if student:
            loaded = self._load(file, module)
            if loaded.error is not None:
                return {"status": Status.LOAD_ERROR, "error": loaded.error, "stdout": loaded.stdout, "seconds": 0.0}
            for name in student:
                function = loaded.module.__dict__.get(name)
                if not callable(function) or isinstance(function, _Unavailable):
                    return {"status": Status.NOT_FOUND, "message": f"{name} is not a function in "
                            f"{os.path.basename(file)}", "function": name, "stdout": "", "seconds": 0.0}
                functions[name] = function
        stand_ins = dict(HELPERS)
        for name, source in substitutes.items():
            exec(compile(source, f"<reference {name}>", "exec", dont_inherit=True), stand_ins)
            functions[name] = stand_ins[name]
        output = _CappedText()
        start = time.perf_counter()
        with _student_context(output):
            try:
                value = training.train(family, functions, X, Y, settings)
            except training.FunctionFailed as failed:
                cause = failed.__cause__ or failed
                return {"status": Status.EXCEPTION, "error": error_info(cause, file), "function": failed.function,
                        "message": failed.reason, "stdout": output.getvalue(),
                        "seconds": time.perf_counter() - start}
            except BaseException as exc:  # the run's own code, failing on what a function returned
                return {"status": Status.EXCEPTION, "error": error_info(exc, file), "stdout": output.getvalue(),
                        "seconds": time.perf_counter() - start}
        seconds = time.perf_counter() - start
        try:  # the model's own answer, unless the student's code replaced the model
            plain, aliases = to_plain(value)
        except Exception as exc:
            return {"status": Status.INVALID_RETURN, "message": f"the training's answer is not plain data: "
                    f"{_safe_str(exc)}", "stdout": output.getvalue(), "seconds": seconds}
        return {"status": Status.OK, "value": plain, "aliases": aliases, "stdout": output.getvalue(),
                "seconds": seconds}

    def _load(self, file: str, module: str) -> _Loaded:
        key = (file, module)
        if key not in self._modules:
            self._modules[key] = _load_module(file, module, self._sources.get(file))
        return self._modules[key]


def _field(request: dict, name: str, kind: type):
    value = request.get(name)
    if type(value) is not kind:
        raise _BadRequest(f"request field {name!r} must be a {kind.__name__}, not {type(value).__name__}")
    return value


def _load_module(file: str, module: str, content: np.ndarray | str | None) -> _Loaded:
    """Load a submission file into a fresh module with the helpers bound, capturing its output.
    `content`: the file's bytes, or why the grader could not read it (None: not sent at all)."""
    output = _CappedText()
    if not isinstance(content, np.ndarray):
        why = content if isinstance(content, str) else "it is not one of the submission's files"
        return _Loaded(None, "", _plain_error("OSError", f"cannot read {file}: {why}", file))
    data = content.tobytes()
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        message = f"{os.path.basename(file)} is not UTF-8 text: byte {data[exc.start]:#x} on line {line}"
        return _Loaded(None, "", _plain_error("UnicodeDecodeError", message, file, line))
    # Tracebacks quote the student's lines from here: the file itself is not readable (an mtime
    # of None keeps linecache.checkcache from dropping the entry).
    linecache.cache[file] = (len(source), None, source.splitlines(keepends=True), file)
    try:
        code = compile(source, file, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return _Loaded(None, "", error_info(exc, file))
    namespace = types.ModuleType(module)
    namespace.__dict__.update(HELPERS)
    namespace.__file__ = file
    try:
        with _student_context(output):
            exec(code, namespace.__dict__)
    except BaseException as exc:
        return _Loaded(None, output.getvalue(), error_info(exc, file))
    return _Loaded(namespace, output.getvalue())


def _plain_error(kind: str, message: str, file: str, line: int | None = None) -> dict:
    return {"type": kind, "message": message, "line": line, "file": os.path.basename(file),
            "traceback": f"{kind}: {message}\n"}


# ---------------------------------------------------------------- main loop

def _encoded(response: dict) -> list:
    """The frames of a response; a value the protocol refuses becomes invalid_return."""
    try:
        return encode_message(response)
    except (ProtocolError, ValueError) as exc:
        if "value" not in response:
            raise
        return encode_message({
            "status": Status.INVALID_RETURN, "message": str(exc),
            "stdout": response["stdout"], "seconds": response["seconds"], "nonce": response.get("nonce"),
        })


class _Channel:
    """The worker's ends of the protocol pipes, and of the control pipe on which only the
    worker itself reports (an exercise process closes it before anything else)."""

    def __init__(self, read_fd: int, write_fd: int, control_fd: int):
        self.requests = open(read_fd, "rb", buffering=1 << 16)
        self.responses = open(write_fd, "wb", buffering=1 << 16)
        self.control_fd = control_fd
        self.exit_code = 0

    def report(self, record: dict) -> None:
        for part in encode_message(record):
            os.write(self.control_fd, part)

    def reset(self) -> None:
        """Undo what a call may have done to the pipes' shared flags (O_NONBLOCK): before every
        read and every answer, in the worker and in each exercise process."""
        if hasattr(os, "set_blocking"):  # not on Windows before Python 3.12, whose pipes cannot be made non-blocking
            for stream in (self.requests, self.responses):
                os.set_blocking(stream.fileno(), True)

    def incoming(self):
        """Each request in turn, until the grader closes its end (`exit_code` 0) or sends
        something unreadable (EXIT_BAD_CHANNEL). The pipes are made blocking again before each
        read: a call may have made them non-blocking, and whether the next read would then fail
        must not depend on whether the grader's next request had already arrived."""
        while True:
            self.reset()
            try:
                yield read_message(self.requests)
            except ChannelClosed:
                self.exit_code = 0
                return
            except ProtocolError:
                self.exit_code = EXIT_BAD_CHANNEL
                return

    def send(self, parts: list) -> None:
        self.reset()  # a full pipe must block, not fail, whatever the call did to its flags
        for part in parts:
            self.responses.write(part)
        self.responses.flush()

    def answer(self, request, response: dict) -> None:
        if type(request) is dict:
            response["nonce"] = request.get("nonce")  # which request this answers
        self.send(_encoded(response))


def serve_exercise(channel: _Channel, fork_request: dict, output: _DescriptorOutput,
                   ruleset: landlock.Ruleset, syscall_filter: seccomp.Filter) -> int:
    """In a forked child (or a worker that serves one exercise itself): take on the layers meant
    for student code, then serve one exercise's requests until the grader sends `end` or closes
    the pipe. Returns the exit code."""
    global _descriptor_output
    _descriptor_output = output
    output.attach()
    capabilities = privileges.effective_capabilities()  # while /proc can still be read
    restricted = ruleset.restrict()
    filtered = syscall_filter.install()
    channel.answer(fork_request, {"status": Status.OK, "pid": os.getpid(), "seccomp": filtered,
                                  "capabilities": capabilities, "landlock": ruleset.version if restricted else 0,
                                  "stdout": ""})
    server = Server(_sources(fork_request))
    for request in channel.incoming():
        if type(request) is dict and request.get("op") == "end":
            channel.answer(request, {"status": Status.OK, "stdout": ""})
            return 0
        channel.answer(request, server.handle(request))
    return channel.exit_code


def _sources(fork_request: dict) -> dict:
    """The submission's files as the fork request carries them (path -> bytes as a uint8 array,
    or why the grader could not read it); anything else in their place is left out, and loading
    that file then says it was not sent."""
    sources = fork_request.get("sources")
    if type(sources) is not dict:
        return {}
    return {path: content for path, content in sources.items()
            if type(path) is str and (type(content) is str or
                                      (isinstance(content, np.ndarray) and content.dtype == np.uint8))}


def _end_exercise(pid: int, sandboxed: bool, home: str) -> str:
    """Wait for an exercise process, kill what it left behind, empty the working
    directory it shared (a full disk must not fail the next one), and say how it ended."""
    _, status = os.waitpid(pid, 0)
    try:
        os.killpg(pid, signal.SIGKILL)  # its descendants that stayed in its group
    except (ProcessLookupError, PermissionError):
        pass
    reaper.kill_adopted(any_session=True)  # those that left it: this worker adopted them
    if sandboxed:  # in the sandbox's own pid namespace, everything but this worker and init is the student's
        try:
            os.kill(-1, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        _empty(home)
    except OSError:  # what cannot be removed stays; the worker must go on
        pass
    code = os.waitstatus_to_exitcode(status)
    return f"was killed by signal {reaper.signal_name(-code)}" if code < 0 else f"exited with code {code}"


def _empty(home: str) -> None:
    """Remove everything in `home`, folders the student made read-only included (mount
    points and what is not ours stay, silently)."""
    device = os.stat(home).st_dev
    with contextlib.suppress(OSError):  # the sandbox's /tmp is not ours to change, nor to lock
        os.chmod(home, 0o700)
    for top, folders, _ in os.walk(home):  # nothing runs any more that could swap a folder for a link
        for folder in list(folders):
            path = os.path.join(top, folder)
            if os.path.islink(path) or os.stat(path).st_dev != device:  # a link, or a mount: not ours
                folders.remove(folder)
                continue
            with contextlib.suppress(OSError):
                os.chmod(path, 0o700)
    for entry in os.scandir(home):
        if entry.stat(follow_symlinks=False).st_dev != device:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _off_standard_streams(read_fd: int, write_fd: int) -> tuple[int, int]:
    """Move the protocol off standard input and output (a worker that serves one exercise is
    spoken to there), which then read and write nothing, so that no print reaches the grader."""
    moved = os.dup(read_fd), os.dup(write_fd)
    nothing = os.open(os.devnull, os.O_RDWR)
    os.dup2(nothing, read_fd)
    os.dup2(nothing, write_fd)
    os.close(nothing)
    return moved


def main(argv: list[str]) -> int:
    """argv: READ_FD WRITE_FD CONTROL_FD SETTINGS, SETTINGS being the JSON of `runner.worker_settings`.

    This process never runs student code: it is a fork server. Each `fork` request
    starts a child that serves one exercise (`serve_exercise`); when the child
    ends, for whatever reason, this process cleans up after it and says how it
    ended, so one exercise's threads, patches and processes never reach the next.

    Where there is no fork (Windows) the grader starts a worker per exercise, with
    `one_exercise` in SETTINGS and READ_FD, WRITE_FD 0 and 1 (CONTROL_FD -1, none): it
    serves its exercise itself, and the grader ends it afterwards.
    """
    read_fd, write_fd, control_fd = int(argv[1]), int(argv[2]), int(argv[3])
    settings = json.loads(argv[4])
    one_exercise = settings.get("one_exercise", False)
    if one_exercise:
        read_fd, write_fd = _off_standard_streams(read_fd, write_fd)
    for fd in (read_fd, write_fd, control_fd):
        if fd >= 0:
            os.set_inheritable(fd, False)
    switched_user = settings["user"] is not None
    uid = os.getuid() if hasattr(os, "getuid") else None  # Windows has no uids
    if switched_user:
        privileges.become_user(settings["user"])
    elif uid == 0:
        privileges.drop_capabilities()
    limited = Limits(**settings["limits"]).apply(own_user=switched_user)
    install_import_rules()
    restore_removed_numpy_aliases()
    home = os.getcwd()
    adopts = reaper.become_subreaper()  # what an exercise process leaves, even in a session of its own, comes here
    # Built once here, so that each exercise process starts in a couple of milliseconds.
    output, syscall_filter = _DescriptorOutput(), seccomp.Filter()
    ruleset = landlock.Ruleset(settings["readable"], settings["writable"])
    # Every exercise process starts from these states of the random streams a student's code may
    # draw from without seeding them (np.random.rand for a dropout mask): the same submission gets
    # the same report on every grading, as PYTHONHASHSEED makes set order the same.
    np.random.seed(0)
    random.seed(0)
    codecs.lookup("utf-8-sig")  # what submissions are decoded with: imported once here, not in each exercise process
    gc.freeze()  # children then leave the imported modules' pages shared instead of copying them in collections
    channel = _Channel(read_fd, write_fd, control_fd)
    channel.send(encode_message({"status": "ready", "pid": os.getpid(), "python": sys.version.split()[0],
                                 "uid": os.getuid() if uid is not None else None, "switched_user": switched_user,
                                 "limits": limited, "subreaper": adopts, "forks": not one_exercise}))
    for request in channel.incoming():
        if type(request) is not dict or request.get("op") != "fork":
            continue  # meant for an exercise process that has ended, as the control pipe has said
        if one_exercise:
            return serve_exercise(channel, request, output, ruleset, syscall_filter)
        try:
            pid = os.fork()
        except OSError as error:  # out of processes or memory: this exercise cannot start, the next may
            channel.report({"status": "ended", "how": f"could not start a process for the exercise ({error})"})
            continue
        if pid == 0:
            code = 1
            try:
                os.close(channel.control_fd)  # the worker's reports must be the worker's
                os.setpgid(0, 0)  # a group of its own, which the worker kills when the exercise ends
                code = serve_exercise(channel, request, output, ruleset, syscall_filter)
            finally:
                os._exit(code)
        how = _end_exercise(pid, settings["sandboxed"], home)
        channel.report({"status": "ended", "how": how})
    return channel.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
