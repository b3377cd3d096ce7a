"""Optimization methods: mini-batches by their contract, and how the answers of the
updates, momentum, Adam and learning-rate decay are compared with the reference.

Parameter updates are compared as updates (new - old), so a small slip such as
epsilon inside the square root is not drowned by the much larger unchanged
weights. Their cases and known mistakes are in grader.oracle.optimization.
"""

from __future__ import annotations

import numpy as np

from grader.compare import Tolerance
from grader.results import Check
from grader.rubrics.base import Case, Comparing, Returned, Rubric, by_contract
from grader.rubrics.contracts import no_shared_arrays

TOLERANCE = Tolerance(rtol=1e-7, atol=1e-12)
UPDATES = dict(view_note="parameters are compared as updates: the returned value minus the one passed in")


def _updates(case: Case, value, *, position: int | None = None):
    """Replace each returned parameter by its update: the new value minus the one passed in.

    Only a value of the right form is rewritten (a dict, or a tuple holding the dict at
    `position`), and only arrays of the old shape; anything else is left as returned, so
    the comparison reports it as it is.
    """
    if position is None:
        return _dict_updates(case.arg("parameters"), value) if isinstance(value, dict) else value
    if not (isinstance(value, (tuple, list)) and len(value) > position and isinstance(value[position], dict)):
        return value
    deltas = _dict_updates(case.arg("parameters"), value[position])
    return tuple(deltas if i == position else item for i, item in enumerate(value))


def _dict_updates(old: dict, new: dict) -> dict:
    return {key: item - old[key] if isinstance(item, np.ndarray) and key in old and item.shape == old[key].shape
            else item for key, item in new.items()}


def _updates_at(position: int):
    return lambda case, value: _updates(case, value, position=position)


def _separate(*names: str):
    return lambda case, returned: [no_shared_arrays(returned.aliases, names=names)]


COMPARING = {
    "update_parameters_with_gd": Comparing(tolerance=TOLERANCE, view=_updates, root="parameters", **UPDATES),
    "initialize_velocity": Comparing(tolerance=Tolerance(rtol=0, atol=0), extra=(_separate("v"),)),
    "update_parameters_with_momentum": Comparing(tolerance=TOLERANCE, outputs=("parameters", "v"),
                                                 view=_updates_at(0), **UPDATES),
    "initialize_adam": Comparing(tolerance=Tolerance(rtol=0, atol=0), outputs=("v", "s"),
                                 extra=(_separate("v", "s"),)),
    "update_parameters_with_adam": Comparing(
        tolerance=TOLERANCE, outputs=("parameters", "v", "s", "v_corrected", "s_corrected"),
        older_outputs=("parameters", "v", "s"), view=_updates_at(0), **UPDATES),
    "update_lr": Comparing(tolerance=Tolerance(rtol=1e-12, atol=0)),
    "schedule_lr_decay": Comparing(tolerance=Tolerance(rtol=1e-12, atol=0)),
}


# ---- random_mini_batches ----------------------------------------------------

def batch_case(n_x, m, size, seed) -> Case:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    X[0] = rng.permutation(m) + rng.random(m) * 0.5  # distinct first row: identifies each column
    Y = rng.random((1, m))  # distinct values, so a Y shuffled on its own shows
    return Case(args=(("X", X), ("Y", Y), ("mini_batch_size", size), ("seed", seed % 1000)))


def _batch_structure(case: Case, returned: Returned) -> Check:
    batches = returned.value
    X = case.arg("X")
    if not isinstance(batches, (list, tuple)):
        return Check("return structure", False, "Return a list of (mini_batch_X, mini_batch_Y) pairs")
    for index, batch in enumerate(batches):
        if not (isinstance(batch, (list, tuple)) and len(batch) == 2
                and all(isinstance(part, np.ndarray) and part.ndim == 2 for part in batch)):
            return Check("return structure", False,
                         f"Mini-batch {index} is not a pair (mini_batch_X, mini_batch_Y) of 2-D arrays")
        batch_X, batch_Y = batch
        if batch_X.shape[0] != X.shape[0] or batch_Y.shape[0] != 1 or batch_X.shape[1] != batch_Y.shape[1]:
            return Check("return structure", False,
                         f"Mini-batch {index} has X of shape {batch_X.shape} and Y of shape {batch_Y.shape}; "
                         f"expected ({X.shape[0]}, k) and (1, k)")
    return Check("return structure", True)


