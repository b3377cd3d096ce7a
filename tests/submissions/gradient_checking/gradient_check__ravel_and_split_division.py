# exercise: gradient_check
# expect: passed
# why: flattens with np.ravel before the norms and divides by epsilon then by 2
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = np.ravel((J_plus - J_minus) / epsilon / 2)
    grad = np.ravel(backward_propagation(x, theta))
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        print("difference = " + str(difference))
    return difference
