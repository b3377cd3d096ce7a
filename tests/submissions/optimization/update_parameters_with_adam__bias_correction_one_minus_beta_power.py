# exercise: update_parameters_with_adam
# expect: failed
# why: bias correction divides by (1 - beta) ** t instead of 1 - beta ** t
# named: the bias correction uses (1 - beta)^t instead of 1 - beta^t
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}

    for l in range(1, L + 1):
        for p in ("W" + str(l), "b" + str(l)):
            d = "d" + p
            v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
            v_corrected[d] = v[d] / np.power(1 - beta1, t)
            s[d] = beta2 * s[d] + (1 - beta2) * np.power(grads[d], 2)
            s_corrected[d] = s[d] / np.power(1 - beta2, t)
            parameters[p] = parameters[p] - learning_rate * v_corrected[d] / (np.sqrt(s_corrected[d]) + epsilon)

    return parameters, v, s, v_corrected, s_corrected
