"""pytest configuration for the doctest run over the package."""

# wasteless/aqi.py and wasteless/standards.py only alias the modules that moved to
# wasteless/air/; their doctests run there, once.
collect_ignore = ["wasteless/aqi.py", "wasteless/standards.py"]
