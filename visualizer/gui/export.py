"""Exports that need Qt: a PNG of a widget, an animated GIF of a run.

``frames_of_run`` renders a run frame by frame in its own, never shown,
window: the simulation is stepped headless to each frame's simulated time,
so the frames are the same whatever the machine's speed. ``write_gif``
turns any frames into a looping GIF. Both sides are plain iterators, so a
caller can show progress and cancel between frames.

Files are written atomically (``visualizer.core.export.atomic_file``);
failures raise ``ExportError`` with one line for the user.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction

from PIL import GifImagePlugin, Image
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from ..core.export import GIF_FPS, VIDEO_FPS, ExportError, atomic_file
from ..core.presets import DEFAULT_PRESET, preset_of
from ..core.scenario import Config
from ..core.session import KEEP_CHUNKS, Session
from ..core.trace import Events

# Events folded per step of the headless run at most: the session's trace
# forgets chunks older than KEEP_CHUNKS, so the fold must never fall that far behind.
_STEP_EVENTS = KEEP_CHUNKS * Events.CHUNK // 8
# Fast octree: measured on 1280x800 window frames, 3x faster than median cut
# (about 20 against 65 ms a frame, whole write) and a quarter smaller, with
# errors of a level or two per channel that do not show on flat colours.
QUANTIZE = Image.Quantize.FASTOCTREE


class _Cancelled(Exception):
    pass


# -- PNG --

def grab_png(widget: QWidget, path: str | os.PathLike[str], size: tuple[int, int] | None = None) -> None:
    """Save what ``widget`` shows as a PNG at ``path`` (atomically); exactly ``size`` pixels when given (a
    fractional scale factor rounds the window by a pixel)."""
    pixmap = widget.grab()
    if pixmap.isNull():
        raise ExportError(f"could not write {os.fspath(path)}: the widget has nothing to show (zero size)")
    img = pixmap.toImage()
    if size is not None and (img.width(), img.height()) != size:
        img = img.scaled(size[0], size[1], Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
    img.setDevicePixelRatio(1.0)
    save_image_png(img, path)


def save_image_png(image: QImage, path: str | os.PathLike[str]) -> None:
    """Save ``image`` as a PNG at ``path`` (atomically)."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    ok = image.save(buf, "PNG")
    buf.close()
    if not ok:
        raise ExportError(f"could not write {os.fspath(path)}: Qt could not encode the image as PNG")
    with atomic_file(path, "wb") as f:
        f.write(data.data())


# -- GIF --

def qimage_to_pil(image: QImage) -> Image.Image:
    """An RGB Pillow image of ``image`` (alpha dropped; a copy, the QImage may go)."""
    q = image.convertToFormat(QImage.Format_RGB888)
    return Image.frombytes("RGB", (q.width(), q.height()), q.constBits().tobytes(),
                           "raw", "RGB", q.bytesPerLine(), 1)


