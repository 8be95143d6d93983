"""Build plumbing with no content of its own: offline vendor assets, their pinned versions, and permalinks."""
