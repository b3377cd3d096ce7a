# exercise: gradient_check
# expect: failed
# why: denominator grad + gradapprox instead of ||grad|| + ||gradapprox|| (wrong, even negative, when the gradients are negative or of opposite signs)
# named: the denominator is grad + gradapprox without norms
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = grad + gradapprox
    difference = numerator / denominator
    if print_msg:
        print("difference = " + str(difference))
    return difference
