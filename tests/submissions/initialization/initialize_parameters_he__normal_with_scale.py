# exercise: initialize_parameters_he
# expect: passed
# why: np.random.normal(0, sqrt(2 / n_prev), size) draws the He distribution directly
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        std = np.sqrt(2 / layers_dims[l - 1])
        parameters['W' + str(l)] = np.random.normal(0, std, size=(layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
