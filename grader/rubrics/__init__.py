"""One rubric per graded exercise, keyed by function name, in course order."""

from grader.catalog import EXERCISES
from grader.rubrics import gradient_checking, initialization, optimization, regularization

RUBRICS = {rubric.name: rubric for module in (initialization, regularization, gradient_checking, optimization)
           for rubric in module.RUBRICS}

missing = [exercise.name for exercise in EXERCISES if exercise.name not in RUBRICS]
if missing:
    raise ImportError(f"no rubric for {', '.join(missing)}")
