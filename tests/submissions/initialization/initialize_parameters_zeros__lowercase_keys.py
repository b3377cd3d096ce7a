# exercise: initialize_parameters_zeros
# expect: failed
# why: stores the parameters under 'w1', 'b1', ... instead of the course's keys 'W1', 'b1', ...
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['w' + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
