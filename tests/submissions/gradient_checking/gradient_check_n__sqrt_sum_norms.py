# exercise: gradient_check_n
# expect: passed
# why: norms as np.sqrt(np.sum(d ** 2)) and the perturbed vector built as theta + epsilon * e_i
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        e_i = np.zeros((num_parameters, 1))
        e_i[i] = epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values + e_i))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values - e_i))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.sqrt(np.sum((grad - gradapprox) ** 2))
    denominator = np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))
    difference = numerator / denominator
    if print_msg:
        print("difference = " + str(difference))
    return difference
