"""The circles and moons are the course's own: what scikit-learn draws after np.random.seed.

The expected values were printed by scikit-learn 1.9 itself (`np.random.seed(1);
make_circles(n_samples=300, noise=.05)`, and so on), where our generators gave bit-equal
arrays; scikit-learn is not a dependency, so its first points and labels are pinned here."""

from __future__ import annotations

import numpy as np
import pytest

from grader.experiments import datasets

SKLEARN = {  # (first three points as (x row, y row), first twelve labels, count of label 1)
    "circles train": (datasets.circles().train_X, datasets.circles().train_Y,
                      [[-0.07741354010048114, 0.43186959584803564, 0.07916502322979652],
                       [0.8526022642742742, -0.8721450395952108, 0.8406610985900007]],
                      [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0], 150),
    "circles test": (datasets.circles().test_X, datasets.circles().test_Y,
                     [[-0.5242373850862546, -0.8508922630636758, 0.5540839520797971],
                      [-0.6091036148461817, -0.5214512721012066, 0.4871108447794652]],
                     [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1], 50),
    "moons": (datasets.moons().train_X, datasets.moons().train_Y,
              [[-0.21687013460912397, 0.8050501531955674, 0.7112745129750352],
               [1.0154493742029873, -0.5579733951321297, -0.4100602407591063]],
              [0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0], 150),
}


@pytest.mark.parametrize("name", SKLEARN)
def test_the_data_is_what_scikit_learn_draws_for_the_course(name):
    X, Y, points, labels, ones = SKLEARN[name]
    np.testing.assert_allclose(X[:, :3], points, rtol=1e-12)
    assert Y[0, :12].tolist() == labels and int(Y.sum()) == ones
    assert X.shape == (2, Y.shape[1]) and Y.dtype.kind == "i"


def test_the_regularization_data_has_the_courses_sizes_and_both_classes():
    data = datasets.wavy()
    assert data.train_X.shape == (2, 211) and data.test_X.shape == (2, 200)
    assert 0.3 < data.train_Y.mean() < 0.7 and 0.3 < data.test_Y.mean() < 0.7


def test_making_the_data_leaves_the_global_random_state_alone():
    """The course's functions seed and draw from np.random's global state; the data must not move it."""
    np.random.seed(42)
    expected = np.random.rand(3)
    np.random.seed(42)
    for make in (datasets.circles, datasets.moons, datasets.wavy):
        make()
    assert np.array_equal(np.random.rand(3), expected)
