"""The simulated Go runtime and the article's scenario. Pure asyncio + stdlib: never imports Qt."""

# a package of modules: import them, e.g. ``from visualizer.core import scenario``
__all__: list[str] = []
