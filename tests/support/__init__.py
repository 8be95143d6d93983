"""Shared helpers for the test suite: building sites, serving them and reading their HTML."""
