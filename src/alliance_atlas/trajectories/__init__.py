"""Alliance trajectories: classify a client's alliance scores over sessions and find ruptures.

Standard library only, so the same code runs in CPython and in the browser on
Pyodide. Typical use::

    from alliance_atlas.trajectories import analyze, describe, chart_spec
    result = analyze([5.1, 5.3, 3.2, 4.6, 5.2, 5.4])
    result.to_dict()        # JSON-ready
    describe(result)        # one or two plain sentences
    chart_spec(result, scale="wai")   # Vega-Lite v6 spec as a dict
"""

from .analysis import AnalysisResult, analyze, describe
from .charts import SCALES, chart_spec, data_table, scale_range
from .classify import ALPHA_LINEAR, ALPHA_QUADRATIC, RULE_TEXT, Classification, classify
from .csv_batch import SUMMARY_COLUMNS, analyze_clients, client_record, summary_row, write_results
from .episodes import Episode, find_episodes
from .fitting import PolynomialFit, fit_polynomial, fit_polynomials
from .generators import PATTERNS, PRESETS, generate, linear, quadratic, stable, v_rupture
from .validation import clean_scores, parse_csv, parse_scores, parse_text

__all__ = [
    "ALPHA_LINEAR",
    "ALPHA_QUADRATIC",
    "AnalysisResult",
    "Classification",
    "Episode",
    "PATTERNS",
    "PRESETS",
    "PolynomialFit",
    "RULE_TEXT",
    "SCALES",
    "SUMMARY_COLUMNS",
    "analyze",
    "analyze_clients",
    "chart_spec",
    "classify",
    "clean_scores",
    "client_record",
    "data_table",
    "describe",
    "find_episodes",
    "fit_polynomial",
    "fit_polynomials",
    "generate",
    "linear",
    "parse_csv",
    "parse_scores",
    "parse_text",
    "quadratic",
    "scale_range",
    "stable",
    "summary_row",
    "v_rupture",
    "write_results",
]
