# exercise: gradient_check
# expect: failed
# why: one-sided difference (J(theta + eps) - J(theta)) / eps instead of the centred formula (1)
# named: it uses a one-sided difference
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    J_plus = forward_propagation(x, theta_plus)
    J = forward_propagation(x, theta)
    gradapprox = (J_plus - J) / epsilon
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        print("difference = " + str(difference))
    return difference
