# exercise: initialize_parameters_zeros
# expect: passed
# why: walks consecutive layer sizes with zip and enumerate instead of indexing layers_dims
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims[:-1], layers_dims[1:]), start=1):
        parameters["W%d" % l] = np.zeros(shape=(n, n_prev))
        parameters["b%d" % l] = np.zeros(shape=(n, 1))
    return parameters
