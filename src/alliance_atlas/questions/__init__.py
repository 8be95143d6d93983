"""Self-test questions ("Check your understanding"): parse, validate and render them, export the bank.

Authors write questions in a page, in fenced blocks (see ``parse``); the build validates them
(``validate``), turns each into a form with its answer in a closed ``<details>`` (``render``) and
exports the bank for course platforms (``exports``). Chart questions are generated from the
trajectory package (``chart_bank``, standard library only, so Pyodide runs the same code).

This file imports nothing: the browser bundle ships the package folder with ``chart_bank`` alone.
"""
