"""The site's stylesheets and scripts served as one file each (alliance_atlas.build.bundles)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from alliance_atlas.build.bundles import CSS_BUNDLE, JS_BUNDLE, BundleError, build, css_bundle, js_bundle, plan


def test_parts_keep_their_order_and_sit_in_the_bundle_folder():
    bundles = plan(["assets/stylesheets/b.css", "assets/stylesheets/a.css"], ["assets/javascripts/z.js"])
    contents = build(bundles, lambda path: f"/* from {path} */")
    assert contents[CSS_BUNDLE].index("b.css") < contents[CSS_BUNDLE].index("a.css")
    assert "from assets/javascripts/z.js" in contents[JS_BUNDLE]


@pytest.mark.parametrize("css, js", [
    (["assets/elsewhere/a.css"], []),  # its url()s would resolve against another folder
    ([], ["assets/javascripts/sub/a.js"]),
    ([], ["https://cdn.example.org/a.js"]),
])
def test_a_part_outside_the_bundle_folder_is_refused(css, js):
    with pytest.raises(BundleError):
        plan(css, js)


def test_a_stylesheet_with_import_is_refused():
    with pytest.raises(BundleError):
        css_bundle([("a.css", '@import "b.css";\np { color: red }')])


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_a_script_that_throws_stops_only_itself(tmp_path):
    bundle = js_bundle([
        ("a.js", 'globalThis.ran = ["a"];\nthrow new Error("a failed");'),
        ("b.js", "(function () {\n  \"use strict\";\n  globalThis.ran.push(\"b\");\n})();"),
        # A file's top-level function stays callable within that file.
        ("c.js", "report();\nfunction report() { globalThis.ran.push(\"c\"); }"),
    ])
    script = tmp_path / "bundle.js"
    script.write_text(
        "const reported = [];\nglobalThis.reportError = (error) => reported.push(error.message);\n"
        + bundle + "\nconsole.log(JSON.stringify([globalThis.ran, reported]));\n",
        encoding="utf-8",
    )
    completed = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == '[["a","b","c"],["a failed"]]'
