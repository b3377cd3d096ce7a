# exercise: initialize_parameters_he
# expect: passed
# why: uses NumPy's Generator API, default_rng().standard_normal, unseeded; any Gaussian stream with the He scale is correct
def initialize_parameters_he(layers_dims):
    rng = np.random.default_rng()
    parameters = {}
    for l in range(1, len(layers_dims)):
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * np.sqrt(2.0 / n_prev)
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters
