"""Which version of the course a notebook is of, from what it imports and what it is called."""

import ast

import pytest

from grader.course_versions import NEWER, OLDER, imported_modules, recognise


@pytest.mark.parametrize("name, imports, version", [
    ("Optimization_methods_v1b.ipynb", "from testCases import *", OLDER),
    ("Regularization_v2a.ipynb", "import numpy as np", OLDER),
    ("Gradient Checking v1.ipynb", "", OLDER),
    ("Gradient+Checking+v1.ipynb", "", OLDER),
    ("Optimization_methods_v1b (1).ipynb", "", OLDER),
    ("my work.ipynb", "from testCases import *\nfrom reg_utils import sigmoid", OLDER),
    ("Optimization_methods.ipynb", "from testCases import *\nfrom public_tests import *", NEWER),
    ("Regularization_v2a.ipynb", "import public_tests", NEWER),  # what it imports comes first
    ("Initialization.ipynb", "import numpy as np\nfrom init_utils import relu", None),
    ("Deep_v10.ipynb", "", None),
    ("overview.ipynb", "", None),
])
def test_a_notebook_is_recognised_by_its_imports_then_its_name(name, imports, version):
    recognised = recognise(name, imported_modules([ast.parse(imports)]))
    assert (recognised and recognised.version) == version


def test_imports_are_found_anywhere_and_by_their_top_module():
    trees = [ast.parse("def f():\n    from testCases.cases import x\n"), None, ast.parse("import a.b as c\nfrom . import d")]
    assert imported_modules(trees) == {"testCases", "a"}
