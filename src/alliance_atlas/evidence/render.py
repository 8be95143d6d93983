"""HTML of pooled effects for a page's Markdown: the inline figure and the table.

Both are produced as inline or block HTML that Python-Markdown passes through. A table names each
work as a narrative citation (``@key``) so that the citation engine, which runs after the evidence
hook, links it to the work's reference page and lists it in the page's References. Every field from
the evidence file is escaped for HTML and then for Markdown, so neither can act on it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from alliance_atlas.evidence.model import Effect, format_number, interval_label
from alliance_atlas.evidence.vocabulary import FILTERS, METRICS, filter_value_label
from alliance_atlas.site.citations import markdown_safe

INLINE_CLASS = "atlas-effect"


def text(value: str) -> str:
    """Escaped for HTML, then for Markdown (``*``, ``_``, brackets, ``@``...)."""
    return markdown_safe(html.escape(value, quote=True))


def _stat(metric: str) -> str:
    return f"<i>{text(METRICS[metric][0])}</i>"


#: What a table or tooltip says for a row that gives a count but no confirmed pooled size.
NOT_CONFIRMED = "pooled size not confirmed"


def estimate_html(effect: Effect) -> str:
    """``<i>r</i> = .278, 95% CI [.256, .299]``, brackets as character references."""
    if not effect.has_effect:
        return text(NOT_CONFIRMED)
    parts = [f"{_stat(effect.metric)} = {text(format_number(effect.effect, effect.metric))}"]
    if effect.has_interval:
        low = format_number(effect.ci_low, effect.metric)
        high = format_number(effect.ci_high, effect.metric)
        parts.append(f"{text(interval_label(effect))} {text(f'[{low}, {high}]')}")
    return ", ".join(parts)


def estimate_text(effect: Effect) -> str:
    """The same as plain text, for a chart's tooltip and description."""
    if not effect.has_effect:
        return NOT_CONFIRMED
    out = f"{METRICS[effect.metric][0]} = {format_number(effect.effect, effect.metric)}"
    if effect.has_interval:
        out += f", {interval_label(effect)} [{format_number(effect.ci_low, effect.metric)}, {format_number(effect.ci_high, effect.metric)}]"
    return out


def also_html(effect: Effect) -> str:
    if not effect.also_metric:
        return ""
    return f"{_stat(effect.also_metric)} = {text(format_number(effect.also_effect, effect.also_metric))}"


#: What the inline shortcode can show (``show="..."``); the first is the default.
INLINE_PARTS = ("full", "estimate", "value", "also", "k", "n")


def inline_part_missing(effect: Effect, show: str) -> str:
    """Why ``effect`` cannot show ``show`` ("" when it can): the file must give what is asked for."""
    if show == "also" and not effect.also_metric:
        return "the file gives no also_metric"
    if show in ("k", "n") and getattr(effect, show) is None:
        return f"the file gives no {show}"
    if show in ("full", "estimate", "value", "also") and not effect.has_effect:
        return "the file gives a count but no pooled size"
    return ""


def inline_html(effect: Effect, show: str = "full") -> str:
    """The inline shortcode. ``full``: ``r = .278, 95% CI [.256, .299], k = 295``; ``estimate``: without k;
    ``value``: ``r = .278``; ``also``: the second metric the source reported (``d = 0.579``);
    ``k``: the number of studies alone (``295``), for prose such as "on 295 studies";
    ``n``: the participants with their qualifier and unit (``more than 30,000 patients``)."""
    if show == "k":
        body = text(effect.k_text())
    elif show == "n":
        body = text(effect.n_text())
    elif show == "also":
        body = also_html(effect)
    elif show == "value":
        body = f"{_stat(effect.metric)} = {text(format_number(effect.effect, effect.metric))}"
    else:
        parts = [estimate_html(effect)]
        if show == "full" and effect.k is not None:
            parts.append(f"<i>k</i> = {text(effect.k_text())}")
        body = ", ".join(parts)
    return f'<span class="{INLINE_CLASS}" data-atlas-effect="{text(effect.id)}">{body}</span>'


def table_html(effects: Sequence[Effect], caption: str, *, map_href: str = "") -> str:
    """One table of pooled effects, on one line so that no Markdown rule touches it.

    Each row carries the filter values (``data-area`` ...) so the evidence map can filter it.
    """
    link = f' <a href="{text(map_href)}">See all pooled effects in the evidence map.</a>' if map_href else ""
    header = "".join(
        f'<th scope="col">{label}</th>'
        for label in ("Work", "What was pooled", "Population and format", "<i>k</i>", "<i>N</i>", "Effect")
    )
    rows = "".join(_row(effect) for effect in effects)
    return (
        # No class: Material styles and scroll-wraps only tables without one, as it does Markdown tables.
        "<table data-atlas-evidence-table>"
        f"<caption>{text(caption)}.{link}</caption>"
        f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
    )


def who_text(effect: Effect) -> str:
    """"Adults; Individual therapy", leaving out what is mixed or not reported."""
    parts = [filter_value_label(name, getattr(effect, name)) for name in ("population", "format") if getattr(effect, name) != "mixed"]
    return "; ".join(parts) or filter_value_label("population", "mixed")


def _row(effect: Effect) -> str:
    filters = "".join(f' data-{name}="{text(getattr(effect, name))}"' for name in FILTERS)
    note = f'<br><span class="atlas-evidence-table__note">{text(effect.note)}</span>' if effect.note else ""
    also = also_html(effect)
    estimate = estimate_html(effect) + (f"; {also}" if also else "")
    who = text(who_text(effect))
    return (
        f'<tr data-atlas-effect="{text(effect.id)}"{filters}>'
        f"<td>@{effect.key}</td>"
        f"<td>{text(effect.association)}{note}</td>"
        f"<td>{who}</td>"
        f'<td class="atlas-evidence-table__number">{text(effect.k_text()) or "—"}</td>'
        f'<td class="atlas-evidence-table__number">{text(effect.n_text()) or "—"}</td>'
        f"<td>{estimate}</td>"
        "</tr>"
    )
