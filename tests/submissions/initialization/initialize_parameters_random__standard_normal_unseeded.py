# exercise: initialize_parameters_random
# expect: passed
# why: no seed and np.random.standard_normal with a shape tuple; any Gaussian stream with std 10 is correct
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        shape = (layers_dims[l], layers_dims[l - 1])
        parameters[f"W{l}"] = 10 * np.random.standard_normal(shape)
        parameters[f"b{l}"] = np.zeros((shape[0], 1))
    return parameters
