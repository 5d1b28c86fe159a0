"""The dated tool landscape and the install sizes measured from package metadata."""

from synthlab import landscape


def test_every_tool_the_course_names_has_a_dated_line_with_a_source():
    table = landscape.tools()
    assert landscape.AS_OF == "2026-12"
    assert [name.split(" ")[0] for name in table.index] == [
        "SDV", "Gretel", "MOSTLY", "Tonic.ai", "YData", "Synthea", "synthcity",
        "imbalanced-learn", "Faker"]
    assert list(table.columns) == [
        "kind", "licence", "cost model", "what it takes", "source"]
    assert table["source"].str.startswith("https://").all()
    assert table.notna().all().all()


def test_installed_licences_are_read_from_metadata():
    assert landscape.licence_of("Faker") == landscape.tools().loc["Faker", "licence"]
    assert landscape.licence_of("no-such-package-here") is None


def test_sizes_are_measured_here():
    assert landscape.installed_mb("no-such-package-here") is None
    sizes = landscape.install_sizes(("Faker", "imbalanced-learn"))
    assert sizes.loc["Faker", "own files (MB)"] > 1
    assert (sizes.loc["imbalanced-learn", "with its dependencies (MB)"]
            > sizes.loc["imbalanced-learn", "own files (MB)"])
    assert "scikit-learn" in landscape.dependencies("imbalanced-learn")
    assert sizes.loc["Faker", "packages pulled in"] >= 1
