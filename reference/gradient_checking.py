"""Reference solutions for the Gradient Checking notebook.

`gradient_check` looks up `forward_propagation` and `backward_propagation` as module
globals on every call, so the grader can bind known-correct and known-wrong versions.
"""

import numpy as np

from grader.course import dictionary_to_vector, forward_propagation_n, gradients_to_vector, vector_to_dictionary


def forward_propagation(x, theta):
    J = theta * x
    return J


def backward_propagation(x, theta):
    dtheta = x  # d(theta * x) / d(theta)
    return dtheta


def _relative_difference(grad, gradapprox):
    """||grad - gradapprox|| / (||grad|| + ||gradapprox||), the course's comparison."""
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return numerator / denominator


def _report(difference):
    if difference > 2e-7:
        print("\033[93m" + "There is a mistake in the backward propagation! difference = "
              + str(difference) + "\033[0m")
    else:
        print("\033[92m" + "Your backward propagation works perfectly fine! difference = "
              + str(difference) + "\033[0m")


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)  # central difference, error O(epsilon^2)

    grad = backward_propagation(x, theta)
    difference = _relative_difference(grad, gradapprox)
    if print_msg:
        _report(difference)
    return difference


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))

        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))

        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)

    difference = _relative_difference(grad, gradapprox)
    if print_msg:
        _report(difference)
    return difference
