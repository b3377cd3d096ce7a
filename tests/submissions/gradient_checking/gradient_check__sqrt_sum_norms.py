# exercise: gradient_check
# expect: passed
# why: norms written as np.sqrt(np.sum(d ** 2)) instead of np.linalg.norm
def _norm(a):
    return np.sqrt(np.sum(np.square(a)))


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = _norm(grad - gradapprox) / (_norm(grad) + _norm(gradapprox))
    if print_msg:
        print("difference = " + str(difference))
    return difference
