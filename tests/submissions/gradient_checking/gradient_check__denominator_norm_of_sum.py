# exercise: gradient_check
# expect: failed
# why: the denominator is the norm of the sum ||grad + gradapprox||, not ||grad|| + ||gradapprox||; equal only when both have the same sign
# named: the denominator is ||grad + gradapprox|| instead of ||grad|| + ||gradapprox||

def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad + gradapprox)
    difference = numerator / denominator
    if print_msg:
        print("difference =", difference)
    return difference
