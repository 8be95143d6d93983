"""Guard (a): the real site builds with --strict and without warnings."""


def test_strict_build_succeeds_without_warnings(site_build):
    assert site_build.ok, site_build.output[-4000:]
    warnings = [line for line in site_build.output.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    assert (site_build.site_dir / "index.html").is_file()
    assert (site_build.site_dir / "search" / "search_index.json").is_file()
