# exercise: gradient_check_n
# expect: passed
# why: perturbs one working copy in place and restores the saved value after each pair of evaluations
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    theta = np.copy(parameters_values)
    num_parameters = theta.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        saved = theta[i, 0]
        theta[i, 0] = saved + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta))
        theta[i, 0] = saved - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta))
        theta[i, 0] = saved
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        status = "OK" if difference <= 2e-7 else "MISTAKE in backprop"
        print(f"[gradient check] {status} (difference = {difference})")
    return difference
