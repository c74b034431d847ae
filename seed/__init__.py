"""The built-in dataset (one Newsweek report, January 2025) and its loader."""

from seed.loader import BUNDLED_DATASET, SeedError, build_document, load_dataset

__all__ = ["BUNDLED_DATASET", "SeedError", "build_document", "load_dataset"]
