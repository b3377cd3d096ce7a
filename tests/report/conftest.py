"""A hand-built Report that exercises every renderer: all four modules, every status,
failures with inputs, expected/got and array diffs, printed output and a traceback."""

from __future__ import annotations

import math

import pytest

from grader.results import ArrayDiff, Check, ExerciseResult, Failure, InputView, Report, Status

GRADER_VERSION = "0.1.0"

X_VALUES = """\
array([[ 1.62434536, -0.61175641, -0.52817175, -1.07296862],
       [ 0.86540763, -2.3015387 ,  1.74481176, -0.7612069 ],
       [ 0.3190391 , -0.24937038,  1.46210794, -2.06014071]])"""

W1_STUDENT = """\
array([[ 1.78862847,  0.43650985,  0.09649747],
       [-1.8634927 , -0.2773882 , -0.35475898],
       [-0.08274148, -0.62700068, -0.04381817],
       [-0.47721803, -1.31386475,  0.88462238],
       [ 0.88131804,  1.70957306,  0.05003364]])"""

W1_EXPECTED = """\
array([[ 1.46040903,  0.3564088 ,  0.07878985],
       [-1.52153542, -0.22648652, -0.28965949],
       [-0.06755814, -0.51194391, -0.03577739],
       [-0.38964689, -1.07276608,  0.72229204],
       [ 0.71958863,  1.39586395,  0.04085211]])"""

STDOUT = """\
cost after iteration 0: 0.6931471805599453
dW1 shape (5, 3)
dW2 shape (3, 5)
dW3 shape (1, 3)
lambd = 0.7, m = 4
regularisation term: 0.0815
[output capped at 4 KiB: 12,288 more bytes not shown]"""

TRACEBACK = """\
Traceback (most recent call last):
  File "regularization.py", line 61, in forward_propagation_with_dropout
    D1 = np.random.rand(A1.shape) < keep_prob
         ^^^^^^^^^^^^^^^^^^^^^^^^
  File "numpy/random/mtrand.pyx", line 1219, in numpy.random.mtrand.RandomState.rand
TypeError: 'tuple' object cannot be interpreted as an integer"""

ADAM_GOT = (
    "parameters['W1'] = array([[ 1.63535156, -0.62320365, -0.53718766], "
    "[-1.07799357,  0.85639907, -2.29470142]])  "
    "v_corrected['dW1'] = array([[nan, nan, nan], [nan, nan, nan]])  "
    "s_corrected['dW1'] = array([[inf, inf, inf], [inf, inf, inf]])"
)


def _passed(name: str, module: str, points: float, checks: list[str], examples: int) -> ExerciseResult:
    return ExerciseResult(
        name=name,
        module=module,
        status=Status.PASSED,
        score=points,
        max_score=points,
        message=f"all {len(checks)} checks passed",
        checks=[Check(check, True) for check in checks],
        examples=examples,
        seconds=0.05 + examples / 1000,
    )


