"""A function still as the course's stub: code regions holding nothing but placeholders."""

import pytest

from grader.stubs import unfilled

OLDER = '''def f(v):
    for l in range(2):
        ### START CODE HERE ### (approx. 2 lines)
        v["dW" + str(l+1)] = None
        a, b = None, None
        ### END CODE HERE ###
    return v
'''
NEWER = '''def f(dA2):
    #(≈ 2 lines of code)
    # dA2 = None
    # YOUR CODE STARTS HERE
    {}
    # YOUR CODE ENDS HERE
    return dA2
'''


@pytest.mark.parametrize("source, expected", [
    (OLDER, True),
    (NEWER.format(""), True),
    (NEWER.format("pass"), True),
    (NEWER.format("x = None; y = None"), True),
    (NEWER.format("dA2 = dA2 * 2"), False),
    (NEWER.format("dA2 = (dA2 *\n           2)"), False),  # a statement over two lines
    (NEWER.format("print(dA2)"), False),
    (OLDER.replace('= None\n        a, b', '= 0\n        a, b'), False),  # one region of two filled: attempted
    ("def f():\n    return 1\n", False),  # no region: nothing to tell
    (NEWER.format("") + "\ndef f(dA2):\n    return 2 * dA2\n", False),  # the last definition is the one that runs
    ("def f(:\n", False),
])
def test_a_stub_is_unfilled_when_every_region_holds_only_placeholders(source, expected):
    assert unfilled(source, "f") is expected


def test_a_function_not_defined_is_no_stub():
    assert unfilled(OLDER, "g") is False
