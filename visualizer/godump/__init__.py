"""Real Go's goroutine dumps: read them, group them, watch a live service, and
check the simulation against a real Go toolchain. Qt-free, like core."""
