# exercise: initialize_parameters_zeros
# expect: failed
# why: W has shape (layers_dims[l-1], layers_dims[l]): the dimensions of the weight matrix are transposed
# named: W has shape (layers_dims[l-1], layers_dims[l]): rows and columns are swapped
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
