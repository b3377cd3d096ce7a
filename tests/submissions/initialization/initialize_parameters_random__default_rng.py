# exercise: initialize_parameters_random
# expect: passed
# why: draws from NumPy's Generator API (default_rng().standard_normal) instead of the legacy seeded np.random.randn
def initialize_parameters_random(layers_dims):
    rng = np.random.default_rng(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
