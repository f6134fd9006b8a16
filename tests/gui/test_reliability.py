"""The window's side of the reliability fixes: seed range, exports."""

import inspect
from dataclasses import replace
from itertools import pairwise

from PIL import Image, ImageChops

from tests.gui.conftest import wait_until
from visualizer.core.presets import PRESETS
from visualizer.core.scenario import MAX_SEED
from visualizer.gui.export import frames_of_trace


def test_the_seed_box_takes_every_seed_the_core_accepts(window):
    c = window.controls
    assert (c.seed.minimum(), c.seed.maximum()) == (0, MAX_SEED)
    cfg = replace(PRESETS["unbuffered"], seed=MAX_SEED)
    c.set_config(cfg)
    assert c.seed.value() == MAX_SEED
    assert c.config().seed == MAX_SEED


def test_gif_export_streams_the_recorded_run_to_disk(window, qtbot, tmp_path):
    window.session.rt.run(until=1_500_000_000)
    window.refresh()
    path = tmp_path / "run.gif"
    window.files.export_gif(path, seconds=1.0)
    job = window.files.export_job
    assert job.writer.frames == 0  # nothing runs before the event loop gives the job its ticks

    def tmp_bytes() -> int:
        return sum(p.stat().st_size for p in tmp_path.iterdir() if p.name.endswith(".tmp"))

    # what the temporary file holds right after each frame is added (the job adds them one a tick)
    on_disk: list[int] = []
    add = job.writer.add

    def add_and_look(image) -> None:
        add(image)
        on_disk.append(tmp_bytes())

    job.writer.add = add_and_look
    wait_until(qtbot, lambda: window.files.export_job is None,
               lambda: f"the export to end; {window.statusBar().currentMessage()}")
    assert "Wrote 41 frames" in window.statusBar().currentMessage()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.gif"]
    asked = inspect.signature(frames_of_trace).parameters["size"].default  # the window exports at this size
    with Image.open(path) as im:
        assert im.format == "GIF" and im.size == asked
        assert im.n_frames > 1
        frames, durations = [], []
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(im.convert("RGB"))
            durations.append(im.info["duration"])
    # an unchanged frame lengthens the one before, so every frame stored differs from the one before it
    assert all(ImageChops.difference(a, b).getbbox() is not None for a, b in pairwise(frames))
    # streamed: a stored frame reaches the file when the next different one arrives, so while frames were
    # still being added the file grew once for each stored frame but the last (held in memory, it waits
    # for close); a writer that held its frames to the end would show no growth here
    assert len(on_disk) == 41
    assert on_disk == sorted(on_disk) and on_disk[-1] > 0
    assert sum(b > a for a, b in pairwise(on_disk)) == len(frames) - 1, on_disk
    assert sum(durations) == 41 * 100  # 1 s at 0.25x is 4 s of animation at 10 fps: 41 frames of 100 ms


def test_a_cancelled_gif_export_leaves_nothing(window, qtbot, tmp_path):
    window.session.rt.run(until=1_000_000_000)
    window.refresh()
    path = tmp_path / "run.gif"
    window.files.export_gif(path, seconds=1.0)
    job = window.files.export_job
    wait_until(qtbot, lambda: job.writer.frames >= 2, lambda: f"two frames; {job.writer.frames}")
    job.dialog.cancel()
    wait_until(qtbot, lambda: window.files.export_job is None, lambda: f"the export to end; {window.statusBar().currentMessage()}")
    assert list(tmp_path.iterdir()) == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_compare_stops_at_the_ceiling_it_is_given(qtbot):
    from visualizer.core.compare import classic
    from visualizer.gui.compare import CompareWindow

    w = CompareWindow(classic(PRESETS["unbuffered"]), speed=None, max_live=700)
    qtbot.addWidget(w)
    c = w.compare
    for _ in range(10_000):
        if c.ceiling_hit:
            break
        c.advance(c.now + 50_000_000)
    live = sum(len(lane.rt.goroutines) for lane in c.lanes)
    assert c.ceiling_hit and 700 <= live < 700 + 300
    c.stop()
