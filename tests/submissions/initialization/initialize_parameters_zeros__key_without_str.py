# exercise: initialize_parameters_zeros
# expect: error
# why: builds the key as 'W' + l without str(l); concatenating str and int raises TypeError
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + l] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters['b' + l] = np.zeros((layers_dims[l], 1))
    return parameters
