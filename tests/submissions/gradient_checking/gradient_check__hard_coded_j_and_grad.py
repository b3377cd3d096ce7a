# exercise: gradient_check
# expect: failed
# why: the course's example written in twice (J = theta * x, grad = x): it returns 0 for any pair of functions it is given
# named: it calls neither forward_propagation nor backward_propagation
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    thetaplus = theta + epsilon
    thetaminus = theta - epsilon
    J_plus = x * thetaplus
    J_minus = x * thetaminus
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        print("difference = " + str(difference))
    return difference
