# exercise: update_parameters_with_adam
# expect: passed
# why: course layout with f-string keys, np.square, and bias-correction factors computed once before the loop
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    correction1 = 1 - beta1 ** t
    correction2 = 1 - beta2 ** t
    for l in range(1, L + 1):
        v[f"dW{l}"] = beta1 * v[f"dW{l}"] + (1 - beta1) * grads[f"dW{l}"]
        v[f"db{l}"] = beta1 * v[f"db{l}"] + (1 - beta1) * grads[f"db{l}"]
        v_corrected[f"dW{l}"] = v[f"dW{l}"] / correction1
        v_corrected[f"db{l}"] = v[f"db{l}"] / correction1
        s[f"dW{l}"] = beta2 * s[f"dW{l}"] + (1 - beta2) * np.square(grads[f"dW{l}"])
        s[f"db{l}"] = beta2 * s[f"db{l}"] + (1 - beta2) * np.square(grads[f"db{l}"])
        s_corrected[f"dW{l}"] = s[f"dW{l}"] / correction2
        s_corrected[f"db{l}"] = s[f"db{l}"] / correction2
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * v_corrected[f"dW{l}"] / (np.sqrt(s_corrected[f"dW{l}"]) + epsilon)
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * v_corrected[f"db{l}"] / (np.sqrt(s_corrected[f"db{l}"]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
