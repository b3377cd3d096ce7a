# exercise: initialize_parameters_random
# expect: failed
# why: W drawn with shape (layers_dims[l-1], layers_dims[l]): the dimensions are transposed
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l - 1], layers_dims[l]) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
