# exercise: initialize_parameters_zeros
# expect: passed
# why: fills the arrays with np.full(shape, 0.0) and np.zeros_like instead of np.zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        W = np.full((layers_dims[l], layers_dims[l - 1]), 0.0)
        parameters['W' + str(l)] = W
        parameters['b' + str(l)] = np.zeros_like(W[:, :1])
    return parameters
