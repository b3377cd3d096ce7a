# exercise: initialize_parameters_zeros
# expect: passed
# why: builds the same dict with a comprehension and f-string keys
def initialize_parameters_zeros(layers_dims):
    parameters = {f"W{l}": np.zeros((layers_dims[l], layers_dims[l - 1])) for l in range(1, len(layers_dims))}
    parameters.update({f"b{l}": np.zeros((layers_dims[l], 1)) for l in range(1, len(layers_dims))})
    return parameters
