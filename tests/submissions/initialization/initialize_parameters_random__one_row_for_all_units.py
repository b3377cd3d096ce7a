# exercise: initialize_parameters_random
# expect: failed
# why: draws a single row of weights and repeats it for every unit of the layer, so symmetry is never broken
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        row = np.random.randn(1, layers_dims[l - 1]) * 10
        parameters['W' + str(l)] = np.ones((layers_dims[l], 1)) * row
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
