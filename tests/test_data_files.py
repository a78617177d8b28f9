"""The package data files (wasteless/data/): read once, never shared between callers."""


def test_package_data_is_parsed_once_and_each_caller_gets_its_own_copy():
    from wasteless._data import _parsed_toml, read_toml

    first = read_toml("air_assessment.toml")
    first["composite_index"]["source"] = "changed by a caller"
    again = read_toml("air_assessment.toml")
    assert again["composite_index"]["source"] != "changed by a caller"
    assert again == _parsed_toml("air_assessment.toml")
    assert _parsed_toml.cache_info().currsize >= 1
