"""ottool: offline milestone checks and home-activity plans for infant and toddler OT."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ottool")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0.0.0"
