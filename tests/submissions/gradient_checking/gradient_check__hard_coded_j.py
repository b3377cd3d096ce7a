# exercise: gradient_check
# expect: failed
# why: the course's example written in (J_plus = theta_plus * x) instead of calling forward_propagation: right for J = theta * x, blind to any other J
# named: it does not call forward_propagation
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    # Compute gradapprox using left side of formula (1). epsilon is small enough, you don't need to worry about the limit.
    ### START CODE HERE ### (approx. 5 lines)
    theta_plus = theta + epsilon                               # Step 1
    theta_minus = theta - epsilon                              # Step 2
    J_plus = theta_plus * x                                    # Step 3
    J_minus = theta_minus * x                                  # Step 4
    gradapprox = (J_plus - J_minus) / (2 * epsilon)            # Step 5
    ### END CODE HERE ###

    # Check if gradapprox is close enough to the output of backward_propagation()
    ### START CODE HERE ### (approx. 1 line)
    grad = backward_propagation(x, theta)
    ### END CODE HERE ###

    ### START CODE HERE ### (approx. 1 line)
    numerator = np.linalg.norm(grad - gradapprox)                      # Step 1'
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)    # Step 2'
    difference = numerator / denominator                               # Step 3'
    ### END CODE HERE ###

    if print_msg:
        if difference < 1e-7:
            print("The gradient is correct!")
        else:
            print("The gradient is wrong!")

    return difference
