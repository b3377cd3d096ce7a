"""What only the full grader has: the reference solutions and what is built from them.

Every exercise's generated cases (hypothesis strategies), and for each exercise compared
with the reference: its cases (some are built with a correct computation, such as the true
gradients handed to gradient_check_n), the reference that gives the expected answer, and the
known mistakes (each a solution with one part changed). The student kit leaves this
package out and reads what it would say from the answer key (grader.kit), which `record`
writes: recorded cases, and the answers where there are some.
"""

from grader.oracle import gradient_checking, initialization, optimization, regularization

RUBRICS = {rubric.name: rubric for module in (initialization, regularization, gradient_checking, optimization)
           for rubric in module.RUBRICS}
