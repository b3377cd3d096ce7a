"""Optimization methods, compared with the reference: updates, momentum, Adam, learning-rate
decay; and the generated cases of random_mini_batches, graded by its contract.

Networks have 1 to 4 layers; v and s start nonzero and t ranges from 1 to large,
so bias correction and the moving averages are all visible.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from hypothesis import strategies as st

from grader import inputs, strategies
from grader.rubrics.base import Case, Mistake, Rubric, against_reference
from grader.rubrics import optimization as contract
from grader.rubrics.optimization import COMPARING
from reference import optimization as ref

_dims = strategies.layer_dims(min_layers=2, max_layers=5, max_units=5)
_learning_rates = strategies.positive_floats(low=1e-3, high=1.0)
_betas = st.floats(0.5, 0.99)


def _per_layer(update):
    """A mistake built from a per-layer rule update(W, dW, l, L) -> new W."""
    def compute(parameters, grads, learning_rate):
        L = len(parameters) // 2
        new = {}
        for l in range(1, L + 1):
            for kind in ("W", "b"):
                new[f"{kind}{l}"] = update(parameters[f"{kind}{l}"], grads[f"d{kind}{l}"], learning_rate, l, L, kind)
        return new
    return compute


# ---- update_parameters_with_gd ----------------------------------------------

@st.composite
def _gd_cases(draw):
    dims = draw(_dims)
    rng = np.random.default_rng(draw(strategies.seeds()))
    return _gd_case(dims, draw(_learning_rates), rng)


def _gd_case(dims, learning_rate, rng) -> Case:
    parameters = inputs.parameters(dims, rng)
    return Case(args=(("parameters", parameters), ("grads", inputs.like(parameters, rng)),
                      ("learning_rate", learning_rate)))


GD = Rubric(
    name="update_parameters_with_gd",
    cases=_gd_cases(),
    explicit=(_gd_case([3, 4, 2, 1], 0.1, np.random.default_rng(1)), _gd_case([2, 3, 1], 0.35, np.random.default_rng(2))),
    judge=against_reference(
        ref.update_parameters_with_gd,
        COMPARING["update_parameters_with_gd"],
        mistakes=(
            Mistake("the update adds the gradient (W + lr * dW): gradient descent subtracts it",
                    _per_layer(lambda W, dW, lr, l, L, kind: W + lr * dW)),
            Mistake("the update leaves out the learning rate",
                    _per_layer(lambda W, dW, lr, l, L, kind: W - dW)),
            Mistake("the loop misses the last layer (range(1, L) instead of range(1, L + 1))",
                    _per_layer(lambda W, dW, lr, l, L, kind: W if l == L else W - lr * dW)),
            Mistake("only the weights are updated, not the biases",
                    _per_layer(lambda W, dW, lr, l, L, kind: W if kind == "b" else W - lr * dW)),
        ),
    ),
)


# ---- initialize_velocity and initialize_adam --------------------------------

@st.composite
def _parameter_cases(draw):
    dims = draw(_dims)
    return _parameter_case(dims, np.random.default_rng(draw(strategies.seeds())))


def _parameter_case(dims, rng) -> Case:
    return Case(args=(("parameters", inputs.parameters(dims, rng)),))


def _zeros_keyed_like_parameters(parameters):
    return {key: np.zeros_like(value) for key, value in parameters.items()}


VELOCITY = Rubric(
    name="initialize_velocity",
    cases=_parameter_cases(),
    explicit=(_parameter_case([3, 4, 2, 1], np.random.default_rng(1)), _parameter_case([2, 3, 1], np.random.default_rng(2))),
    judge=against_reference(
        ref.initialize_velocity,
        COMPARING["initialize_velocity"],
        mistakes=(Mistake("the keys are W1, b1, ... instead of dW1, db1, ...", _zeros_keyed_like_parameters),),
    ),
)

ADAM_INIT = Rubric(
    name="initialize_adam",
    cases=_parameter_cases(),
    explicit=(_parameter_case([3, 4, 2, 1], np.random.default_rng(1)),),
    judge=against_reference(ref.initialize_adam, COMPARING["initialize_adam"]),
)


# ---- update_parameters_with_momentum ----------------------------------------

@st.composite
def _momentum_cases(draw):
    dims = draw(_dims)
    rng = np.random.default_rng(draw(strategies.seeds()))
    return _momentum_case(dims, draw(_betas), draw(_learning_rates), rng)


def _momentum_case(dims, beta, learning_rate, rng) -> Case:
    parameters = inputs.parameters(dims, rng)
    return Case(args=(("parameters", parameters), ("grads", inputs.like(parameters, rng)),
                      ("v", inputs.like(parameters, rng)), ("beta", beta), ("learning_rate", learning_rate)))


def _momentum(velocity, step):
    """A mistaken momentum update: velocity(v, dW, beta) -> new v; step(v, dW, lr) -> change of W."""
    def compute(parameters, grads, v, beta, learning_rate):
        new_parameters, new_v = {}, {}
        for key, value in parameters.items():
            g = "d" + key
            new_v[g] = velocity(v[g], grads[g], beta)
            new_parameters[key] = value - step(new_v[g], grads[g], learning_rate)
        return new_parameters, new_v
    return compute


MOMENTUM = Rubric(
    name="update_parameters_with_momentum",
    cases=_momentum_cases(),
    explicit=(_momentum_case([3, 4, 2, 1], 0.8, 0.1, np.random.default_rng(1)),
              _momentum_case([2, 3, 1], 0.6, 0.3, np.random.default_rng(2))),
    judge=against_reference(
        ref.update_parameters_with_momentum,
        COMPARING["update_parameters_with_momentum"],
        mistakes=(
            Mistake("the velocity is beta * v + dW, without the factor (1 - beta) on the gradient",
                    _momentum(lambda v, g, b: b * v + g, lambda v, g, lr: lr * v)),
            Mistake("beta and (1 - beta) are swapped in the velocity",
                    _momentum(lambda v, g, b: (1 - b) * v + b * g, lambda v, g, lr: lr * v)),
            Mistake("the parameters are updated with the gradient instead of the velocity",
                    _momentum(lambda v, g, b: b * v + (1 - b) * g, lambda v, g, lr: lr * g)),
        ),
    ),
)


# ---- update_parameters_with_adam --------------------------------------------

_steps = st.one_of(st.just(1), st.integers(2, 10), st.integers(11, 10_000))
_epsilons = st.one_of(st.just(1e-8), strategies.positive_floats(low=1e-8, high=1.0))


@st.composite
def _adam_cases(draw):
    dims = draw(_dims)
    rng = np.random.default_rng(draw(strategies.seeds()))
    return _adam_case(dims, draw(_steps), draw(strategies.positive_floats(low=1e-4, high=0.1)),
                      draw(_betas), draw(st.floats(0.9, 0.9999)), draw(_epsilons), rng)


def _adam_case(dims, t, learning_rate, beta1, beta2, epsilon, rng) -> Case:
    parameters = inputs.parameters(dims, rng)
    return Case(args=(("parameters", parameters), ("grads", inputs.like(parameters, rng)),
                      ("v", inputs.like(parameters, rng, scale=0.3)),
                      ("s", inputs.like(parameters, rng, scale=0.3, positive=True)),
                      ("t", t), ("learning_rate", learning_rate), ("beta1", beta1), ("beta2", beta2),
                      ("epsilon", epsilon)))


def _adam(*, first=lambda v, g, b1: b1 * v + (1 - b1) * g, second=lambda s, g, b2: b2 * s + (1 - b2) * g * g,
          correct=lambda beta, t: 1 - beta ** t, step=lambda vc, sc, eps: vc / (np.sqrt(sc) + eps),
          corrected_in_step=True):
    """A mistaken Adam built from its parts; the defaults are the correct parts."""
    def compute(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
        new_parameters, new_v, new_s, v_corrected, s_corrected = {}, {}, {}, {}, {}
        for key, value in parameters.items():
            g = "d" + key
            new_v[g] = first(v[g], grads[g], beta1)
            new_s[g] = second(s[g], grads[g], beta2)
            v_corrected[g] = new_v[g] / correct(beta1, t)
            s_corrected[g] = new_s[g] / correct(beta2, t)
            used = (v_corrected[g], s_corrected[g]) if corrected_in_step else (new_v[g], new_s[g])
            new_parameters[key] = value - learning_rate * step(*used, epsilon)
        return new_parameters, new_v, new_s, v_corrected, s_corrected
    return compute


ADAM = Rubric(
    name="update_parameters_with_adam",
    cases=_adam_cases(),
    explicit=(
        _adam_case([3, 4, 2, 1], 1, 0.01, 0.9, 0.999, 1e-8, np.random.default_rng(1)),
        _adam_case([2, 3, 1], 7, 0.01, 0.9, 0.999, 0.1, np.random.default_rng(2)),
        _adam_case([3, 2, 1], 3, 0.02, 0.8, 0.99, 1e-8, np.random.default_rng(3)),
    ),
    judge=against_reference(
        ref.update_parameters_with_adam,
        COMPARING["update_parameters_with_adam"],
        mistakes=(
            Mistake("epsilon is added inside the square root: use sqrt(s_corrected) + epsilon",
                    _adam(step=lambda vc, sc, eps: vc / np.sqrt(sc + eps))),
            Mistake("the update uses v and s instead of the bias-corrected v_corrected and s_corrected",
                    _adam(corrected_in_step=False)),
            Mistake("there is no bias correction: v_corrected and s_corrected are v and s",
                    _adam(correct=lambda beta, t: 1.0)),
            Mistake("the bias correction uses beta^(t+1) instead of beta^t",
                    _adam(correct=lambda beta, t: 1 - beta ** (t + 1))),
            Mistake("the bias correction uses (1 - beta)^t instead of 1 - beta^t",
                    _adam(correct=lambda beta, t: (1 - beta) ** t)),
            Mistake("s averages the gradients, not their squares",
                    _adam(second=lambda s, g, b2: b2 * s + (1 - b2) * g)),
            Mistake("the square root of s_corrected is missing in the update",
                    _adam(step=lambda vc, sc, eps: vc / (sc + eps))),
            Mistake("v is beta1 * v + dW, without the factor (1 - beta1)",
                    _adam(first=lambda v, g, b1: b1 * v + g)),
        ),
    ),
    max_examples=12,
)


# ---- learning-rate decay ----------------------------------------------------

_rates = strategies.positive_floats(low=1e-4, high=1.0)
_decays = strategies.positive_floats(low=0.01, high=5.0)


def _lr_case(learning_rate0, epoch_num, decay_rate) -> Case:
    return Case(args=(("learning_rate0", learning_rate0), ("epoch_num", epoch_num), ("decay_rate", decay_rate)))


UPDATE_LR = Rubric(
    name="update_lr",
    cases=st.builds(_lr_case, _rates, st.integers(0, 10_000), _decays),
    explicit=(_lr_case(0.5, 2, 1.0), _lr_case(0.3, 7, 0.25)),
    judge=against_reference(
        ref.update_lr,
        COMPARING["update_lr"],
        mistakes=(
            Mistake("it computes learning_rate0 / (1 + decay_rate) * epoch_num: the product belongs in the denominator",
                    lambda lr0, epoch, decay: lr0 / (1 + decay) * epoch),
            Mistake("it computes learning_rate0 / 1 + decay_rate * epoch_num: parentheses are missing",
                    lambda lr0, epoch, decay: lr0 / 1 + decay * epoch),
            Mistake("it decays exponentially (learning_rate0 / (1 + decay_rate) ** epoch_num)",
                    lambda lr0, epoch, decay: lr0 / (1 + decay) ** epoch),
            Mistake("it uses exp(-decay_rate * epoch_num) decay", lambda lr0, epoch, decay: lr0 * math.exp(-decay * epoch)),
        ),
    ),
)


def _schedule_case(learning_rate0, epoch_num, decay_rate, time_interval) -> Case:
    return Case(args=(("learning_rate0", learning_rate0), ("epoch_num", epoch_num), ("decay_rate", decay_rate),
                      ("time_interval", time_interval)))


def _scheduled(steps):
    return lambda lr0, epoch, decay, interval: lr0 / (1 + decay * steps(epoch, interval))


SCHEDULE = Rubric(
    name="schedule_lr_decay",
    cases=st.builds(_schedule_case, _rates, st.integers(0, 10_000), _decays, st.integers(1, 2000)),
    explicit=(_schedule_case(0.5, 1700, 0.3, 1000), _schedule_case(0.5, 270, 0.3, 100),
              _schedule_case(0.1, 10, 1.0, 3)),
    judge=against_reference(
        ref.schedule_lr_decay,
        COMPARING["schedule_lr_decay"],
        mistakes=(
            Mistake("it rounds epoch_num / time_interval instead of flooring it",
                    _scheduled(lambda epoch, interval: round(epoch / interval))),
            Mistake("it rounds epoch_num / time_interval up (ceil) instead of flooring it",
                    _scheduled(lambda epoch, interval: math.ceil(epoch / interval))),
            Mistake("it does not floor epoch_num / time_interval",
                    _scheduled(lambda epoch, interval: epoch / interval)),
            Mistake("it ignores time_interval (uses 1000 whatever is passed)",
                    _scheduled(lambda epoch, interval: epoch // 1000)),
            Mistake("it decays every epoch, ignoring time_interval",
                    _scheduled(lambda epoch, interval: epoch)),
        ),
    ),
)

@st.composite
def _batch_cases(draw):
    size = draw(st.integers(1, 40))
    complete = draw(st.integers(0, 4))
    remainder = draw(st.integers(0, size - 1))
    m = max(1, complete * size + remainder)
    n_x = draw(st.integers(1, 4))
    return contract.batch_case(n_x, m, size, draw(strategies.seeds()))


MINI_BATCHES = dataclasses.replace(contract.MINI_BATCHES, cases=_batch_cases(), max_examples=12)

RUBRICS = (GD, MINI_BATCHES, VELOCITY, MOMENTUM, ADAM_INIT, ADAM, UPDATE_LR, SCHEDULE)
