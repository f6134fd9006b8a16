"""leakviz: see how channel capacity, blocking sends and early returns strand goroutines."""

__version__ = "0.1.0"
