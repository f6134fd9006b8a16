"""Video export (MP4/WebM through PyAV): small enough for slides, and it looks like the window."""

import av
import pytest
from PIL import Image, ImageChops, ImageStat

from tests.gui.conftest import wait_until
from visualizer.core.presets import PRESETS
from visualizer.gui import i18n
from visualizer.gui.export import frames_of_run, save_image_png, write_frames, writer_for
from visualizer.gui.window import MainWindow

# Mean absolute difference per channel (0-255) allowed between a decoded
# video frame and the PNG of the same moment. Measured on the 1080p export
# below (frames 0, 75, ..., 300): 1.0 to 3.1 levels. Most of it is 4:2:0
# itself (colour kept at half resolution, which smears the window's thin
# coloured text and lines): RGB -> yuv420p -> RGB alone costs 1.1 to 1.9
# here; CRF 26 adds the rest. The frame the export drew and a fresh render
# of that moment differ by 0.01. 4 levels leaves room for other x264/libvpx
# builds; a wrong moment is caught by the second check (a frame one second
# of video earlier measured 3.6 to 10.3, always farther than the right one).
MAX_MEAN_DIFF = 4.0


@pytest.fixture
def english(qapp):
    yield
    i18n.install("en")


def decode(path) -> tuple[int, tuple[int, int], str, dict[int, Image.Image]]:
    """(frames, (width, height), codec name, {index: RGB image} for every 75th frame and the last)."""
    keep = {}
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        codec, size = stream.codec_context.name, (stream.codec_context.width, stream.codec_context.height)
        n = 0
        last = None
        for frame in c.decode(stream):
            if n % 75 == 0:
                keep[n] = frame.to_image().convert("RGB")
            last = frame
            n += 1
        if last is not None:
            keep[n - 1] = last.to_image().convert("RGB")
    return n, size, codec, keep


def png_of(moment_ns: int, size, tmp_path) -> Image.Image:
    """The window at ``moment_ns``, rendered the same way, through a PNG file."""
    (img,) = frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=moment_ns, end_ns=moment_ns, fps=1, speed=1,
                           size=size, lang="en")
    p = tmp_path / f"frame-{moment_ns}.png"
    save_image_png(img, p)
    with Image.open(p) as im:
        return im.convert("RGB")


def mean_diff(a: Image.Image, b: Image.Image) -> list[float]:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean


@pytest.mark.slow
def test_ten_seconds_of_1080p_at_30_fps_is_small_and_looks_like_the_window(qtbot, tmp_path, english):
    size, fps, speed = (1920, 1080), 30, 0.25
    end = int(10 * speed * 1e9)  # 10 s of video: 2.5 simulated seconds at 0.25x
    path = tmp_path / "leak.mp4"
    frames = frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=0, end_ns=end, fps=fps, speed=speed, size=size, lang="en")
    n = write_frames(writer_for(path, "mp4", fps=fps), frames)
    assert n == 301  # 0 s to 10 s inclusive
    assert path.stat().st_size < 5 * 1024 * 1024, f"{path.stat().st_size:,} bytes"
    decoded, dsize, codec, keep = decode(path)
    assert (decoded, dsize, codec) == (301, size, "h264")
    with av.open(str(path)) as c:
        assert c.streams.video[0].average_rate == fps
    k = 225  # 7.5 s in: many goroutines stranded, the chart well under way
    assert k in keep
    step = speed / fps * 1e9
    same = mean_diff(keep[k], png_of(round(k * step), size, tmp_path))
    other = mean_diff(keep[k], png_of(round((k - 30) * step), size, tmp_path))  # a second of video earlier
    assert max(same) < MAX_MEAN_DIFF, same
    assert sum(same) < sum(other), (same, other)


@pytest.mark.slow
def test_webm_is_vp9_with_every_frame(qtbot, tmp_path, english):
    path = tmp_path / "leak.webm"
    frames = frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=0, end_ns=250_000_000, fps=20, speed=0.25,
                           size=(1280, 720), lang="en")
    assert write_frames(writer_for(path, "webm", fps=20), frames) == 21
    decoded, size, codec, keep = decode(path)
    assert (decoded, size, codec) == (21, (1280, 720), "vp9")
    last = png_of(250_000_000, (1280, 720), tmp_path)
    assert max(mean_diff(keep[20], last)) < MAX_MEAN_DIFF


def test_the_window_exports_the_recorded_run_as_video(window, qtbot, tmp_path):
    window.session.rt.run(until=1_000_000_000)
    window.refresh()
    path = tmp_path / "run.mp4"
    window.files.export_video(path, seconds=0.25)
    wait_until(qtbot, lambda: window.files.export_job is None,
               lambda: f"the export to end; {window.statusBar().currentMessage()}")
    assert "Wrote 31 frames" in window.statusBar().currentMessage()  # 0.25 s at 0.25x is 1 s at 30 fps
    decoded, size, codec, _keep = decode(path)
    assert (decoded, size, codec) == (31, (1280, 800), "h264")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.mp4"]


def test_a_cancelled_video_export_leaves_nothing(window, qtbot, tmp_path):
    window.session.rt.run(until=1_000_000_000)
    window.refresh()
    path = tmp_path / "run.webm"
    window.files.export_video(path, seconds=1.0)
    job = window.files.export_job
    wait_until(qtbot, lambda: job.writer.frames >= 2, lambda: f"two frames; {job.writer.frames}")
    job.dialog.cancel()
    wait_until(qtbot, lambda: window.files.export_job is None,
               lambda: f"the export to end; {window.statusBar().currentMessage()}")
    assert list(tmp_path.iterdir()) == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_video_name_must_say_mp4_or_webm(window, tmp_path):
    window.files.export_video(tmp_path / "run.avi")
    assert window.files.export_job is None
    assert ".mp4 or .webm" in window.statusBar().currentMessage()
    assert list(tmp_path.iterdir()) == []


def test_closing_the_window_mid_export_leaves_nothing(window, qtbot, tmp_path):
    window.session.rt.run(until=1_000_000_000)
    window.refresh()
    window.files.export_video(tmp_path / "run.mp4", seconds=1.0)
    out = window.files.export_job.writer
    wait_until(qtbot, lambda: out.frames >= 1, lambda: f"a frame; {out.frames}")
    window.close()
    assert window.files.export_job is None
    assert list(tmp_path.iterdir()) == []