class GifWriter:
    """An animated GIF written a frame at a time, never holding more than one
    frame: ``add`` each QImage, then ``close()`` (the file appears under its
    name, atomically) or ``abort()`` (nothing is left). Each frame gets its
    own adaptive palette of up to 256 colours (no dithering: the window is
    flat colours and text); a frame identical to the one before lengthens
    that one's delay instead, as Pillow's own writer does.

    ``fps`` lies in ``GIF_FPS``: GIF delays are in hundredths of a second up
    to 655.35 s, and browsers play delays under 20 ms at 100 ms.
    """

    def __init__(self, path: str | os.PathLike[str], *, fps: float = 10) -> None:
        lo, hi = GIF_FPS
        if not (isinstance(fps, int | float) and math.isfinite(fps) and lo <= fps <= hi):
            raise ValueError(f"fps must be between {lo:g} and {hi:g}, got {fps!r}")
        self.path = path
        self.delay = max(10, round(100 / fps) * 10)  # ms, what the GIF can store
        self.frames = 0
        self._size: QSize | None = None
        self._pending: tuple[Image.Image, bytes, int] | None = None  # frame, its bytes, its delay
        self._file = atomic_file(path, "wb")
        self._f = None

    def add(self, image: QImage) -> None:
        """Append one frame; an unchanged frame only lengthens the previous one's delay.

        Raises ExportError if its size differs from the first frame's."""
        if self._size is None:
            self._size = image.size()
        elif image.size() != self._size:
            raise ExportError(f"could not write {os.fspath(self.path)}: frame {self.frames + 1} is "
                              f"{image.width()}x{image.height()}, the first was "
                              f"{self._size.width()}x{self._size.height()}")
        im = qimage_to_pil(image).quantize(256, method=QUANTIZE, dither=Image.Dither.NONE)
        key = im.tobytes() + bytes(im.getpalette() or ())
        self.frames += 1
        if self._pending is not None and self._pending[1] == key and self._pending[2] + self.delay < 655_350:
            self._pending = (self._pending[0], key, self._pending[2] + self.delay)
            return
        self._flush()
        self._pending = (im, key, self.delay)

    def _flush(self) -> None:
        if self._pending is None:
            return
        im, _, delay = self._pending
        self._pending = None
        if self._f is None:
            self._f = self._file.__enter__()
            header, _ = GifImagePlugin.getheader(im, None, {"loop": 0, "duration": delay})
            self._f.write(b"".join(header))
        for chunk in GifImagePlugin.getdata(im, duration=delay, include_color_table=True):
            self._f.write(chunk)

    def close(self) -> int:
        """Write the last frame and the trailer and put the file in place; returns the frames added."""
        if self.frames == 0:
            raise ExportError(f"could not write {os.fspath(self.path)}: there are no frames")
        self._flush()
        self._f.write(b";")  # the GIF trailer
        self._file.__exit__(None, None, None)
        return self.frames

    def abort(self) -> None:
        """Leave nothing behind (under the name or as a temporary file)."""
        if self._f is not None:
            self._file.__exit__(_Cancelled, _Cancelled(), None)
            self._f = None
        self._pending = None


class VideoWriter:
    """An MP4 (H.264) or WebM (VP9) video written a frame at a time through
    PyAV (FFmpeg's libraries, shipped in its wheels), for slides: far smaller
    and sharper than a GIF. Same shape as ``GifWriter``: ``add`` QImages,
    then ``close()`` or ``abort()``; the file appears atomically.

    Settings chosen for a window's flat colours and text: H.264 at CRF 26
    (``tune=stillimage``), VP9 at CRF 36 in constant-quality mode; 4:2:0
    colour, so width and height must be even.
    """

    CODECS = {"mp4": ("libx264", {"crf": "26", "preset": "medium", "tune": "stillimage"}),
              "webm": ("libvpx-vp9", {"crf": "36", "b": "0", "deadline": "realtime", "cpu-used": "8",
                                      "row-mt": "1"})}

    def __init__(self, path: str | os.PathLike[str], *, fps: float = 30, kind: str = "mp4") -> None:
        if kind not in self.CODECS:
            raise ValueError(f"kind must be one of {', '.join(self.CODECS)}, got {kind!r}")
        lo, hi = VIDEO_FPS
        if not (isinstance(fps, int | float) and math.isfinite(fps) and lo <= fps <= hi):
            raise ValueError(f"fps must be between {lo:g} and {hi:g}, got {fps!r}")
        self.path, self.kind, self.fps = path, kind, fps
        self.frames = 0
        self._file = atomic_file(path, "wb")
        self._f = None
        self._out = None
        self._stream = None

    def _open(self, width: int, height: int) -> None:
        import av  # only when a video is made: FFmpeg's libraries are large

        if width % 2 or height % 2:
            raise ExportError(f"could not write {os.fspath(self.path)}: a video needs an even width and height, "
                              f"got {width}x{height}")
        self._f = self._file.__enter__()
        self._out = av.open(self._f, mode="w", format=self.kind)
        codec, options = self.CODECS[self.kind]
        self._stream = self._out.add_stream(codec, rate=Fraction(self.fps).limit_denominator(1001), options=options)
        self._stream.width, self._stream.height = width, height
        self._stream.pix_fmt = "yuv420p"

    def add(self, image: QImage) -> None:
        """Encode one frame (the stream opens at the first frame's size).

        Raises ExportError if its size differs from the first frame's or the encoder fails."""
        import av

        w, h = image.width(), image.height()
        if self._stream is None:
            self._open(w, h)
        elif (w, h) != (self._stream.width, self._stream.height):
            raise ExportError(f"could not write {os.fspath(self.path)}: frame {self.frames + 1} is {w}x{h}, "
                              f"the first was {self._stream.width}x{self._stream.height}")
        q = image.convertToFormat(QImage.Format_RGBA8888)  # 4 bytes a pixel: rows are never padded
        frame = av.VideoFrame.from_bytes(q.constBits().tobytes(), w, h, format="rgba")
        frame.pts = self.frames
        try:
            for packet in self._stream.encode(frame.reformat(format="yuv420p")):
                self._out.mux(packet)
        except av.FFmpegError as e:
            raise ExportError(f"could not write {os.fspath(self.path)}: the encoder failed ({e})") from None
        self.frames += 1

    def close(self) -> int:
        """Flush the encoder, finish the file and put it in place; returns the frames added."""
        if self.frames == 0:
            raise ExportError(f"could not write {os.fspath(self.path)}: there are no frames")
        for packet in self._stream.encode(None):
            self._out.mux(packet)
        self._out.close()
        self._file.__exit__(None, None, None)
        return self.frames

    def abort(self) -> None:
        """Leave nothing behind."""
        if self._out is not None:
            try:
                self._out.close()
            except Exception:  # a half-made file is removed below whatever FFmpeg says
                pass
            self._out = None
        if self._f is not None:
            self._file.__exit__(_Cancelled, _Cancelled(), None)
            self._f = None


