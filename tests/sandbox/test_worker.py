"""The worker process and the parent's runner, driven through `Worker` as the grader drives it."""

import os
import re
import sys
import textwrap

import numpy as np
import pytest

from grader.course import COURSE_SHAPES
from grader.sandbox import namespaces, runner
from grader.sandbox.limits import MIB, Limits
from grader.sandbox.protocol import STDOUT_CAP, Status
from grader.sandbox.runner import GraderBug, StudentCodeError, Worker
from tests.conftest import ROOT
from tests.security.conftest import require_namespaces


class Shipping(Worker):
    """A Worker that is given each file a request names, as grading gives it the submission's
    files (they travel in the fork request): a file it did not have yet ends the current exercise."""

    def call_raw(self, request, timeout=None):
        file = request.get("file")
        if isinstance(file, str) and file not in self.files:
            self.fresh()
            self.files = (*self.files, file)
        return super().call_raw(request, timeout)


@pytest.fixture(scope="module", params=[True, False], ids=["fork server", "worker per exercise"])
def forks(request) -> bool:
    """Each test with both kinds of worker: the fork server, and, as where there is no fork
    (Windows), a worker per exercise spoken to over its standard input and output."""
    return request.param


@pytest.fixture(scope="module")
def worker(forks):
    with Shipping(timeout=30.0, forks=forks) as shared:
        yield shared


@pytest.fixture
def student(tmp_path):
    """Write a student file; returns its path."""
    def write(source: str, name: str = "student.py") -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return str(path)
    return write


def call(worker, file, function, *args, bind=None, network=None, **kwargs):
    return worker.call_raw({
        "op": "call", "file": file, "module": "student", "function": function,
        "args": list(args), "kwargs": kwargs, "bind": bind or {}, "network": network,
    })


# ---------------------------------------------------------------- values

def test_a_call_returns_arrays_as_fresh_plain_data(worker, student):
    file = student("""
        def initialize(layers_dims):
            params = {}
            for l in range(1, len(layers_dims)):
                params["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
                params["b" + str(l)] = np.zeros((layers_dims[l], 1), dtype=np.float32)
            return params, np.int64(len(layers_dims)), np.arange(3) > 0, np.float64(0.5)
    """)
    response = call(worker, file, "initialize", [3, 2, 1])
    assert response["status"] == "ok"
    params, count, mask, half = response["value"]
    assert list(params) == ["W1", "b1", "W2", "b2"]
    assert params["W1"].shape == (2, 3) and params["b1"].dtype == np.float32
    assert type(count) is int and count == 3 and type(half) is float
    np.testing.assert_array_equal(mask, [False, True, True])
    assert response["aliases"] == [] and response["seconds"] >= 0


def test_arguments_arrive_as_arrays_and_keyword_arguments_work(worker, student):
    file = student("""
        def scale(X, factor=1.0):
            return X * factor, type(X).__name__, X.flags.writeable
    """)
    response = call(worker, file, "scale", np.arange(6.0).reshape(2, 3).T, factor=2.0)
    scaled, kind, writeable = response["value"]
    np.testing.assert_array_equal(scaled, np.arange(6.0).reshape(2, 3).T * 2)
    assert kind == "ndarray" and writeable


def test_course_helpers_are_globals_without_import(worker, student):
    file = student("""
        def forward(Z):
            return relu(Z), sigmoid(np.zeros(1)), math.sqrt(4)
    """)
    relu_z, half, two = call(worker, file, "forward", np.array([-1.0, 2.0]))["value"]
    np.testing.assert_array_equal(relu_z, [0.0, 2.0])
    np.testing.assert_array_equal(half, [0.5])
    assert two == 2.0


def test_course_utility_modules_import_and_stand_in_for_the_rest(worker, student):
    file = student("""
        from gc_utils import dictionary_to_vector, vector_to_dictionary
        from reg_utils import load_2D_dataset, compute_cost
        import opt_utils_v1a

        def roll(parameters):
            return dictionary_to_vector(parameters)[0].shape, opt_utils_v1a.relu is relu

        def load():
            return load_2D_dataset()
    """)
    parameters = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1))}
    assert call(worker, file, "roll", parameters)["value"] == ((8, 1), True)
    response = call(worker, file, "load")
    assert response["status"] == "exception"
    assert response["error"]["type"] == "RuntimeError"
    assert response["error"]["message"] == "load_2D_dataset from reg_utils is not available inside the grader"


