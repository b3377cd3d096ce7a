# exercise: initialize_parameters_random
# expect: error
# why: passes a shape tuple to np.random.randn, which takes the sizes as separate arguments and raises TypeError
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn((layers_dims[l], layers_dims[l - 1])) * 10
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
