# exercise: initialize_parameters_random
# expect: failed
# why: forgot to scale by 10, so the weights have standard deviation 1 instead of the large 10 the exercise asks for
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
