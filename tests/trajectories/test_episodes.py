import statistics

import pytest

from alliance_atlas.trajectories.episodes import find_episodes, sample_sd
from alliance_atlas.trajectories.generators import quadratic, v_rupture


def test_sharp_v_is_found_at_the_right_sessions(v_shaped_series):
    (episode,) = find_episodes(v_shaped_series)
    assert episode.rupture_session == 6
    assert episode.trough_session == 6
    assert episode.repair_session == 8  # session 7 (4.0) is still more than 0.5 SD below 5.0
    assert episode.depth == pytest.approx(2.0)


@pytest.mark.parametrize("seed", range(20))
def test_noisy_v_is_found_at_the_right_sessions(seed):
    scores = v_rupture(14, level=5.5, rupture_session=7, depth=2.0, repair_speed=0.5, noise_sd=0.1, seed=seed)
    (episode,) = find_episodes(scores)
    assert (episode.rupture_session, episode.trough_session, episode.repair_session) == (7, 7, 9)


@pytest.mark.parametrize("seed", range(20))
def test_slow_u_shaped_dip_is_not_an_episode(seed):
    # Same total dip as the V above, spread across the whole course.
    scores = quadratic(14, level=5.5, amplitude=2.0, noise_sd=0.1, seed=seed)
    assert find_episodes(scores) == []


def test_trough_follows_a_continuing_decline():
    scores = [5.0, 5.0, 5.0, 5.0, 5.0, 3.0, 2.5, 4.9, 5.0, 5.0, 5.0, 5.0]
    (episode,) = find_episodes(scores)
    assert (episode.rupture_session, episode.trough_session, episode.repair_session) == (6, 7, 8)
    assert episode.depth == pytest.approx(2.5)
    assert episode.pre_rupture_score == 5.0 and episode.trough_score == 2.5


def test_unrepaired_rupture_has_no_repair_session():
    (episode,) = find_episodes([5.0, 5.0, 5.0, 5.0, 2.0, 2.5, 3.0, 3.2, 3.3])
    assert episode.rupture_session == 5
    assert episode.repair_session is None
    assert not episode.repaired


def test_series_ending_before_repair_is_unrepaired():
    (episode,) = find_episodes([5.0, 5.0, 5.0, 5.0, 5.0, 2.0])
    assert (episode.rupture_session, episode.trough_session, episode.repair_session) == (6, 6, None)


def test_repair_window_counts_sessions_after_the_trough():
    scores = [5.0, 5.0, 5.0, 5.0, 2.0, 2.5, 3.0, 5.0, 5.0, 5.0]  # trough 5, back at session 8
    (inside,) = find_episodes(scores, repair_window=3)
    (outside,) = find_episodes(scores, repair_window=2)
    assert inside.repair_session == 8
    assert outside.repair_session is None


@pytest.mark.parametrize(("score_after_trough", "repair_session"), [(4.9, 7), (4.0, 8)])
def test_repair_means_within_half_an_sd_of_the_pre_rupture_score(score_after_trough, repair_session):
    scores = [5.0, 5.0, 5.0, 5.0, 2.0, 2.0, score_after_trough, 5.0, 5.0]
    repair_level = 5.0 - 0.5 * statistics.stdev(scores)
    # 4.9 clears the level (about 4.34), 4.0 does not (about 4.35), so only the first repairs at 7.
    assert (score_after_trough >= repair_level) == (repair_session == 7)
    (episode,) = find_episodes(scores)
    assert episode.trough_session == 5  # equal scores end the decline at the first of them
    assert episode.repair_session == repair_session


def test_threshold_in_sds_of_the_clients_own_scores():
    scores = [5.0, 5.6, 4.8, 5.5, 5.0, 4.3, 4.7, 5.2, 5.6, 4.9]
    sd = statistics.stdev(scores)
    largest_drop = max(scores[i - 1] - scores[i] for i in range(1, len(scores)))
    assert 1.0 < largest_drop / sd < 2.0
    assert find_episodes(scores, threshold_sd=2.0) == []
    loose = find_episodes(scores, threshold_sd=1.0)
    assert [(e.rupture_session, e.trough_session, e.repair_session) for e in loose] == [
        (3, 3, 4),
        (5, 6, 9),  # 5.5 -> 5.0 is 1.2 SD; the decline continues to 4.3; 5.6 at session 9 repairs it
        (10, 10, None),
    ]


def test_two_separate_episodes_are_both_found():
    scores = [5.0, 5.0, 2.0, 5.0, 5.0, 5.0, 5.0, 2.0, 5.0, 5.0, 5.0, 5.0]
    episodes = find_episodes(scores)
    assert [(e.rupture_session, e.repair_session) for e in episodes] == [(3, 4), (8, 9)]


def test_constant_series_has_no_episodes():
    assert find_episodes([4.0] * 8) == []


def test_sample_sd_matches_statistics_stdev():
    scores = [5.1, 5.3, 3.2, 5.0, 5.2, 5.4]
    assert sample_sd(scores) == pytest.approx(statistics.stdev(scores), rel=1e-12)


def test_episode_dict_has_the_documented_keys(v_shaped_series):
    (episode,) = find_episodes(v_shaped_series)
    assert {"rupture_session", "trough_session", "repair_session", "depth"} <= set(episode.to_dict())


@pytest.mark.parametrize(
    "settings",
    [
        {"threshold_sd": 0.0},
        {"threshold_sd": float("nan")},
        {"repair_window": 0},
        {"repair_window": 2.5},
        {"repair_tolerance_sd": -0.1},
    ],
)
def test_bad_settings_are_refused(settings, v_shaped_series):
    with pytest.raises(ValueError):
        find_episodes(v_shaped_series, **settings)
