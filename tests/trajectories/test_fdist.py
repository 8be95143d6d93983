import pytest

from alliance_atlas.trajectories.fdist import f_survival, regularized_incomplete_beta


@pytest.mark.parametrize(
    ("critical_f", "df1", "df2"),
    [  # Published 5% critical values of the F distribution.
        (161.4476, 1, 1),
        (6.6079, 1, 5),
        (4.9646, 1, 10),
        (4.3512, 1, 20),
        (4.1028, 2, 10),
        (2.6896, 4, 30),
    ],
)
def test_five_percent_critical_values(critical_f, df1, df2):
    assert f_survival(critical_f, df1, df2) == pytest.approx(0.05, abs=1e-5)


def test_one_percent_critical_value():
    assert f_survival(10.0443, 1, 10) == pytest.approx(0.01, abs=1e-6)


def test_f_equal_to_one_with_equal_df_is_the_median():
    assert f_survival(1.0, 7, 7) == pytest.approx(0.5, abs=1e-12)


def test_extremes():
    assert f_survival(0.0, 1, 5) == 1.0
    assert f_survival(float("inf"), 1, 5) == 0.0


@pytest.mark.parametrize("x", [0.1, 0.35, 0.5, 0.9])
def test_incomplete_beta_closed_forms(x):
    assert regularized_incomplete_beta(x, 1.0, 1.0) == pytest.approx(x)
    assert regularized_incomplete_beta(x, 3.0, 1.0) == pytest.approx(x**3)
    assert regularized_incomplete_beta(x, 1.0, 2.0) == pytest.approx(1 - (1 - x) ** 2)


def test_incomplete_beta_symmetry():
    assert regularized_incomplete_beta(0.3, 2.5, 4.0) == pytest.approx(1 - regularized_incomplete_beta(0.7, 4.0, 2.5))


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        f_survival(1.0, 0, 5)
    with pytest.raises(ValueError):
        regularized_incomplete_beta(1.5, 1.0, 1.0)
