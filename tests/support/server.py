"""Serve a built site on 127.0.0.1 at a free port, in a background thread."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


@contextmanager
def serve_directory(root: Path, *, handler: type[SimpleHTTPRequestHandler] | None = None):
    """Yield the base URL (ending in `/`) of a server for `root` (with `handler`, a QuietHandler by default)."""
    handler = functools.partial(handler or QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _SwitchableHandler(QuietHandler):
    def __init__(self, request, client_address, server):
        super().__init__(request, client_address, server, directory=str(server.root))


class SwitchableServer(ThreadingHTTPServer):
    """Serves `root`, which a test may point at another build: the same address, new content (a deployment)."""

    root: Path


@contextmanager
def serve_switchable(root: Path):
    """Yield a running SwitchableServer for `root`; its address is `server.url`."""
    server = SwitchableServer(("127.0.0.1", 0), _SwitchableHandler)
    server.root = root
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
