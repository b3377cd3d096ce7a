# exercise: gradient_check_n
# expect: passed
# why: works on flat 1-D vectors (np.ravel) instead of column vectors, and builds theta_plus with .copy()
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    values, _ = dictionary_to_vector(parameters)
    values = np.ravel(values)
    grad = np.ravel(gradients_to_vector(gradients))
    n = values.size
    gradapprox = np.zeros(n)
    for i in range(n):
        theta_plus = values.copy()
        theta_plus[i] += epsilon
        theta_minus = values.copy()
        theta_minus[i] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        print("difference = " + str(difference))
    return difference
