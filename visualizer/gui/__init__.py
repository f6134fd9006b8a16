"""The Qt shell: renders the core's snapshots and sends user intent to it."""

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

# The offscreen platform (screenshots, tests, bench) says this on every window
# it shows; it is not a problem, and a clean stderr is how we spot real ones.
_HARMLESS = ("This plugin does not support propagateSizeHints()",)


def _qt_messages(kind: QtMsgType, _context, message: str) -> None:
    if message in _HARMLESS:
        return
    import sys
    label = {QtMsgType.QtWarningMsg: "warning", QtMsgType.QtCriticalMsg: "critical",
             QtMsgType.QtFatalMsg: "fatal"}.get(kind, "info")
    print(f"qt: {label}: {message}", file=sys.stderr)


qInstallMessageHandler(_qt_messages)
