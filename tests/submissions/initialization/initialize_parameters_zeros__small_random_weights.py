# exercise: initialize_parameters_zeros
# expect: failed
# why: uses course 1's small random initialization (randn * 0.01) where the exercise asks for all zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
