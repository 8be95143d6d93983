import pytest

from alliance_atlas.trajectories.generators import (
    PATTERNS,
    PRESETS,
    generate,
    linear,
    quadratic,
    stable,
    v_rupture,
)


def test_same_seed_gives_same_series():
    assert stable(10, seed=3) == stable(10, seed=3)
    assert stable(10, seed=3) != stable(10, seed=4)


def test_stable_without_noise_is_flat():
    assert stable(5, level=4.5, noise_sd=0.0) == [4.5] * 5


def test_linear_amplitude_is_total_change_from_first_to_last_session():
    scores = linear(5, level=4.0, amplitude=2.0, noise_sd=0.0)
    assert scores == pytest.approx([4.0, 4.5, 5.0, 5.5, 6.0])


def test_negative_linear_amplitude_declines():
    scores = linear(4, level=6.0, amplitude=-3.0, noise_sd=0.0)
    assert scores == pytest.approx([6.0, 5.0, 4.0, 3.0])


def test_quadratic_amplitude_is_depth_at_the_midpoint():
    scores = quadratic(5, level=5.0, amplitude=2.0, noise_sd=0.0)
    # Ends at level, vertex (session 3) at level - amplitude, symmetric.
    assert scores == pytest.approx([5.0, 3.5, 3.0, 3.5, 5.0])


def test_negative_quadratic_amplitude_is_an_inverted_u():
    scores = quadratic(5, level=5.0, amplitude=-2.0, noise_sd=0.0)
    assert scores == pytest.approx([5.0, 6.5, 7.0, 6.5, 5.0])


def test_v_rupture_drops_sharply_and_repairs_linearly():
    scores = v_rupture(9, level=5.0, rupture_session=4, depth=2.0, repair_speed=0.5, noise_sd=0.0)
    assert scores == pytest.approx([5.0, 5.0, 5.0, 3.0, 4.0, 5.0, 5.0, 5.0, 5.0])


def test_generate_dispatches_by_pattern_name():
    assert generate("linear", sessions=4, amplitude=3.0, level=1.0, noise_sd=0.0) == pytest.approx([1, 2, 3, 4])


def test_generate_names_unknown_pattern():
    with pytest.raises(ValueError, match="'zigzag'"):
        generate("zigzag")


def test_generate_reports_unexpected_parameter_as_value_error():
    with pytest.raises(ValueError, match="depth"):
        generate("stable", depth=2.0)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_generates_its_session_count(name):
    params = PRESETS[name]
    assert params["pattern"] in PATTERNS
    assert len(generate(**params)) == params["sessions"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stable(2), "at least 3"),
        (lambda: stable(5.0), "whole number"),
        (lambda: stable(5, noise_sd=-1.0), "noise_sd"),
        (lambda: stable(5, level=float("nan")), "level"),
        (lambda: linear(5, amplitude=float("inf")), "amplitude"),
        (lambda: v_rupture(8, rupture_session=1), "rupture_session"),
        (lambda: v_rupture(8, rupture_session=9), "rupture_session"),
        (lambda: v_rupture(8, depth=0.0), "depth"),
        (lambda: v_rupture(8, repair_speed=0.0), "repair_speed"),
        (lambda: v_rupture(8, repair_speed=1.5), "repair_speed"),
    ],
)
def test_bad_parameters_are_refused_with_their_name(call, message):
    with pytest.raises(ValueError, match=message):
        call()


PRESET_SHOWS = {
    "stable": ("stable", "none", 0),
    "linear-growth": ("linear", "up", 0),
    "linear-decline": ("linear", "down", 0),
    "u-shape": ("quadratic", "up", 0),
    "inverted-u": ("quadratic", "down", 0),
    "v-rupture": ("stable", "none", 1),
}


@pytest.mark.parametrize("name", sorted(PRESET_SHOWS))
def test_each_preset_illustrates_its_pattern(name):
    from alliance_atlas.trajectories import analyze

    result = analyze(generate(**PRESETS[name]))
    assert (result.pattern, result.direction, len(result.episodes)) == PRESET_SHOWS[name]
