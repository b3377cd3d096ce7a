"""dlgrade in a notebook: `import dlgrade; dlgrade.check("compute_cost_with_regularization")`.

Grades the functions as the notebook's kernel has them, outside the kernel (grader.kernel_check).
"""

from grader.kernel_check import CheckError, Checked, check

__all__ = ["check", "Checked", "CheckError"]
