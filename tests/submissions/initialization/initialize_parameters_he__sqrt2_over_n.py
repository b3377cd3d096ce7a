# exercise: initialize_parameters_he
# expect: failed
# why: takes the square root of the numerator only, sqrt(2) / n_prev instead of sqrt(2 / n_prev)
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2) / layers_dims[l - 1]
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
