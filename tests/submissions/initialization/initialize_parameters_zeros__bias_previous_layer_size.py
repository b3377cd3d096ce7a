# exercise: initialize_parameters_zeros
# expect: failed
# why: b sized by the previous layer, (layers_dims[l-1], 1), instead of by the layer itself
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l - 1], 1))
    return parameters
