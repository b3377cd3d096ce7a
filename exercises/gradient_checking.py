"""Exercises from the notebook "Gradient Checking".

Fill in each function, replacing `raise NotImplementedError` with your code.

When graded, your module runs with the course helpers already bound as globals
(np, math, relu, sigmoid, compute_cost, dictionary_to_vector, vector_to_dictionary,
gradients_to_vector, forward_propagation_n), exactly as in the notebook, so code
pasted from the notebook works unchanged. To run it on your own, import them:
`from grader.course import dictionary_to_vector, vector_to_dictionary,
gradients_to_vector, forward_propagation_n`.

Both gradient checks compare an analytic gradient `grad` with a numerical one
`gradapprox` through the relative difference

    difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)

(np.linalg.norm for ||.||). With epsilon = 1e-7 a correct gradient gives a
difference below 2e-7.
"""

import numpy as np


def forward_propagation(x, theta):
    """The one-dimensional "network" J(theta) = theta * x.

    Arguments:
    x -- a real-valued input
    theta -- the parameter, a real number

    Returns:
    J -- theta times x
    """
    raise NotImplementedError


def backward_propagation(x, theta):
    """The derivative of J(theta) = theta * x with respect to theta.

    Arguments:
    x -- a real-valued input
    theta -- the parameter, a real number

    Returns:
    dtheta -- dJ/dtheta, which is x
    """
    raise NotImplementedError


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """Check backward_propagation against a central-difference estimate.

    1. theta_plus = theta + epsilon, theta_minus = theta - epsilon
    2. J_plus = forward_propagation(x, theta_plus), J_minus = forward_propagation(x, theta_minus)
    3. gradapprox = (J_plus - J_minus) / (2 * epsilon)
    4. grad = backward_propagation(x, theta)
    5. difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)

    Call forward_propagation and backward_propagation by those names: the grader
    checks this function with known-correct and known-wrong versions of both.

    If print_msg is true, print "There is a mistake in the backward propagation!
    difference = ..." when difference > 2e-7, and "Your backward propagation works
    perfectly fine! difference = ..." otherwise.

    Arguments:
    x -- a real-valued input
    theta -- the parameter, a real number
    epsilon -- the small shift of theta used for the numerical derivative
    print_msg -- whether to print the verdict

    Returns:
    difference -- the relative difference above, a float
    """
    raise NotImplementedError


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Check the gradients of the 3-layer network against central differences.

    1. parameters_values, _ = dictionary_to_vector(parameters): all parameters as one
       column vector of shape (num_parameters, 1); grad = gradients_to_vector(gradients)
    2. For each i in range(num_parameters):
         theta_plus = np.copy(parameters_values); theta_plus[i] += epsilon
         J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
         theta_minus likewise with - epsilon, giving J_minus[i]
         gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    3. difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||)

    Copy the vector before shifting one entry: changing parameters_values in place
    would carry each shift into the next evaluation.

    If print_msg is true, print the same messages as gradient_check (threshold 2e-7).

    Arguments:
    parameters -- dict with "W1", "b1", "W2", "b2", "W3", "b3"
    gradients -- dict from backward propagation; its dW1, db1, ..., db3 are checked
    X -- input data, shape (n_x, m)
    Y -- true labels, shape (1, m)
    epsilon -- the small shift of each parameter
    print_msg -- whether to print the verdict

    Returns:
    difference -- the relative difference between grad and gradapprox, a float
    """
    raise NotImplementedError
