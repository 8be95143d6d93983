"""Draw the web app icons (docs/assets/images/icon-*.png) from the site's logo, with Chromium.

The logo is Material's `material/handshake-outline` (theme.icon.logo in mkdocs.yml), white on the primary colour.
Run once after changing the logo or the colour; the PNGs are committed, so the build needs no rasteriser.
    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import material

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.browser import launch_chromium  # noqa: E402

LOGO = Path(material.__file__).parent / "templates" / ".icons" / "material" / "handshake-outline.svg"
PRIMARY = "#1f4e79"  # --md-primary-fg-color in docs/assets/stylesheets/atlas.css
SIZES = (192, 512)


def icon_svg() -> str:
    logo = LOGO.read_text(encoding="utf-8")
    inner = logo[logo.index(">") + 1 : logo.rindex("</svg>")]
    # The glyph fills 60% of the square, inside the safe zone of a maskable icon.
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<rect width="24" height="24" fill="{PRIMARY}"/>'
        f'<g transform="translate(4.8 4.8) scale(0.6)" fill="#ffffff">{inner}</g></svg>'
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    svg = icon_svg()
    (REPO / "docs" / "assets" / "images" / "icon.svg").write_text(svg + "\n", encoding="utf-8")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                f'<style>html,body{{margin:0}}svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}'
            )
            page.screenshot(path=str(REPO / "docs" / "assets" / "images" / f"icon-{size}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
