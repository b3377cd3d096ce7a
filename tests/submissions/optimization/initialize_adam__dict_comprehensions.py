# exercise: initialize_adam
# expect: passed
# why: two dict comprehensions over the parameter keys
def initialize_adam(parameters):
    v = {"d" + key: np.zeros(value.shape) for key, value in parameters.items()}
    s = {"d" + key: np.zeros(value.shape) for key, value in parameters.items()}
    return v, s