def test_star_import_from_a_course_module_brings_the_helpers(worker, student):
    file = student("""
        from testCases import *

        def f():
            return relu(np.array([-3.0]))[0]
    """)
    assert call(worker, file, "f")["value"] == 0.0


def test_the_reference_cannot_be_imported(worker, student):
    file = student("""
        def peek():
            import reference.optimization
    """)
    response = call(worker, file, "peek")
    assert response["status"] == "exception"
    assert response["error"]["type"] == "ModuleNotFoundError"
    assert "not available inside the grader" in response["error"]["message"]
    at_import = student("from reference import initialization\n", name="cheat.py")
    assert call(worker, at_import, "anything")["status"] == "load_error"


# ---------------------------------------------------------------- what the student's code did

def test_not_implemented_means_not_attempted(worker, student):
    file = student("""
        def stub(x):
            raise NotImplementedError
    """)
    response = call(worker, file, "stub", 1)
    assert response["status"] == "not_implemented"
    with pytest.raises(StudentCodeError) as raised:
        worker.call(file, "student", "stub", [1])
    assert raised.value.status is Status.NOT_IMPLEMENTED


def test_an_exception_reports_the_deepest_student_line_and_only_student_frames(worker, student):
    file = student("""
        def outer(parameters):
            return inner(parameters)

        def inner(parameters):
            theta, _ = dictionary_to_vector(parameters)
            return theta
    """)
    response = call(worker, file, "outer", {"W1": np.ones((2, 2))})  # no b1: KeyError in the helper
    error = response["error"]
    assert response["status"] == "exception"
    assert error["type"] == "KeyError" and error["line"] == 6 and error["file"] == "student.py"
    assert error["traceback"].startswith("Traceback (most recent call last):\n")
    assert 'File "student.py", line 3, in outer' in error["traceback"]  # its name, not where it lies
    assert "theta, _ = dictionary_to_vector(parameters)" in error["traceback"]
    assert "course.py" not in error["traceback"] and "worker.py" not in error["traceback"]
    assert error["traceback"].endswith("KeyError: 'b1'\n")


def test_an_error_inside_numpy_points_at_the_students_call(worker, student):
    file = student("""
        def forward(W, X):
            Z = np.dot(W, X)
            return Z
    """)
    error = call(worker, file, "forward", np.ones((2, 3)), np.ones((2, 3)))["error"]
    assert error["type"] == "ValueError" and error["line"] == 3


def test_a_wrong_signature_is_an_exception_without_a_student_line(worker, student):
    file = student("""
        def f(a):
            return a
    """)
    error = call(worker, file, "f", 1, 2)["error"]
    assert error["type"] == "TypeError" and error["line"] is None


@pytest.mark.parametrize("statement, kind", [
    ("raise SystemExit(1)", "SystemExit"),
    ("exit()", "SystemExit"),
    ("raise KeyboardInterrupt", "KeyboardInterrupt"),
    ("f()", "RecursionError"),
    ("input()", "EOFError"),
])
def test_exits_interrupts_and_recursion_are_exceptions_and_the_worker_keeps_serving(worker, student, statement, kind):
    file = student(f"""
        def f():
            {statement}

        def fine():
            return 1
    """)
    response = call(worker, file, "f")
    assert response["status"] == "exception" and response["error"]["type"] == kind
    assert call(worker, file, "fine")["value"] == 1


def test_a_syntax_error_is_a_load_error_with_file_and_line(worker, student):
    file = student("""
        def fine():
            return 1

        def broken(x:
            return x
    """, name="initialization.py")
    for response in (call(worker, file, "fine"),
                     worker.call_raw({"op": "inspect", "file": file, "module": "m", "names": ["fine"]})):
        error = response["error"]
        assert response["status"] == "load_error"
        assert error["type"] == "SyntaxError" and error["file"] == "initialization.py" and error["line"] == 5
        assert "def broken(x:" in error["traceback"]


def test_an_exception_at_import_is_a_load_error_with_its_output(worker, student):
    file = student("""
        print("loading")
        import matplotlib_that_is_not_installed
    """)
    response = call(worker, file, "f")
    assert response["status"] == "load_error"
    assert response["error"]["type"] == "ModuleNotFoundError" and response["error"]["line"] == 3
    assert response["stdout"] == "loading\n"


def test_a_file_that_is_not_utf8_is_a_load_error_naming_it(worker, tmp_path):
    path = tmp_path / "latin.py"
    path.write_bytes(b"x = 1\n# caf\xe9\n")
    response = call(worker, str(path), "f")
    assert response["status"] == "load_error"
    assert response["error"]["file"] == "latin.py" and response["error"]["line"] == 2
    assert "latin.py is not UTF-8" in response["error"]["message"]


def test_a_missing_or_non_callable_name_is_not_found(worker, student):
    file = student("""
        from opt_utils import update_parameters_with_gd
        initialize_velocity = 3
    """)
    absent = call(worker, file, "update_lr")
    assert absent["status"] == "not_found" and absent["message"] == "update_lr is not defined in student.py"
    not_callable = call(worker, file, "initialize_velocity")
    assert not_callable["message"] == "initialize_velocity is an int object, not a function, in student.py"
    imported = call(worker, file, "update_parameters_with_gd")
    assert imported["status"] == "not_found"
    assert imported["message"] == ("update_parameters_with_gd is imported from opt_utils, "
                                   "which the grader does not provide, in student.py")
    assert worker.inspect(file, "student", ["update_parameters_with_gd", "update_lr"]) == {}


def test_inspect_reports_def_lines_and_leaves_out_absent_names(worker, student):
    file = student("""
        print("module output")

        def update_lr(learning_rate0, epoch_num, decay_rate):
            return learning_rate0

        schedule_lr_decay = update_lr
    """)
    response = worker.call_raw({"op": "inspect", "file": file, "module": "optimization",
                                "names": ["update_lr", "schedule_lr_decay", "relu", "initialize_adam"]})
    assert response["functions"] == {"update_lr": 4, "schedule_lr_decay": 4, "relu": None}
    assert response["stdout"] == "module output\n"
    assert worker.inspect(file, "optimization", ["update_lr"]) == {"update_lr": 4}


def test_a_module_is_loaded_once(worker, student):
    file = student("""
        loads = []
        loads.append(1)

        def count():
            return len(loads)
    """)
    assert [call(worker, file, "count")["value"] for _ in range(3)] == [1, 1, 1]


def test_print_output_is_captured_per_call_and_capped(worker, student):
    file = student("""
        import sys

        def chatty(n):
            print("x" * n)
            print("to stderr", file=sys.stderr)
            return n
    """)
    small = call(worker, file, "chatty", 3)
    assert small["stdout"] == "xxx\nto stderr\n"
    big = call(worker, file, "chatty", 10 * STDOUT_CAP)
    assert big["value"] == 10 * STDOUT_CAP
    assert big["stdout"].endswith("... [output truncated]")
    assert len(big["stdout"]) < STDOUT_CAP + 100
    assert call(worker, file, "chatty", 0)["stdout"] == "\nto stderr\n"


def test_output_at_the_os_level_or_rebinding_sys_stdout_does_not_touch_the_protocol(worker, student):
    file = student("""
        import os, sys

        def noisy():
            os.write(1, b"raw stdout")
            os.write(2, b"raw stderr")
            sys.__stdout__.write("original stdout")
            sys.stdout = None
            return 1

        def polite():
            print("still captured")
            return 2
    """)
    noisy = call(worker, file, "noisy")
    assert noisy["value"] == 1
    assert all(text in noisy["stdout"] for text in ("raw stdout", "raw stderr", "original stdout"))
    response = call(worker, file, "polite")
    assert response["value"] == 2 and response["stdout"] == "still captured\n"


def test_output_of_c_code_and_child_processes_is_captured_and_capped(worker, student):
    file = student("""
        import ctypes, os, subprocess

        def from_c():
            ctypes.CDLL(None).printf(b"printed by C\\n")  # buffered by C's stdio, flushed by the worker
            return 1

        def from_a_child():
            subprocess.run(["echo", "printed by a child"])
            return 2

        def flood(megabytes):
            chunk = b"y" * (1 << 20)
            for _ in range(megabytes):
                os.write(1, chunk)
            return 3
    """)
    assert call(worker, file, "from_c")["stdout"] == "printed by C\n"
    assert call(worker, file, "from_a_child")["stdout"] == "printed by a child\n"
    flooded = call(worker, file, "flood", 8)
    assert flooded["value"] == 3 and flooded["stdout"].endswith("... [output truncated]")
    assert len(flooded["stdout"]) < STDOUT_CAP + 100
    assert call(worker, file, "from_c")["stdout"] == "printed by C\n"  # emptied between calls


