# exercise: gradient_check
# expect: failed
# why: uses a hard-coded 1e-7 instead of the epsilon it is given

def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    step = 1e-7
    J_plus = forward_propagation(x, theta + step)
    J_minus = forward_propagation(x, theta - step)
    gradapprox = (J_plus - J_minus) / (2 * step)
    grad = backward_propagation(x, theta)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference
