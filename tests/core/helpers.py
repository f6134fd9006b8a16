"""Run a little Go program on the simulated runtime."""

from visualizer.core.runtime import Runtime


def run(main, *, seed: int = 0) -> Runtime:
    """Start ``main(rt)`` as a goroutine and run until idle."""
    rt = Runtime(seed=seed)
    rt.go(main(rt), role="main")
    rt.run()
    return rt