def test_an_os_level_flood_past_the_file_size_limit_fails_the_call_only(student):
    file = student("""
        import os

        def flood():
            chunk = b"z" * (1 << 20)
            while True:
                os.write(1, chunk)

        def fine():
            return 4
    """)
    with Shipping(timeout=30.0, limits=Limits(file_bytes=16 * MIB)) as small:
        response = call(small, file, "flood")
        assert response["status"] == "exception" and response["error"]["type"] == "OSError"
        assert "File too large" in response["error"]["message"]
        assert call(small, file, "fine")["value"] == 4


def test_why_a_worker_could_not_start_is_reported(student, monkeypatch):
    monkeypatch.setattr(runner, "worker_command", lambda *args, **kwargs: [
        sys.executable, "-c", "import sys; sys.stderr.write('no module named grader, say'); sys.exit(3)"])
    with Shipping(timeout=5.0) as broken:
        response = call(broken, student("def f(): return 1"), "f")
    assert response["status"] == "crashed"
    assert "did not start" in response["detail"] and "no module named grader, say" in response["detail"]


def test_a_sandboxed_worker_serves_the_same_requests_from_its_own_world(student):
    require_namespaces()
    file = student("""
        import os

        def where():
            return os.getcwd(), os.environ["HOME"], os.getuid(), os.path.exists(os.path.dirname(__file__) + "/other.py")
    """)
    student("SECRET = 1", name="other.py")  # next to the submission, but not part of it
    with Worker(timeout=10.0, sandboxed=True, files=(file,)) as sandboxed:
        cwd, home, uid, sees_other = call(sandboxed, file, "where")["value"]
        assert sandboxed.info["seccomp"] and sandboxed.info["capabilities"] == 0
    assert (cwd, home, sees_other) == ("/tmp", "/tmp", False)
    assert uid >= namespaces.WORKER_UID_BASE if namespaces.running_as_root() else uid == namespaces.UNPRIVILEGED_USER


# ---------------------------------------------------------------- returned values that are not plain data

def test_an_ndarray_subclass_is_converted_to_a_plain_array(worker, student):
    file = student("""
        class Tagged(np.ndarray):
            def __eq__(self, other):
                return True

        def f():
            return np.arange(4.0).view(Tagged), np.asmatrix(np.eye(2)), np.ma.masked_array([1.0, 2.0])
    """)
    tagged, matrix, masked = call(worker, file, "f")["value"]
    assert type(tagged) is np.ndarray and type(matrix) is np.ndarray and type(masked) is np.ndarray
    np.testing.assert_array_equal(tagged, np.arange(4.0))
    np.testing.assert_array_equal(matrix, np.eye(2))


@pytest.mark.parametrize("expression, fragment", [
    ("Lookalike()", r"value\[1\] is a student.Lookalike object, which defines __array__ but is not an ndarray"),
    ("{'W1': (x for x in [])}", r"value\[1\]\['W1'\] is a generator"),
    ("[1, 2j]", r"value\[1\]\[1\] is a complex number"),
    ("np.array([1, 'a'], dtype=object)", r"value\[1\] is an array of dtype object"),
    ("{None: 1}", r"value\[1\] has a key of type NoneType"),
    ("{1, 2}", r"value\[1\] is a set object"),
    ("np.ma.masked_array([1.0, 2.0], mask=[True, False])", r"value\[1\] .*masked entries"),
    ("np.complex128(1)", r"value\[1\] is a complex number"),
    ("print", r"value\[1\] is a builtin_function_or_method object"),
])
def test_values_that_are_not_plain_data_are_invalid_returns(worker, student, expression, fragment):
    file = student(f"""
        class Lookalike:
            def __array__(self, dtype=None, copy=None):
                return np.zeros(2)

        def f():
            return 0, {expression}
    """)
    response = call(worker, file, "f")
    assert response["status"] == "invalid_return"
    assert re.match(fragment, response["message"]), response["message"]


