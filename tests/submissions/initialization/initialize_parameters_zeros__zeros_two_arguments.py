# exercise: initialize_parameters_zeros
# expect: error
# why: np.zeros(n, n_prev) passes the second size as the dtype argument (the shape must be one tuple), which raises TypeError
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.zeros(layers_dims[l], layers_dims[l - 1])
        parameters['b' + str(l)] = np.zeros(layers_dims[l], 1)
    return parameters
