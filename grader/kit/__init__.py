"""The student kit: the grader without the reference solutions.

Students and their CI install the kit (`grade kit build` makes its wheel). It has every
contract check and the comparisons, but not grader.oracle or the reference package; the
exercises compared with the reference are judged from the answer key instead: inputs and
what the reference (and each known mistake) returned on them, recorded as data.
"""

import importlib.util

# True in the student kit: this grader has no grader.oracle (and no reference).
IS_KIT = importlib.util.find_spec("grader.oracle") is None
