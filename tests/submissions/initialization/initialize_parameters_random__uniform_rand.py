# exercise: initialize_parameters_random
# expect: failed
# why: np.random.rand draws uniform values in [0, 1), so the weights are all positive with mean 5, not Gaussian randn
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.rand(layers_dims[l], layers_dims[l - 1]) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
