"""Make the built site work offline: the web app manifest, then a Workbox service worker over the whole build.

Listed after offline_assets.py and python_bundle.py, whose files (the vendored libraries, the Python bundle)
the worker precaches or routes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from alliance_atlas.build.service_worker import (
    ServiceWorkerError,
    generate,
    nav_page_files,
    page_settings,
    write_web_manifest,
)


def on_config(config, **kwargs):
    # overrides/main.html links the manifest and hands the worker's addresses to offline.js from here.
    config["extra"]["offline"] = page_settings()
    return config


def on_post_build(config, **kwargs):
    site_dir = Path(config["site_dir"])
    write_web_manifest(site_dir, config["site_name"], config["site_description"] or "")
    root = Path(config["config_file_path"]).parent
    try:
        generate(site_dir, root / "node_modules", nav_page_files(config["nav"]))
    except ServiceWorkerError as error:
        raise PluginError(str(error)) from error
