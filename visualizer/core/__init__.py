"""The simulated Go runtime and the article's scenario. Pure asyncio + stdlib: never imports Qt."""
