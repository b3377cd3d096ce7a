# exercise: initialize_parameters_he
# expect: passed
# why: loops from 0 and names layer l + 1, with math.sqrt for the scale; same parameters as the course loop
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(len(layers_dims) - 1):
        parameters['W' + str(l + 1)] = np.random.randn(layers_dims[l + 1], layers_dims[l]) * math.sqrt(2 / layers_dims[l])
        parameters['b' + str(l + 1)] = np.zeros((layers_dims[l + 1], 1))
    return parameters