def writer_for(path: str | os.PathLike[str], kind: str, *, fps: float) -> GifWriter | VideoWriter:
    """The frame writer for ``kind`` (gif, mp4 or webm)."""
    return GifWriter(path, fps=fps) if kind == "gif" else VideoWriter(path, fps=fps, kind=kind)


def write_frames(writer: GifWriter | VideoWriter, frames: Iterable[QImage], *,
                 progress: Callable[[int], object] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> int:
    """Feed ``frames`` to ``writer`` and finish it; see ``write_gif``."""
    it = iter(frames)
    try:
        while True:
            if cancelled is not None and cancelled():
                writer.abort()
                return 0
            img = next(it, None)
            if img is None:
                break
            writer.add(img)
            if progress is not None:
                progress(writer.frames)
        if cancelled is not None and cancelled():
            writer.abort()
            return 0
        return writer.close()
    except BaseException:
        writer.abort()
        raise
    finally:
        close = getattr(it, "close", None)  # a generator of frames gets its finally now
        if close is not None:
            close()


def write_gif(path: str | os.PathLike[str], frames: Iterable[QImage], *, fps: float = 10,
              progress: Callable[[int], object] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Write ``frames`` as an animated GIF at ``path`` that loops for ever
    (see ``GifWriter``), one frame in memory at a time.

    ``progress(n)`` is called after each frame with the number of frames
    taken so far; ``cancelled()`` is asked before each frame and before the
    file is committed: when it returns True, nothing is written under
    ``path`` and 0 is returned. Otherwise returns the number of frames taken.
    """
    return write_frames(GifWriter(path, fps=fps), frames, progress=progress, cancelled=cancelled)


# -- running an export on the event loop --

SLICE_S = 0.02  # export work per timer tick: the loop never waits long for it
MOVING_FPS = {"gif": 10.0, "mp4": 30.0, "webm": 30.0}  # a GIF grows with every frame; a video hardly does


class ExportJob:
    """``frames`` into ``writer`` on the event loop, for a window: each timer
    tick does at most ``SLICE_S`` of work or one frame (``frames`` yields a
    QImage, or None after a slice of work that made no frame yet), with a
    progress dialog whose Cancel, like ``cancel()`` or an ExportError, leaves
    nothing behind. ``done(message)`` is called once at the end: what to say,
    or None when the window cancelled it. The texts come translated."""

    def __init__(self, parent: QWidget, frames: Iterator[QImage | None], writer: GifWriter | VideoWriter, *,
                 total: int, label: str, title: str, cancel: str, cancelled: str,
                 wrote: Callable[[int], str], done: Callable[[str | None], object]) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QProgressDialog

        self.frames, self.writer = frames, writer
        self._cancelled, self._wrote, self._done = cancelled, wrote, done
        self.dialog = QProgressDialog(label, cancel, 0, total, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(0)
        self.timer = QTimer(parent)
        self.timer.timeout.connect(self._tick)
        self.timer.start(0)
        self.dialog.open()

    def _tick(self) -> None:
        if self.dialog.wasCanceled():
            self._abort(self._cancelled)
            return
        deadline = time.perf_counter() + SLICE_S
        try:
            while time.perf_counter() < deadline:
                frame = next(self.frames, StopIteration)
                if frame is StopIteration:
                    self._finish(self._wrote(self.writer.close()))
                    return
                if frame is not None:
                    self.writer.add(frame)
                    self.dialog.setValue(self.writer.frames)
                    return  # one frame a tick at most: a frame is the largest slice
        except ExportError as e:
            self._abort(str(e))

    def cancel(self) -> None:
        """Stop now and leave nothing behind (the window is closing)."""
        self._abort(None)

    def _abort(self, message: str | None) -> None:
        self.writer.abort()
        self._finish(message)

    def _finish(self, message: str | None) -> None:
        self.timer.stop()
        close = getattr(self.frames, "close", None)  # a generator of frames gets its finally now
        if close is not None:
            close()
        self.dialog.close()
        self._done(message)


# -- frames of a run --

def frames_of_run(cfg: Config, *, window_class: type, start_ns: int, end_ns: int, fps: float, speed: float,
                  size: tuple[int, int] = (1280, 800), lang: str | None = None,
                  from_go: bool = False) -> Iterator[QImage]:
    """The window's frames for ``cfg``: one at simulated time ``start_ns``,
    then every ``speed / fps`` simulated seconds up to ``end_ns`` (included).

    The run is stepped headless in a fresh window that is laid out but not
    shown on screen, so frames are deterministic (markers are drawn where
    they are, not on their way). Each image is ``size`` pixels (a size below
    the window's minimum is laid out larger and scaled down). ``lang``:
    the language of the window already open, else the system's; note that
    Qt's language is application-wide. Stops at the live-goroutine ceiling
    like the window does (the banner shows). The window is closed when the
    iterator is exhausted or closed. ``from_go``: the run is the preset's from gateway.go, as the app
    runs it (ValueError, with the window's one line, if gateway.go cannot run ``cfg``).
    """
    for name, v in (("fps", fps), ("speed", speed)):
        if not (isinstance(v, int | float) and math.isfinite(v) and v > 0):
            raise ValueError(f"{name} must be a positive number, got {v!r}")
    if not 0 <= start_ns <= end_ns:
        raise ValueError(f"need 0 <= start_ns <= end_ns, got {start_ns} and {end_ns}")
    width, height = size
    if width < 1 or height < 1:
        raise ValueError(f"size must be positive, got {size}")
    cfg = cfg.validate()
    step = speed / fps * 1e9
    n = int((end_ns - start_ns) / step + 1e-9) + 1
    controls_speed = speed if speed in (0.01, 0.02, 0.05, 0.1, 0.25, 1.0, 10.0) else None

    w = _hidden_window(window_class, cfg, size, lang, speed=controls_speed)
    if from_go:
        why = w.source.open_preset_from_go(cfg)
        if why:
            _dispose(w)
            raise ValueError(why)
        w.timer.stop()
        w.stage.animate = False
        QCoreApplication.sendPostedEvents()  # the dial rows added to the shown drawer show once their turn comes
    try:
        span = [max(1, int(step))]
        for i in range(n):
            _advance(w.session, start_ns + round(i * step), span)
            w.session.snapshot()  # fold everything, so refresh's frame budget has nothing left to do
            w.refresh()
            yield _grab(w, size)
    finally:
        _dispose(w)


def frames_of_trace(session: Session, *, window_class: type, start_ns: int, end_ns: int, fps: float, speed: float,
                    size: tuple[int, int] = (1280, 800), lang: str | None = None,
                    program: tuple[list, dict, dict] | None = None, drawer: bool | None = None
                    ) -> Iterator[QImage | None]:
    """The frames of what ``session`` recorded between ``start_ns`` and
    ``end_ns`` (its trace, not a new run: a mid-run change shows as it
    happened), one every ``speed / fps`` simulated seconds, drawn in a hidden
    window of ``size``. Yields ``None`` between slices of work that made no
    frame yet (``Session.playback``), so a caller on the event loop can stop
    there and keep the window responsive. ``program``: (files, dials, go's service options) of the Go
    program the session runs, which the hidden window opens to draw it as the window does; ``drawer``: the
    settings drawer open or closed as in the window exported from (None: the hidden window's default)."""
    for name, v in (("fps", fps), ("speed", speed)):
        if not (isinstance(v, int | float) and math.isfinite(v) and v > 0):
            raise ValueError(f"{name} must be a positive number, got {v!r}")
    w = None
    try:
        for folder in session.playback(start_ns, end_ns, speed / fps * 1e9):
            if folder is None:
                yield None
                continue
            if w is None:
                w = _hidden_window(window_class, session.cfg, size, lang)
                if program is not None:
                    w.source.open_program(program[0], dials=program[1], **program[2])
                    w.timer.stop()
                if drawer is not None:
                    w.set_drawer(drawer)
                yield None  # making the window is a slice of its own
            w.review = folder  # the window shows this fold, not its own idle session
            w.timeline_of = session  # and the exported run's timeline: "event i of n" of that run
            w.refresh()
            yield _grab(w, size)
    finally:
        if w is not None:
            _dispose(w)


def _hidden_window(window_class: type, cfg: Config, size: tuple[int, int], lang: str | None,
                   speed: float | None = None):
    """A ``window_class`` (the app's MainWindow, passed in: this module does not
    import the window, which imports it) on ``cfg``, laid out at ``size`` but
    never shown on screen, that nothing but its caller moves or draws."""
    width, height = size
    if lang is None:  # keep the app's language: installing another one would switch every window
        lang = next((w.lang for w in QApplication.topLevelWidgets() if isinstance(w, window_class)), None)
    preset = preset_of(cfg)
    w = window_class(preset=preset or DEFAULT_PRESET, speed=speed, lang=lang, from_go=False)  # the caller's source
    w.timer.stop()
    w.session.reset(cfg)  # controls, code, verdict and preset box follow (the session's events)
    w.stage.animate = False
    w.setAttribute(Qt.WA_DontShowOnScreen, True)
    hint = w.minimumSizeHint()
    k = max(1.0, hint.width() / width, hint.height() / height)
    w.resize(math.ceil(width * k), math.ceil(height * k))
    w.show()
    return w


def _grab(w, size: tuple[int, int]) -> QImage:
    w.stage.animate = False  # markers where they are, not on their way
    QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)  # new texts, banner: lay out now
    img = w.grab().toImage()
    if img.size() != QSize(*size):
        img = img.scaled(size[0], size[1], Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
        img.setDevicePixelRatio(1.0)
    return img


def _dispose(w) -> None:
    w.close()
    w.session.stop()
    w.deleteLater()


def _advance(session: Session, until: int, span: list[int]) -> None:
    """Run the session's runtime to virtual time ``until``, folding as it
    goes so the trace never forgets events the fold has not read. ``span``
    (simulated ns per run call) adapts to keep each call near _STEP_EVENTS."""
    rt = session.rt
    events = rt.trace.events
    while True:
        if len(rt.goroutines) >= session.max_live:
            session.ceiling_hit = True  # what the window's driver does: stop here, the banner says why
            return
        before = len(events)
        rt.run(until=min(until, rt.now + span[0]))
        session.folder.feed(events)
        made = len(events) - before
        if made > _STEP_EVENTS:
            span[0] = max(1, span[0] // 2)
        elif made < _STEP_EVENTS // 4:
            span[0] = min(span[0] * 2, 1 << 50)
        if rt.now >= until or rt.idle():
            return
