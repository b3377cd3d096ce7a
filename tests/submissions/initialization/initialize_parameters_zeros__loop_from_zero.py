# exercise: initialize_parameters_zeros
# expect: failed
# why: off-by-one, range(L) starts at layer 0 and adds spurious W0 and b0 (W0 built from layers_dims[-1])
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(L):
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
