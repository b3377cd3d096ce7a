# exercise: gradient_check
# expect: failed
# why: the course's older signature, gradient_check(x, theta, epsilon=1e-7), with a one-sided difference (J_plus - J) / epsilon
# named: it uses a one-sided difference (J(theta + eps) - J(theta)) / eps instead of the centred one

def gradient_check(x, theta, epsilon = 1e-7):
    thetaplus = theta + epsilon                               # Step 1
    J_plus = forward_propagation(x, thetaplus)                # Step 3
    J = forward_propagation(x, theta)
    gradapprox = (J_plus - J) / epsilon                       # Step 5
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)                   # Step 1'
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)  # Step 2'
    difference = numerator / denominator                            # Step 3'
    if difference < 1e-7:
        print ("The gradient is correct!")
    else:
        print ("The gradient is wrong!")
    return difference
