# exercise: gradient_check
# expect: failed
# why: returns only the numerator ||grad - gradapprox||, not divided by ||grad|| + ||gradapprox||
# named: it returns only the numerator ||grad - gradapprox||, without dividing by ||grad|| + ||gradapprox||
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = np.linalg.norm(grad - gradapprox)
    if print_msg:
        print("difference = " + str(difference))
    return difference