def test_a_value_that_contains_itself_is_an_invalid_return(worker, student):
    file = student("""
        def f():
            loop = []
            loop.append(loop)
            return loop
    """)
    response = call(worker, file, "f")
    assert response["status"] == "invalid_return" and response["message"] == "value[0] contains itself"


def test_subclasses_of_plain_types_travel_as_plain_values(worker, student):
    file = student("""
        import collections, enum

        class Size(enum.IntEnum):
            SMALL = 2

        Pair = collections.namedtuple("Pair", "a b")

        def f():
            return Size.SMALL, Pair(1, 2), collections.OrderedDict(v=1), collections.defaultdict(list)
    """)
    size, pair, ordered, default = call(worker, file, "f")["value"]
    assert type(size) is int and size == 2
    assert type(pair) is tuple and pair == (1, 2)
    assert type(ordered) is dict and ordered == {"v": 1} and type(default) is dict


# ---------------------------------------------------------------- aliases

def test_the_same_dict_returned_twice_is_an_alias(worker, student):
    file = student("""
        def initialize_adam(parameters):
            v = {"dW1": np.zeros((2, 3))}
            s = v
            return v, s
    """)
    response = call(worker, file, "initialize_adam", {})
    assert response["aliases"] == [["[0]", "[1]"]]
    v, s = response["value"]
    np.testing.assert_array_equal(v["dW1"], s["dW1"])


def test_arrays_sharing_memory_are_aliases(worker, student):
    file = student("""
        def initialize_adam(parameters):
            zeros = np.zeros((2, 3))
            v = {"dW1": zeros, "db1": np.zeros((2, 1))}
            s = {"dW1": zeros, "db1": np.zeros((2, 1))}
            return v, s

        def views():
            A = np.arange(6.0).reshape(2, 3)
            return A, A[1], A[:, 0], A[0, :2], np.copy(A)
    """)
    assert call(worker, file, "initialize_adam", {})["aliases"] == [["[0]['dW1']", "[1]['dW1']"]]
    aliases = call(worker, file, "views")["aliases"]
    # A[1] and A[0, :2] do not overlap; A[:, 0] spans both rows, so its bounds overlap both.
    assert sorted(aliases) == [["[0]", "[1]"], ["[0]", "[2]"], ["[0]", "[3]"], ["[1]", "[2]"], ["[2]", "[3]"]]


def test_distinct_containers_and_scalars_are_not_aliases(worker, student):
    file = student("""
        def f():
            x = 1.5
            return [x, x], {"a": [0]}, {"a": [0]}, (np.zeros(2), np.zeros(2))
    """)
    assert call(worker, file, "f")["aliases"] == []


# ---------------------------------------------------------------- bindings for one call

def test_fixture_bindings_apply_to_one_call_only(worker, student):
    file = student("""
        def backward_propagation(x, theta):
            return "student's own"

        def gradient_check(x, theta):
            return backward_propagation(x, theta), forward_propagation(x, theta)
    """)
    bind = {"backward_propagation": "doubled", "forward_propagation": "correct"}
    assert call(worker, file, "gradient_check", 3.0, 2.0, bind=bind)["value"] == (6.0, 6.0)
    response = call(worker, file, "gradient_check", 3.0, 2.0)
    assert response["status"] == "exception" and response["error"]["type"] == "NameError"
    assert call(worker, file, "backward_propagation", 1, 1)["value"] == "student's own"


def test_the_network_declaration_applies_to_one_call_only(worker, student):
    file = student("""
        def shapes(theta):
            return {name: value.shape for name, value in vector_to_dictionary(theta).items()}
    """)
    network = {"W1": [2, 3], "b1": [2, 1]}
    declared = call(worker, file, "shapes", np.zeros((8, 1)), network=network)["value"]
    assert declared == {"W1": (2, 3), "b1": (2, 1)}
    default = call(worker, file, "shapes", np.zeros((47, 1)))["value"]
    assert default == COURSE_SHAPES


def test_a_request_naming_an_unknown_fixture_is_a_grader_bug(worker, student):
    file = student("def f():\n    return 1\n")
    response = call(worker, file, "f", bind={"backward_propagation": "no such variant"})
    assert response["status"] == "bad_request"
    with pytest.raises(GraderBug):
        worker.call(file, "student", "f", bind={"nothing": "correct"})


