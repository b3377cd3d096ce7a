# exercise: initialize_parameters_random
# expect: passed
# why: np.random.normal(0, 10, size) draws the same distribution as randn * 10
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters['W' + str(l)] = np.random.normal(loc=0.0, scale=10.0, size=(layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
