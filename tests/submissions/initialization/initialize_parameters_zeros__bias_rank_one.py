# exercise: initialize_parameters_zeros
# expect: failed
# why: b has shape (layers_dims[l],), a rank-1 array, instead of the column vector (layers_dims[l], 1)
# named: b is a flat vector of shape (n,); it must be a column (n, 1)
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros(layers_dims[l])
    return parameters
