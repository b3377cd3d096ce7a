# exercise: initialize_parameters_zeros
# expect: failed
# why: off-by-one, range(1, L - 1) never creates the output layer's WL and bL
# named: the loop stops one layer early (range(1, L - 1) instead of range(1, L))
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L - 1):
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
