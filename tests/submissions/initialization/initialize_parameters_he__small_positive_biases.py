# exercise: initialize_parameters_he
# expect: failed
# why: sets the biases to a small positive constant 0.01 (a ReLU habit from elsewhere); He initialization here keeps the biases zero
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2. / layers_dims[l - 1])
        parameters['b' + str(l)] = np.full((layers_dims[l], 1), 0.01)
    return parameters
