# exercise: update_parameters_with_adam
# expect: passed
# why: returns new dicts built by comprehensions over the gradient keys instead of mutating its arguments
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    keys = [prefix + str(l) for l in range(1, len(parameters) // 2 + 1) for prefix in ("dW", "db")]
    new_v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in keys}
    new_s = {k: beta2 * s[k] + (1 - beta2) * grads[k] * grads[k] for k in keys}
    v_corrected = {k: new_v[k] / (1 - beta1 ** t) for k in keys}
    s_corrected = {k: new_s[k] / (1 - beta2 ** t) for k in keys}
    new_parameters = {k[1:]: parameters[k[1:]] - learning_rate * v_corrected[k] / (np.sqrt(s_corrected[k]) + epsilon)
                      for k in keys}
    return new_parameters, new_v, new_s, v_corrected, s_corrected
