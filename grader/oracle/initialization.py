"""Initialization: zeros, compared with the reference, with its cases and known mistakes; the
generated cases of random and He initialization, graded by their contract."""

from __future__ import annotations

import dataclasses

import numpy as np

from grader import strategies
from grader.rubrics.base import Mistake, Rubric, against_reference
from grader.rubrics import initialization as contract
from grader.rubrics.initialization import COMPARING, dims_case
from reference import initialization as ref


def _zeros_with(dims, *, transposed=False, flat_bias=False, layers=None):
    params = {}
    for l in range(1, layers if layers is not None else len(dims)):
        params[f"W{l}"] = np.zeros((dims[l - 1], dims[l]) if transposed else (dims[l], dims[l - 1]))
        params[f"b{l}"] = np.zeros((dims[l],) if flat_bias else (dims[l], 1))
    return params


ZEROS = Rubric(
    name="initialize_parameters_zeros",
    cases=strategies.layer_dims(max_units=6).map(dims_case),
    explicit=(dims_case([3, 2, 1]), dims_case([2, 4, 3, 1])),
    judge=against_reference(
        ref.initialize_parameters_zeros,
        COMPARING["initialize_parameters_zeros"],
        mistakes=(
            Mistake("W has shape (layers_dims[l-1], layers_dims[l]): rows and columns are swapped",
                    lambda dims: _zeros_with(dims, transposed=True)),
            Mistake("b is a flat vector of shape (n,); it must be a column (n, 1)",
                    lambda dims: _zeros_with(dims, flat_bias=True)),
            Mistake("the loop stops one layer early (range(1, L - 1) instead of range(1, L))",
                    lambda dims: _zeros_with(dims, layers=len(dims) - 1)),
        ),
    ),
)

# Wide layers, as the contract's explicit cases have.
_wide_dims = strategies.layer_dims(min_layers=2, max_layers=4, min_units=20, max_units=40)
RANDOM = dataclasses.replace(contract.RANDOM, cases=_wide_dims.map(dims_case), max_examples=6)
HE = dataclasses.replace(contract.HE, cases=_wide_dims.map(dims_case), max_examples=6)

RUBRICS = (ZEROS, RANDOM, HE)
