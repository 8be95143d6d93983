"""The explainer notebooks' logic: their data, effect-size arithmetic, Altair charts, and page rendering."""
