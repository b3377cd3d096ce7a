# exercise: initialize_velocity
# expect: passed
# why: one dict comprehension over the parameter keys
def initialize_velocity(parameters):
    return {"d" + key: np.zeros(value.shape) for key, value in parameters.items()}
