"""The window's side of the reliability fixes: seed range, exports."""

from dataclasses import replace

from tests.gui.conftest import wait_until
from visualizer.core.presets import PRESETS
from visualizer.core.scenario import MAX_SEED


def test_the_seed_box_takes_every_seed_the_core_accepts(window):
    c = window.controls
    assert (c.seed.minimum(), c.seed.maximum()) == (0, MAX_SEED)
    cfg = replace(PRESETS["unbuffered"], seed=MAX_SEED)
    c.set_config(cfg)
    assert c.seed.value() == MAX_SEED
    assert c.config().seed == MAX_SEED


def test_gif_export_streams_the_recorded_run_to_disk(window, qtbot, tmp_path):
    from PIL import Image

    window.session.rt.run(until=1_500_000_000)
    window.refresh()
    path = tmp_path / "run.gif"
    window.export_gif(path, seconds=1.0)
    seen = {"tmp_bytes": 0}

    def done() -> None:
        for p in tmp_path.iterdir():
            if p.name.endswith(".tmp"):
                seen["tmp_bytes"] = max(seen["tmp_bytes"], p.stat().st_size)
        assert window._export_job is None, "the export is still running"

    qtbot.waitUntil(done, timeout=120_000)  # done() asserts: a timeout says what was seen
    assert seen["tmp_bytes"] > 0, "no frame reached the file before the end: frames were held, not streamed"
    with Image.open(path) as im:
        durations = []
        for i in range(im.n_frames):
            im.seek(i)
            durations.append(im.info["duration"])
    assert sum(durations) == 41 * 100  # 1 s at 0.25x is 4 s of animation at 10 fps: 41 frames of 100 ms
    assert "Wrote 41 frames" in window.statusBar().currentMessage()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.gif"]


def test_a_cancelled_gif_export_leaves_nothing(window, qtbot, tmp_path):
    window.session.rt.run(until=1_000_000_000)
    window.refresh()
    path = tmp_path / "run.gif"
    window.export_gif(path, seconds=1.0)
    job = window._export_job
    wait_until(qtbot, lambda: job.writer.frames >= 2, lambda: f"two frames; {job.writer.frames}")
    job.dialog.cancel()
    wait_until(qtbot, lambda: window._export_job is None, lambda: f"the export to end; {window.statusBar().currentMessage()}")
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
