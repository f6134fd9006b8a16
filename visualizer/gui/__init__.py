"""The Qt shell: renders the core's snapshots and sends user intent to it."""
