"""Expanding atlas:effect, atlas:effects and atlas:evidence-map; bad shortcodes name the page and line."""

from __future__ import annotations

import pytest

from alliance_atlas.evidence import EvidenceShortcodeError, expand


def run(markdown, effects):
    return expand(markdown, effects, page="docs/p.md", work_label=lambda key: f"Work {key}", map_href="../evidence/")


def test_inline_and_table_shortcodes_expand(valid_effects):
    out = run('One <!-- atlas:effect id="repair" --> two.\n\n<!-- atlas:effects ids="faith,repair" -->\n', valid_effects)
    assert 'One <span class="atlas-effect" data-atlas-effect="repair"><i>r</i> = .29' in out
    table = out[out.index("<table"):]
    assert table.index("@richards1997spiritual") < table.index("@safran1996resolution")
    assert "atlas:" not in out


def test_area_table_and_caption(valid_effects):
    out = run('<!-- atlas:effects area="religion" caption="Faith" -->\n', valid_effects)
    assert "<caption>Faith." in out and out.count("<tr data-atlas-effect") == 1
    out = run('<!-- atlas:effects area="religion" -->\n', valid_effects)
    assert "<caption>Pooled effects: Religion and spirituality." in out


def test_shortcodes_in_fenced_code_are_left_alone(valid_effects):
    markdown = '```markdown\n<!-- atlas:effects ids="nope" -->\n```\n'
    assert run(markdown, valid_effects) == markdown


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ('a\nb <!-- atlas:effect id="nope" -->\n', "docs/p.md:2: unknown effect id 'nope'"),
        ('a\n<!-- atlas:effect id="repair" colour="red" -->\n', "docs/p.md:2: shortcode 'atlas:effect' has an unknown attribute 'colour'"),
        ('<!-- atlas:effect id="faith" show="also" -->\n', "docs/p.md:1: show='also' is not possible for 'faith'"),
        ('a\n\nsee <!-- atlas:effects ids="repair" -->\n', "docs/p.md:3: write 'atlas:effects' alone on its line"),
        ('<!-- atlas:effects area="culture" -->\n', "docs/p.md:1: the evidence file has no effect in area 'culture'"),
        ('<!-- atlas:effects area="faith" -->\n', "docs/p.md:1: unknown area 'faith'"),
        ('<!-- atlas:effects ids="repair" area="religion" -->\n', "docs/p.md:1: 'atlas:effects' needs exactly one of"),
        ('x\n<!-- atlas:effect id=repair -->\n', "docs/p.md:2: cannot read the shortcode"),
    ],
)
def test_bad_shortcodes_name_page_and_line(markdown, message, valid_effects):
    with pytest.raises(EvidenceShortcodeError) as raised:
        run(markdown, valid_effects)
    assert str(raised.value).startswith(message)


def test_evidence_map_has_labelled_filters_chart_description_and_table(valid_effects):
    out = run("<!-- atlas:evidence-map -->\n", valid_effects)
    for name in ("area", "format", "population"):
        assert f'<label for="atlas-evidence-{name}">' in out and f'<select id="atlas-evidence-{name}" data-atlas-filter="{name}">' in out
    # Only values that occur are offered.
    assert '<option value="group">Group therapy</option>' in out and 'value="internet"' not in out
    assert 'data-atlas-chart="vega-lite" data-atlas-spec="' in out
    assert '<figcaption id="atlas-evidence-caption">Forest plot of 3 pooled effects from 3 meta-analyses' in out
    assert out.count("<tr data-atlas-effect") == 3
    assert 'role="status"' in out and "Showing all 3 pooled effects." in out