def _batch_sizes(case: Case, returned: Returned) -> Check:
    m = case.arg("X").shape[1]
    size = case.arg("mini_batch_size")
    expected = [size] * (m // size) + ([m % size] if m % size else [])
    got = [batch[0].shape[1] for batch in returned.value]
    if got == expected:
        return Check("mini-batch sizes", True)
    message = f"With m = {m} and mini_batch_size = {size}, expected sizes {expected}, got {got}"
    if got == expected + [0]:
        message = f"An extra, empty mini-batch at the end (m = {m}, mini_batch_size = {size})"
        if m % size == 0:
            message += ": when m is a multiple of mini_batch_size there is no partial batch"
    elif m % size and got == expected[:-1]:
        message = f"The last, smaller mini-batch of {m % size} examples is missing (m = {m}, size = {size})"
    elif got[:-1] == expected[:-1]:
        message += ": check the slice of the last mini-batch"
    return Check("mini-batch sizes", False, message)


def _one_permutation(case: Case, returned: Returned) -> Check:
    X, Y = case.arg("X"), case.arg("Y")
    ids = {float(value): column for column, value in enumerate(X[0])}
    batch_X = np.concatenate([batch[0] for batch in returned.value], axis=1)
    batch_Y = np.concatenate([batch[1] for batch in returned.value], axis=1)
    order = [ids.get(float(value), -1) for value in batch_X[0]]
    if -1 in order or not np.array_equal(batch_X, X[:, order]):
        return Check("partition of the examples", False,
                     "The mini-batches hold columns that are not columns of X: shuffle whole columns (the "
                     "examples) with X[:, permutation], not the rows or single entries")
    if sorted(order) != list(range(X.shape[1])):
        return Check("partition of the examples", False, _repeated(order, returned.value, X.shape[1]))
    if not np.array_equal(batch_Y, Y[:, order]):
        return Check("partition of the examples", False,
                     "The labels no longer match their examples: shuffle X and Y with the same permutation")
    if X.shape[1] >= 8 and order in (sorted(order), sorted(order, reverse=True)):
        return Check("partition of the examples", False,
                     "The examples are not shuffled: draw a random permutation (np.random.permutation(m))")
    return Check("partition of the examples", True)


def _repeated(order: list[int], batches, m: int) -> str:
    """Every column is one of X's, but some twice and some never: which mini-batch repeats them."""
    seen: set[int] = set()
    start = 0
    for index, (batch_X, _) in enumerate(batches):
        columns = order[start:start + batch_X.shape[1]]
        start += batch_X.shape[1]
        if seen & set(columns) or len(set(columns)) < len(columns):
            repeats = len(seen & set(columns)) + len(columns) - len(set(columns))
            which = "The last mini-batch" if index == len(batches) - 1 else f"Mini-batch {index}"
            missing = m - len(set(order))
            return (f"{which} repeats {repeats} example{'s' if repeats > 1 else ''} of the ones before it, and "
                    f"{missing} of the {m} examples {'is' if missing == 1 else 'are'} in no mini-batch: each must "
                    "be in exactly one "
                    "(the mini-batches are consecutive slices of the shuffled columns, the last one from "
                    "num_complete_minibatches * mini_batch_size to m)")
        seen |= set(columns)
    return "Each example must be in exactly one mini-batch"


MINI_BATCHES = Rubric(
    name="random_mini_batches",
    explicit=(batch_case(3, 148, 64, 0), batch_case(2, 128, 64, 1), batch_case(2, 10, 3, 2),
              batch_case(1, 12, 4, 3)),
    judge=by_contract(_batch_structure, _batch_sizes, _one_permutation),
)


RUBRICS = (MINI_BATCHES,)
