# exercise: initialize_parameters_random
# expect: failed
# why: initializes the biases randomly too; the biases must be zeros
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters['b' + str(l)] = np.random.randn(layers_dims[l], 1) * 10
    return parameters
