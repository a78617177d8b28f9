"""wasteless.testing: the synthetic archive's own argument checks, and its old names in io.

What the generated files hold is tested through the reader, in tests/test_io.py."""

import pytest

from wasteless import datasets, io, testing
from wasteless.errors import InputError


def test_the_moved_names_are_the_same_objects_under_their_old_names():
    assert io.synthetic_archive is testing.synthetic_archive
    assert io.SyntheticArchive is testing.SyntheticArchive
    assert io.sample_files is datasets.sample_files
    assert io.sample_sites is datasets.sample_sites
    from wasteless.io import sample_files, synthetic_archive  # from-imports too

    assert (sample_files, synthetic_archive) == (datasets.sample_files, testing.synthetic_archive)


@pytest.mark.parametrize(
    ("stations", "message"),
    [
        ("bogus", "a count or a list of station codes"),  # not five one-letter codes
        (("1001A", "1001A"), "codes repeat"),
        (["1001A", "bad code"], "station codes such as '1001A'"),
        (2.5, "a count or a list"),
    ],
)
def test_stations_must_be_a_count_or_a_list_of_codes(tmp_path, stations, message):
    with pytest.raises(InputError, match=message):
        testing.synthetic_archive(tmp_path, days=1, stations=stations)
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


@pytest.mark.parametrize("directory", [None, 5, {"a": 1}])
def test_directory_must_be_a_path(directory):
    with pytest.raises(InputError, match="directory must be a path"):
        testing.synthetic_archive(directory, days=1, stations=1)


def test_an_existing_file_is_not_a_directory(tmp_path):
    existing = tmp_path / "file.csv"
    existing.write_text("x")
    with pytest.raises(InputError, match="an existing file, not a directory"):
        testing.synthetic_archive(existing, days=1, stations=1)
    assert existing.read_text() == "x"
