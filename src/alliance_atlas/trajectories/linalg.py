"""Tiny dense linear algebra: just enough to solve least squares normal equations.

Written by hand so the package runs on plain CPython and on Pyodide without numpy.
The systems are at most 3 x 3, so clarity matters more than speed.
"""

from __future__ import annotations

from typing import Sequence


class SingularMatrixError(ValueError):
    """Raised when a linear system has no unique solution."""


def solve_linear_system(
    matrix: Sequence[Sequence[float]], rhs: Sequence[float]
) -> list[float]:
    """Solve ``matrix @ x = rhs`` by Gaussian elimination with partial pivoting.

    Partial pivoting (swapping in the row with the largest remaining entry of the
    column) keeps rounding error bounded even when the diagonal entry is tiny.
    The inputs are copied, never modified.
    """
    size = len(matrix)
    if size == 0 or any(len(row) != size for row in matrix) or len(rhs) != size:
        raise ValueError("solve_linear_system needs a square matrix and a matching right-hand side")
    # Augmented matrix: each row carries its right-hand side value as the last entry.
    rows = [[float(value) for value in row] + [float(rhs[i])] for i, row in enumerate(matrix)]
    largest_entry = max(abs(value) for row in rows for value in row[:size]) or 1.0
    # A pivot this small relative to the matrix means the columns are (numerically) dependent.
    singular_tolerance = largest_entry * 1e-13

    for column in range(size):
        pivot_row = max(range(column, size), key=lambda r: abs(rows[r][column]))
        if abs(rows[pivot_row][column]) <= singular_tolerance:
            raise SingularMatrixError("the linear system is singular (columns are dependent)")
        rows[column], rows[pivot_row] = rows[pivot_row], rows[column]
        pivot = rows[column][column]
        for r in range(column + 1, size):
            factor = rows[r][column] / pivot
            if factor != 0.0:
                row_r, row_pivot = rows[r], rows[column]
                for c in range(column, size + 1):
                    row_r[c] -= factor * row_pivot[c]

    solution = [0.0] * size
    for r in range(size - 1, -1, -1):
        accumulated = rows[r][size]
        for c in range(r + 1, size):
            accumulated -= rows[r][c] * solution[c]
        solution[r] = accumulated / rows[r][r]
    return solution