# ---------------------------------------------------------------- the process around the code

def test_the_worker_runs_with_a_clean_environment_in_a_private_directory(worker, student, tmp_path):
    file = student("""
        import os, sys

        def where():
            working_directory_on_path = bool({"", ".", os.getcwd()} & set(sys.path))
            return (os.getcwd(), sorted(os.environ), sys.flags.hash_randomization,
                    sys.flags.no_user_site, working_directory_on_path, len(os.read(0, 10)))
    """)
    cwd, names, randomized, no_user_site, cwd_on_path, stdin = call(worker, file, "where")["value"]
    assert os.path.basename(cwd).startswith("dlgrade-worker-") and cwd != str(tmp_path)
    assert "HOME" in names and "PATH" in names and not any(name.startswith("PYTEST") for name in names)
    assert (randomized, no_user_site, cwd_on_path) == (0, 1, False)
    assert stdin == 0


def test_nothing_beside_the_grader_package_is_on_the_workers_path(worker, student):
    """A file next to a checkout (numpy.py, say) must not shadow what the worker imports."""
    file = student("""
        import os

        def path_folder():
            folder = os.environ["PYTHONPATH"]
            return folder, os.listdir(folder)
    """)
    folder, entries = call(worker, file, "path_folder")["value"]
    assert entries == ["grader"] and os.path.realpath(os.path.join(folder, "grader")) == str(ROOT / "grader")


def test_an_infinite_loop_times_out_and_the_next_call_works(student, forks):
    file = student("""
        def spin():
            while True:
                pass

        def fine():
            return 1
    """)
    with Shipping(timeout=0.5, forks=forks) as worker:
        response = call(worker, file, "spin")
        assert response["status"] == "timeout" and response["seconds"] >= 0.5
        assert call(worker, file, "fine")["value"] == 1
        with pytest.raises(StudentCodeError, match="timeout"):
            worker.call(file, "student", "spin")


def test_an_infinite_loop_at_import_times_out(student, forks):
    file = student("""
        while True:
            pass
    """)
    with Shipping(timeout=0.5, forks=forks) as worker:
        assert call(worker, file, "f")["status"] == "timeout"


def test_a_dying_worker_is_crashed_and_the_next_call_works(student, forks):
    file = student("""
        import os

        def die():
            os._exit(3)

        def fine():
            return 1
    """)
    with Shipping(timeout=10.0, forks=forks) as worker:
        assert call(worker, file, "fine")["value"] == 1
        first_pid = worker.info["pid"]
        response = call(worker, file, "die")
        assert response["status"] == "crashed" and response["detail"] == "the worker exited with code 3"
        assert call(worker, file, "fine")["value"] == 1
        assert worker.info["pid"] != first_pid


def test_garbage_written_into_the_protocol_pipe_is_a_crash_not_a_grader_error(student, forks):
    file = student("""
        import os

        def scribble():
            for fd in range(3, 256):
                try:
                    os.write(fd, b"\\0\\0\\0\\x05hello")
                except OSError:
                    pass
            return 1

        def fine():
            return 2
    """)
    with Shipping(timeout=10.0, forks=forks) as worker:
        response = call(worker, file, "scribble")
        assert response["status"] == "crashed" and "protocol error" in response["detail"]
        assert call(worker, file, "fine")["value"] == 2


def test_forged_answers_in_the_protocol_pipe_are_skipped_or_refused(student):
    file = student("""
        import sys
        from grader.sandbox.protocol import encode_message

        def forge(record):
            response = open(int(sys.argv[2]), "wb", closefd=False)
            for part in encode_message(record):
                response.write(part)
            response.flush()
            return "the real answer"

        def fine():
            return 2
    """)
    with Shipping(timeout=10.0) as worker:
        # Ahead of the real answer, with a nonce it cannot know: skipped.
        forged = call(worker, file, "forge", {"status": "ok", "value": "forged", "aliases": [], "stdout": "",
                                              "seconds": 0.0, "nonce": 12345})
        assert forged["status"] == "ok" and forged["value"] == "the real answer"
        assert call(worker, file, "fine")["value"] == 2


