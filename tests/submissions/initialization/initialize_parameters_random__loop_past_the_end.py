# exercise: initialize_parameters_random
# expect: error
# why: off-by-one, L = len(layers_dims) with range(1, L + 1) indexes layers_dims[L] and raises IndexError
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L + 1):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
