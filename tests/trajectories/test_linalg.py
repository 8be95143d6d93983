import pytest

from alliance_atlas.trajectories.linalg import SingularMatrixError, solve_linear_system


def test_solves_system_that_needs_a_row_swap():
    # The zero in the top-left corner forces partial pivoting.
    matrix = [[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 3.0]]
    expected = [1.0, -2.0, 3.0]
    rhs = [sum(a * x for a, x in zip(row, expected)) for row in matrix]
    assert solve_linear_system(matrix, rhs) == pytest.approx(expected, abs=1e-12)


def test_does_not_modify_inputs():
    matrix = [[2.0, 1.0], [1.0, 3.0]]
    rhs = [3.0, 5.0]
    solve_linear_system(matrix, rhs)
    assert matrix == [[2.0, 1.0], [1.0, 3.0]] and rhs == [3.0, 5.0]


def test_singular_system_is_refused():
    with pytest.raises(SingularMatrixError):
        solve_linear_system([[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0])


def test_shape_mismatch_is_refused():
    with pytest.raises(ValueError):
        solve_linear_system([[1.0, 2.0]], [1.0])
