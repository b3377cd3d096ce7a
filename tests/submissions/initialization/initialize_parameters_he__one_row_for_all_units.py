# exercise: initialize_parameters_he
# expect: failed
# why: draws one row of He-scaled weights and copies it to every unit of the layer, so symmetry is never broken
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        row = np.random.randn(layers_dims[l - 1]) * np.sqrt(2. / layers_dims[l - 1])
        parameters['W' + str(l)] = np.tile(row, (layers_dims[l], 1))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
