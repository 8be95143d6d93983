"""Effect-size conversions against values worked out by hand, and the plotted meta-analyses against the facts file."""

from __future__ import annotations

import math
import re

import pytest

from alliance_atlas.explainers import effect_sizes as es


def test_besd_splits_fifty_by_half_of_r():
    # r = .30: 50 + 15 and 50 - 15.
    assert es.besd(0.30) == pytest.approx((65.0, 35.0))
    assert es.besd(0.0) == (50.0, 50.0)
    assert es.besd(-0.2) == pytest.approx((40.0, 60.0))


def test_r_to_d_by_hand():
    # r = .6: 1.2 / sqrt(0.64) = 1.2 / 0.8 = 1.5 exactly.
    assert es.r_to_d(0.6) == pytest.approx(1.5)
    # r = .278 (Flückiger et al., 2018): 0.556 / sqrt(0.922716) = 0.5788, their reported d = .579.
    assert es.r_to_d(0.278) == pytest.approx(0.5788, abs=5e-5)
    assert round(es.r_to_d(0.278), 3) == 0.579


def test_d_to_r_inverts_r_to_d():
    for r in (-0.5, 0.0, 0.14, 0.275, 0.47):
        assert es.d_to_r(es.r_to_d(r)) == pytest.approx(r)
    assert es.d_to_r(1.5) == pytest.approx(0.6)


def test_probability_of_superiority_by_hand():
    assert es.probability_of_superiority(0.0) == pytest.approx(0.5)
    # d = sqrt(2): Phi(1) = 0.841345.
    assert es.probability_of_superiority(math.sqrt(2)) == pytest.approx(0.841345, abs=1e-6)
    # d = .5788: Phi(0.4093) = 0.6588.
    assert es.probability_of_superiority(0.5788) == pytest.approx(0.6588, abs=1e-4)


def test_normal_functions():
    assert es.normal_cdf(0) == 0.5
    assert es.normal_cdf(1.959964) == pytest.approx(0.975, abs=1e-6)
    assert es.normal_pdf(0) == pytest.approx(1 / math.sqrt(2 * math.pi))
    with pytest.raises(ValueError):
        es.normal_pdf(0, sd=0)


def test_summarize_gives_every_reading():
    summary = es.summarize(0.278).to_dict()
    assert summary["higher_group_success"] == pytest.approx(63.9)
    assert summary["lower_group_success"] == pytest.approx(36.1)
    assert summary["variance_explained"] == pytest.approx(0.077284)
    assert summary["probability_of_superiority"] == pytest.approx(0.6588, abs=1e-4)
    assert [row["r"] for row in es.summary_rows((0.1, 0.2))] == [0.1, 0.2]


@pytest.mark.parametrize("bad", [1.0, -1.0, 1.5, float("nan"), float("inf"), True, "0.3", None])
def test_r_must_be_a_correlation(bad):
    with pytest.raises(ValueError):
        es.r_to_d(bad)


def test_plotted_meta_analyses_are_the_confirmed_figures():
    by_key = {analysis.key: analysis for analysis in es.META_ANALYSES}
    assert set(by_key) == {
        "horvath2011alliance", "fluckiger2018alliance", "shirk2011alliance", "mcleod2011relation", "eubanks2018alliance",
    }
    expected = {
        "horvath2011alliance": (0.275, 0.25, 0.30, 190),
        "fluckiger2018alliance": (0.278, 0.256, 0.299, 295),
        "shirk2011alliance": (0.22, 0.16, 0.28, 16),  # r = .22 ± .06
        "mcleod2011relation": (0.14, None, None, 38),  # no interval confirmed
        "eubanks2018alliance": (0.29, 0.10, 0.47, 11),
    }
    for key, (r, low, high, studies) in expected.items():
        analysis = by_key[key]
        assert (analysis.r, analysis.ci_low, analysis.ci_high, analysis.studies) == (r, low, high, studies)
        assert analysis.has_interval == (low is not None)
        if analysis.has_interval:
            assert analysis.ci_low < analysis.r < analysis.ci_high


def test_keys_exist_in_the_bibliography():
    from alliance_atlas.bibliography.parse import load_bibliography
    from support.sitebuild import REPO_ROOT

    bibliography = load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")
    assert all(analysis.key in bibliography for analysis in es.META_ANALYSES)


def test_pooled_r_reads_the_evidence_file_by_id(tmp_path, monkeypatch):
    assert es.pooled_r() == es.pooled_r("fluckiger2018-overall") == 0.278
    assert es.pooled_r("mcleod2011-youth") == 0.14
    # It reads the file, not a copy: another file gives another figure.
    text = es.EVIDENCE_FILE.read_text(encoding="utf-8").replace(",r,0.278,0.256,", ",r,0.281,0.256,")
    (tmp_path / "effects.csv").write_text(text, encoding="utf-8")
    monkeypatch.setattr(es, "EVIDENCE_FILE", tmp_path / "effects.csv")
    assert es.pooled_r() == 0.281
    assert [row["r"] for row in es.summary_rows()] == [0.1, 0.2, 0.281, 0.3, 0.5]


@pytest.mark.parametrize(("identifier", "message"), [
    ("fluckiger2018-overal", "no effect with id 'fluckiger2018-overal'"),
    ("sharf2010-dropout", "not a pooled correlation r (its metric is 'd')"),
])
def test_pooled_r_refuses_unknown_ids_and_other_metrics(identifier, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        es.pooled_r(identifier)


def test_the_default_table_holds_round_values_and_the_pooled_correlation():
    assert [row["r"] for row in es.summary_rows()] == sorted([*es.ROUND_VALUES, es.pooled_r()])
