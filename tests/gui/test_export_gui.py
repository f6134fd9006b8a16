"""GIF and PNG exports: files that decode, loop, keep their colours, and are whole or absent."""

import os

import pytest
from PIL import Image, ImageSequence
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

from visualizer.core.export import ExportError
from visualizer.core.presets import PRESETS
from visualizer.gui import i18n
from visualizer.gui.export import frames_of_run, grab_png, write_gif
from visualizer.gui.window import MainWindow

COLOURS = [(213, 94, 0), (0, 114, 178), (240, 228, 66)]


def solid(rgb, w=64, h=48):
    img = QImage(w, h, QImage.Format_RGB32)
    img.fill(QColor(*rgb))
    return img


@pytest.fixture
def english(qapp):
    yield
    i18n.install("en")


def open_windows():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_gif_of_three_colours_loops_and_keeps_them(tmp_path):
    p = tmp_path / "c.gif"
    seen = []
    assert write_gif(p, (solid(c) for c in COLOURS), fps=4, progress=seen.append) == 3
    assert seen == [1, 2, 3]
    with Image.open(p) as im:
        assert im.format == "GIF"
        assert im.n_frames == 3
        assert im.info["loop"] == 0  # for ever
        assert im.size == (64, 48)
        got = [(f.convert("RGB").getpixel((10, 20)), f.info["duration"]) for f in ImageSequence.Iterator(im)]
    assert got == [(c, 250) for c in COLOURS]
    assert os.listdir(tmp_path) == ["c.gif"]


def test_cancel_after_one_frame_writes_nothing(tmp_path):
    p = tmp_path / "c.gif"
    p.write_bytes(b"old")
    seen = []
    pulled = []

    def frames():
        for c in COLOURS:
            pulled.append(c)
            yield solid(c)

    n = write_gif(p, frames(), progress=seen.append, cancelled=lambda: len(seen) >= 1)
    assert n == 0
    assert seen == [1]
    assert pulled == COLOURS[:1]  # the next frame is not even made
    assert p.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["c.gif"]  # no temp litter


def test_zero_frames_is_an_error(tmp_path):
    with pytest.raises(ExportError, match="no frames"):
        write_gif(tmp_path / "z.gif", [])
    assert os.listdir(tmp_path) == []


def test_gif_write_errors_are_export_errors(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_gif(tmp_path / "no" / "x.gif", [solid(COLOURS[0])])
    with pytest.raises(ExportError, match="frame 2 is 32x32"):
        write_gif(tmp_path / "x.gif", [solid(COLOURS[0]), solid(COLOURS[1], 32, 32)])
    assert os.listdir(tmp_path) == []


def test_frames_of_a_run_to_gif_and_back(qtbot, tmp_path, english):
    frames = list(frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=0, end_ns=500_000_000, fps=4, speed=1,
                                size=(1280, 800), lang="en"))
    assert len(frames) == 3  # 0, 0.25, 0.5 s
    assert all((f.width(), f.height()) == (1280, 800) for f in frames)
    assert frames[0] != frames[1] and frames[1] != frames[2] and frames[0] != frames[2]
    assert not open_windows()  # its window is closed at the end
    p = tmp_path / "run.gif"
    assert write_gif(p, frames, fps=4) == 3
    with Image.open(p) as im:
        assert (im.n_frames, im.size) == (3, (1280, 800))
        im.seek(2)
        im.load()


def test_frames_are_deterministic_and_a_closed_iterator_closes_the_window(qtbot, english):
    a = frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=300_000_000, end_ns=300_000_000, fps=10, speed=1,
                      size=(1200, 750), lang="en")
    first = next(a)
    assert open_windows()
    a.close()
    assert not open_windows()
    (again,) = frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=300_000_000, end_ns=300_000_000, fps=10, speed=1,
                             size=(1200, 750), lang="en")
    assert (first.width(), first.height()) == (1200, 750)
    assert first == again


def test_grab_png_of_a_widget(qtbot, tmp_path):
    label = QLabel("leakviz")
    qtbot.addWidget(label)
    label.setStyleSheet("background: #D55E00;")
    label.resize(200, 100)
    p = tmp_path / "w.png"
    grab_png(label, p)
    with Image.open(p) as im:
        assert im.format == "PNG"
        assert im.size == (label.width(), label.height()) == (200, 100)
        assert im.convert("RGB").getpixel((2, 2)) == (213, 94, 0)
    with pytest.raises(ExportError, match="is a folder"):
        grab_png(label, tmp_path)
    assert os.listdir(tmp_path) == ["w.png"]


def test_frames_of_a_preset_from_go_draw_what_the_app_shows(qtbot, english, monkeypatch):
    import visualizer.gui.export as gexport
    seen = []
    real_grab = gexport._grab

    def grab(w, size):
        seen.append((w.panels.code_title.text(), {k: sb.isVisibleTo(w) for k, sb in w.controls.dials.items()},
                     w.findChild(QLabel, "strandedCount").text()))
        return real_grab(w, size)

    monkeypatch.setattr(gexport, "_grab", grab)
    (frame,) = frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=1_000_000_000,
                             end_ns=1_000_000_000, fps=1, speed=1, size=(1024, 768), lang="en", from_go=True)
    title, dials, stranded = seen[0]
    assert title == "gateway.go" and dials == {"capacity:done:45": True, "capacity:quit:46": True}
    from dataclasses import replace

    from visualizer.golang import gateway
    assert stranded == str(gateway.stranded_after(replace(PRESETS["unbuffered"], requests=1_000_000), 1_000_000_000))
    assert not open_windows()


def test_the_export_command_draws_presets_from_go_unless_native(monkeypatch, tmp_path):
    import visualizer.gui.export as gexport
    from visualizer.__main__ import main
    asked = []

    def frames(cfg, **kw):
        asked.append(kw["from_go"])
        from PySide6.QtGui import QImage
        yield QImage(8, 8, QImage.Format_RGB32)

    monkeypatch.setattr(gexport, "frames_of_run", frames)
    out = str(tmp_path / "x.png")
    assert main(["export", "png", "--preset", "unbuffered", "--sim-seconds", "1", "--out", out]) == 0
    assert main(["export", "png", "--preset", "unbuffered", "--sim-seconds", "1", "--out", out, "--native"]) == 0
    assert main(["export", "png", "--checks", "4", "--sim-seconds", "1", "--out", out]) == 0  # gateway.go has 10
    assert asked == [True, False, False]


@pytest.mark.parametrize("go", [False, True], ids=["preset", "from-go"])
def test_a_lanes_two_channels_are_labelled_alike(qtbot, english, monkeypatch, go):
    # "done" had to give way to its name where "quit 0/0", a little narrower, still fitted: one row said
    # what the other did not
    import visualizer.gui.export as gexport
    seen = []
    real_grab = gexport._grab

    def grab(w, size):
        img = real_grab(w, size)
        seen.append([t for t, _r, _f in w.stage.labels if t.split(" ")[0] in ("done", "quit")])
        return img

    monkeypatch.setattr(gexport, "_grab", grab)
    list(frames_of_run(window_class=MainWindow, cfg=PRESETS["unbuffered"], start_ns=1_188_000_000,
                       end_ns=1_188_000_000, fps=1, speed=1, size=(1366, 768), lang="en", from_go=go))
    names = seen[0]
    assert len(names) >= 8 and len(names) % 2 == 0, names
    for done, quit_ in zip(names[::2], names[1::2], strict=True):
        assert done.startswith("done") and quit_.startswith("quit") and ("/" in done) == ("/" in quit_), names
