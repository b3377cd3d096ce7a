# exercise: initialize_parameters_he
# expect: passed
# why: a dict comprehension over consecutive sizes with (2 / n_prev) ** 0.5 and np.random.standard_normal
def initialize_parameters_he(layers_dims):
    pairs = list(zip(layers_dims[:-1], layers_dims[1:]))
    parameters = {}
    parameters.update({"W" + str(l): np.random.standard_normal((n, n_prev)) * (2 / n_prev) ** 0.5
                       for l, (n_prev, n) in enumerate(pairs, start=1)})
    parameters.update({"b" + str(l): np.zeros((n, 1)) for l, (n_prev, n) in enumerate(pairs, start=1)})
    return parameters