@pytest.mark.parametrize("record", [
    {"status": "ok", "functions": None, "stdout": ""},
    {"status": "exception", "error": ["not", "a", "dict"], "stdout": "", "seconds": 0.0},
    {"status": "ok", "stdout": "", "seconds": 0.0},
    {"status": "crashed", "stdout": "", "seconds": 0.0},
    {"status": [], "stdout": "", "seconds": 0.0},
    {"status": "ok", "value": 1, "aliases": [], "stdout": "", "seconds": 10**400},
    {"status": "ok", "value": 1, "aliases": [], "stdout": "", "seconds": float("nan")},
    {"status": "ok", "value": 1, "aliases": [], "stdout": "", "seconds": -5.0},
])
def test_a_malformed_answer_with_the_right_nonce_is_a_crash(student, record, monkeypatch, forks):
    """What a forger who read the nonce from memory could send: its form is checked all the same."""
    file = student("""
        def fine():
            return 2
    """)
    with Shipping(timeout=10.0, forks=forks) as worker:
        assert call(worker, file, "fine")["value"] == 2
        monkeypatch.setattr(runner, "_answer", lambda pipes, nonce: dict(record))
        response = call(worker, file, "fine")
    assert response["status"] == "crashed" and "protocol error" in response["detail"]


def test_large_arrays_cross_in_both_directions(worker, student):
    file = student("""
        def double(X):
            return 2 * X
    """)
    X = np.random.default_rng(0).standard_normal((1000, 300))
    np.testing.assert_array_equal(call(worker, file, "double", X)["value"], 2 * X)


def test_a_worker_killed_by_a_signal_is_crashed(student, forks):
    file = student("""
        import os, signal

        def die():
            os.kill(os.getpid(), signal.SIGSEGV)
    """)
    with Shipping(timeout=10.0, forks=forks) as worker:
        response = call(worker, file, "die")
        assert response == {"status": "crashed", "detail": "the worker was killed by signal SIGSEGV",
                            "stdout": "", "seconds": response["seconds"]}


def test_close_ends_the_worker_and_removes_its_directory(student, forks):
    file = student("""
        import os

        def where():
            return os.getcwd()
    """)
    worker = Shipping(forks=forks)
    worker.start()
    home = call(worker, file, "where")["value"]
    pid = worker.info["pid"]
    assert os.path.isdir(home)
    worker.close()
    assert not os.path.exists(home)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    worker.close()  # closing twice is harmless


def test_a_submission_file_gone_before_a_sandboxed_start_is_a_load_error(student):
    require_namespaces()
    gone = student("def f():\n    return 1\n", name="gone.py")
    kept = student("def f():\n    return 2\n", name="kept.py")
    os.unlink(gone)
    with Worker(timeout=10.0, sandboxed=True, files=(gone, kept)) as sandboxed:
        response = sandboxed.call_raw({"op": "inspect", "file": gone, "module": "gone", "names": ["f"]})
        assert response["status"] == "load_error" and "cannot read" in response["error"]["message"]
        sandboxed.fresh()
        assert call(sandboxed, kept, "f")["value"] == 2


@pytest.mark.skipif(not namespaces.running_as_root(), reason="the process limit applies to a worker with its own user")
def test_a_fork_that_fails_costs_the_exercise_not_the_worker(student):
    require_namespaces()
    file = student("def f():\n    return 1\n")
    with Worker(timeout=10.0, sandboxed=True, files=(file,), limits=Limits(processes=1)) as starved:
        response = call(starved, file, "f")
        assert response["status"] == "crashed" and "could not start a process for the exercise" in response["detail"]
        worker_pid = starved._process.popen.pid
        assert "could not start a process" in call(starved, file, "f")["detail"]
        assert starved._process.popen.pid == worker_pid  # the same worker answered: it was not restarted


def test_a_submission_in_a_private_folder_loads_in_the_sandbox(tmp_path):
    """The grader reads the files and sends them: the worker, a user of its own, needs no permission on them."""
    require_namespaces()
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    file = private / "student.py"
    file.write_text("def f():\n    return 42\n")
    file.chmod(0o600)
    with Worker(timeout=10.0, sandboxed=True, files=(str(file),)) as sandboxed:
        assert call(sandboxed, str(file), "f")["value"] == 42