def make_report() -> Report:
    exercises = [
        _passed("initialize_parameters_zeros", "initialization", 1,
                ["return structure", "shapes", "all zeros"], 40),
        _passed("initialize_parameters_random", "initialization", 1,
                ["return structure", "shapes", "zero biases", "weight scale"], 40),
        ExerciseResult(
            name="initialize_parameters_he",
            module="initialization",
            status=Status.FAILED,
            score=1,
            max_score=2,
            message=(
                "W1 has sample std 1.00 where He initialization gives sqrt(2/n_prev) = 0.816: "
                "this matches a known mistake, scaling by sqrt(1/n_prev) was not applied at all"
            ),
            checks=[
                Check("return structure", True),
                Check("shapes", True),
                Check("zero biases", True),
                Check("weight scale", False, "W1: std 1.00, expected 0.816 (n_prev = 3); W2: std 0.99, expected 0.632"),
            ],
            failure=Failure(
                inputs=(InputView("layers_dims", "list of 3 ints", "[3, 5, 1]"),),
                expected="std(W1) ≈ 0.816, std(W2) ≈ 0.632",
                got="std(W1) = 1.003, std(W2) = 0.987",
            ),
            examples=25,
            seconds=0.21,
        ),
        ExerciseResult(
            name="compute_cost_with_regularization",
            module="regularization",
            status=Status.FAILED,
            score=0,
            max_score=2,
            message="cost is 0.1 too large: the L2 term is divided by m, the course divides by 2m",
            checks=[
                Check("returns a float", True),
                Check("value", False, "expected 1.7864859, got 1.8865281 (known mistake: lambd/m instead of lambd/(2m))"),
            ],
            failure=Failure(
                inputs=(
                    InputView("A3", "array (1, 4) float64", "array([[0.40682402, 0.01629284, 0.16722898, 0.10118111]])"),
                    InputView("Y", "array (1, 4) int64", "array([[1, 1, 0, 1]])"),
                    InputView("parameters", "dict: W1 (5, 3), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1)"),
                    InputView("lambd", "0.1", None),
                ),
                expected="1.7864859451590758",
                got="1.8865281209813627",
                diffs=(ArrayDiff("cost", (), (), 1, 1, 0.10004217582, 0.0560003, (("()", 1.7864859451590758, 1.8865281209813627),)),),
            ),
            examples=100,
            seconds=0.34,
        ),
        ExerciseResult(
            name="backward_propagation_with_regularization",
            module="regularization",
            status=Status.FAILED,
            score=0.5,
            max_score=2,
            message="dW1, dW2 and dW3 are off: the L2 gradient term lambd/m * W is missing a factor; db and dZ are right",
            checks=[
                Check("return structure", True, "11 keys: dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1"),
                Check("dZ3, db3, dA2, dZ2, db2, dA1, dZ1, db1", True),
                Check("dW3", False, "off by lambd/m * W3 (the regularisation term is counted twice)"),
                Check("dW2", False, "off by lambd/m * W2"),
                Check("dW1", False, "off by lambd/m * W1"),
                Check("dW2 numerically", False, "analytic and numeric gradients differ by 0.41 (relative)"),
            ],
            failure=Failure(
                inputs=(
                    InputView("X", "array (3, 4) float64", X_VALUES),
                    InputView("Y", "array (1, 4) int64", "array([[1, 0, 1, 0]])"),
                    InputView("cache", "tuple of 12 arrays from the reference forward pass (Z1 ... b3)"),
                    InputView("lambd", "0.7", None),
                ),
                expected=f"dW1 = {W1_EXPECTED}",
                got=f"dW1 = {W1_STUDENT}",
                diffs=(
                    ArrayDiff("grads['dW1']", (5, 3), (5, 3), 15, 15, 0.34195728, 0.22474981,
                              (("[0, 0]", 1.46040903, 1.78862847), ("[1, 0]", -1.52153542, -1.8634927), ("[4, 1]", 1.39586395, 1.70957306))),
                    ArrayDiff("grads['dW2']", (3, 5), (3, 5), 14, 15, 0.1520412, 0.2247498,
                              (("[0, 2]", 0.0412, 0.0505), ("[2, 4]", -0.6765, -0.8287))),
                    ArrayDiff("grads['dW3']", (1, 3), (3, 1), 3, 3, math.inf, math.nan, ()),
                ),
            ),
            stdout=STDOUT,
            examples=100,
            seconds=0.62,
        ),
        ExerciseResult(
            name="forward_propagation_with_dropout",
            module="regularization",
            status=Status.ERROR,
            score=0,
            max_score=3,
            message="TypeError: 'tuple' object cannot be interpreted as an integer (regularization.py, line 61)",
            checks=[Check("runs", False, "raised TypeError on the first input")],
            failure=Failure(
                inputs=(
                    InputView("X", "array (3, 4) float64", X_VALUES),
                    InputView("parameters", "dict: W1 (5, 3), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1)"),
                    InputView("keep_prob", "0.86", None),
                ),
            ),
            traceback=TRACEBACK,
            examples=1,
            seconds=0.02,
        ),
        _passed("backward_propagation_with_dropout", "regularization", 2,
                ["return structure", "gradients", "masks applied", "scaled by keep_prob"], 100),
        _passed("forward_propagation", "gradient_checking", 1, ["value"], 100),
        _passed("backward_propagation", "gradient_checking", 1, ["value", "numerically"], 100),
        _passed("gradient_check", "gradient_checking", 2,
                ["correct backward accepted", "wrong backward rejected", "difference value"], 60),
        ExerciseResult(
            name="gradient_check_n",
            module="gradient_checking",
            status=Status.TIMEOUT,
            score=0,
            max_score=3,
            message="did not return within 10 s on a network with 47 parameters (an infinite loop over theta?)",
            failure=Failure(
                inputs=(
                    InputView("parameters", "dict: W1 (5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1)"),
                    InputView("gradients", "dict of 11 arrays, correct"),
                    InputView("X", "array (4, 3) float64"),
                    InputView("Y", "array (1, 3) int64", "array([[1, 1, 0]])"),
                    InputView("epsilon", "1e-07", None),
                ),
            ),
            stdout="checking parameter 0\nchecking parameter 1\nchecking parameter 1\nchecking parameter 1\n",
            examples=1,
            seconds=10.0,
        ),
        _passed("update_parameters_with_gd", "optimization", 1, ["return structure", "values"], 100),
        ExerciseResult(
            name="random_mini_batches",
            module="optimization",
            status=Status.FAILED,
            score=1,
            max_score=2,
            message="the last, smaller mini-batch is missing when m is not a multiple of mini_batch_size (m = 148, size 64)",
            checks=[
                Check("return structure", True),
                Check("one shared permutation of X and Y", True),
                Check("batch sizes", False, "expected sizes [64, 64, 20], got [64, 64]"),
                Check("a partition of the examples", False, "20 of 148 examples appear in no mini-batch"),
            ],
            failure=Failure(
                inputs=(
                    InputView("X", "array (12288, 148) float64"),
                    InputView("Y", "array (1, 148) int64"),
                    InputView("mini_batch_size", "64", None),
                    InputView("seed", "0", None),
                ),
                expected="3 mini-batches of sizes [64, 64, 20]",
                got="2 mini-batches of sizes [64, 64]",
            ),
            examples=80,
            seconds=1.4,
        ),
        _passed("initialize_velocity", "optimization", 1, ["keys", "shapes", "all zeros"], 50),
        _passed("update_parameters_with_momentum", "optimization", 2, ["parameters", "velocity"], 100),
        _passed("initialize_adam", "optimization", 1, ["keys", "shapes", "all zeros"], 50),
        ExerciseResult(
            name="update_parameters_with_adam",
            module="optimization",
            status=Status.FAILED,
            score=0,
            max_score=3,
            message="v_corrected divides by (1 - beta1) ** t - 1, which is 0 at t = 1: bias correction is wrong",
            checks=[
                Check("return structure", True, "5 values: parameters, v, s, v_corrected, s_corrected"),
                Check("v, s", True),
                Check("v_corrected, s_corrected", False, "not finite at t = 1"),
                Check("parameters", False, "not finite at t = 1"),
            ],
            failure=Failure(
                inputs=(
                    InputView("parameters", "dict: W1 (2, 3), b1 (2, 1)"),
                    InputView("grads", "dict: dW1 (2, 3), db1 (2, 1)"),
                    InputView("v, s", "dicts of zeros, as initialize_adam returns"),
                    InputView("t", "1", None),
                    InputView("learning_rate", "0.01", None),
                    InputView("beta1, beta2, epsilon", "0.9, 0.999, 1e-08", None),
                ),
                expected="v_corrected['dW1'] = array([[-0.87810789, -0.15643417,  0.25657045], [-0.98877905, -0.33882197, -0.23618403]])",
                got=ADAM_GOT,
                diffs=(
                    ArrayDiff("v_corrected['dW1']", (2, 3), (2, 3), 6, 6, math.nan, math.nan,
                              (("[0, 0]", -0.87810789, math.nan), ("[1, 2]", -0.23618403, math.nan))),
                    ArrayDiff("s_corrected['dW1']", (2, 3), (2, 3), 6, 6, math.inf, math.inf,
                              (("[0, 0]", 0.77107346, math.inf),)),
                    ArrayDiff("parameters['W1']", (2, 3), (2, 3), 6, 6, 1.2e-5, 3.4e-6, ()),
                ),
            ),
            examples=100,
            seconds=0.9,
        ),
        _passed("update_lr", "optimization", 1, ["value"], 100),
        ExerciseResult(
            name="schedule_lr_decay",
            module="optimization",
            status=Status.MISSING,
            score=0,
            max_score=1,
            message="not attempted: the function still raises NotImplementedError",
        ),
    ]
    return Report(
        submission="submissions/ada_lovelace",
        seed=20240917,
        exercises=exercises,
        grader_version=GRADER_VERSION,
        isolation={"level": "namespaces", "layers": ["a separate worker process", "bubblewrap namespaces: no network"],
                   "missing": ["an unprivileged user: student code runs as root"]},
        seconds=14.27,
    )


@pytest.fixture
def report() -> Report:
    return make_report()
