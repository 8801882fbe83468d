"""Data the API fuzz test runs against: the taxonomy and the demo directory."""

from hrkit.directory.demo import generate_demo_directory
from hrkit.directory.taxonomy import load_taxonomy


def load_fuzz_data() -> None:
    load_taxonomy()
    generate_demo_directory()
