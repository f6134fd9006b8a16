"""The desktop side: remembered settings, recent files, drag and drop, the icon, the launcher entry."""

import configparser
import importlib
import logging
import shutil
import subprocess
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import wait_until
from visualizer.core.presets import PRESETS
from visualizer.gui import i18n
from visualizer.gui.settings import ICON_NAME, Settings, launch_options
from visualizer.gui.window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DEFAULTS = {"preset": "unbuffered", "speed": 0.05, "lang": None, "zoom": 1.0, "present": False}


@pytest.fixture
def open_with(qtbot, qloop):
    """Open a window as the app does: from the settings at ``path``, with command-line flags ``given``."""
    opened = []

    def make(path, given=(), **flags):
        settings = Settings(path)
        opts = launch_options(settings, set(given), **{**DEFAULTS, **flags})
        recording = opts["opened"]
        w = MainWindow(settings=settings, **{k: v for k, v in opts.items() if k != "opened"})
        qtbot.addWidget(w)
        w.show()
        if recording is not None:
            w.files.show_recording(*recording)
        opened.append(w)
        return w, opts

    yield make
    for w in opened:
        w.close()
    i18n.install("en")


def test_what_is_changed_in_one_window_is_there_in_the_next(open_with, tmp_path):
    path = tmp_path / "leakviz.ini"
    w, opts = open_with(path)
    assert (opts["lang"], opts["zoom_factor"], opts["present"], opts["preset"]) == (None, 1.0, False, "unbuffered")
    w.set_language("zh_CN")
    w.choose_preset("too-small")
    w.controls.speed.setCurrentIndex(w.controls.speed.findData(1.0))
    w.set_zoom(1.3)
    w.resize(960, 700)  # the offscreen screen is 800x800: a height that fits, and that no default gives
    w.set_presenter(True)
    w.settings.remember_folder("save", tmp_path / "leak.gif")
    w.close()

    w2, opts = open_with(path)
    assert opts["lang"] == "zh_CN" and w2.lang == "zh_CN"
    assert opts["preset"] == "too-small" and w2.source.article_from_go() == PRESETS["too-small"]  # from gateway.go
    assert opts["speed"] == 1.0 and w2.session.speed == 1.0
    assert w2.user_zoom == pytest.approx(1.3)
    assert w2.presenting and not w2.menuBar().isVisible()
    assert w2.height() == 700
    assert w2.settings.folder("save") == str(tmp_path)
    w2.close()

    # flags given on the command line win for that launch; the rest is still remembered
    _w3, opts = open_with(path, given={"lang", "zoom", "speed"}, lang="en", zoom=1.0, speed=0.25)
    assert (opts["lang"], opts["zoom_factor"], opts["speed"]) == ("en", 1.0, 0.25)
    assert opts["preset"] == "too-small" and opts["present"]
    _w3.close()

    w4, _ = open_with(path, given={"present"}, present=False)  # the window state saved in presenter mode ...
    assert not w4.presenting and w4.menus.toolbar.isVisible() and w4.menuBar().isVisible()  # ... hides nothing


def test_a_fresh_window_is_not_remembered_without_a_settings_file(open_with, tmp_path):
    w, _ = open_with(tmp_path / "a.ini")
    w.set_zoom(1.5)
    w.close()
    fresh = MainWindow(lang="en")  # in-memory settings: what --no-settings and screenshots get
    try:
        assert fresh.user_zoom == 1.0
        assert fresh.settings.path is None and fresh.settings.recent() == []
    finally:
        fresh.close()


JUNK = {
    "binary": bytes(range(256)) * 4,
    "unparsable": b"[General]\nlang=zh_CN\n[broken\nx==\n",
    "foreign": b"[Paths]\nPrefix=/usr\n",
}


@pytest.mark.parametrize("kind", sorted(JUNK))
def test_a_corrupt_settings_file_starts_clean_with_a_warning(open_with, tmp_path, caplog, kind):
    path = tmp_path / "leakviz.ini"
    path.write_bytes(JUNK[kind])
    with caplog.at_level(logging.WARNING, logger="leakviz"):
        w, opts = open_with(path)
    assert any("ignored" in r.getMessage() and str(path) in r.getMessage() for r in caplog.records)
    assert opts == {"preset": "unbuffered", "speed": 0.05, "lang": None, "zoom_factor": 1.0, "present": False,
                    "opened": None}
    assert "settings file" in w.statusBar().currentMessage()
    assert (tmp_path / "leakviz.ini.corrupt").read_bytes() == JUNK[kind]  # set aside, not destroyed
    w.set_zoom(1.2)
    w.close()
    _w2, opts = open_with(path)  # the next launch reads the fresh file
    assert opts["zoom_factor"] == pytest.approx(1.2)


def test_bad_values_are_dropped_one_by_one(open_with, tmp_path, caplog):
    path = tmp_path / "leakviz.ini"
    path.write_text("[meta]\nversion=1\n[ui]\nlang=klingon\nzoom=banana\npresent=true\n"
                    "[run]\nspeed=-3\npreset=too-small\n[recent]\nfiles=not json\n")
    with caplog.at_level(logging.WARNING, logger="leakviz"):
        w, opts = open_with(path)
        assert recent_entries(w) == []
    dropped = " ".join(r.getMessage() for r in caplog.records)
    for key in ("ui/lang", "ui/zoom", "run/speed", "recent/files"):
        assert key in dropped
    assert (opts["lang"], opts["zoom_factor"], opts["speed"]) == (None, 1.0, 0.05)
    assert opts["present"] is True and opts["preset"] == "too-small"  # the good ones are kept


def recent_entries(w) -> list[str]:
    w.menus.menu_recent.aboutToShow.emit()
    return [a.data() for a in w.menus.menu_recent.actions() if a.data()]


def test_recent_files_survive_a_restart_and_drop_missing_ones(open_with, tmp_path, qtbot):
    path = tmp_path / "leakviz.ini"
    w, _ = open_with(path)
    assert recent_entries(w) == []
    assert not w.menus.menu_recent.actions()[-1].isEnabled()  # nothing to clear
    w.session.rt.run(until=300_000_000)
    a, b = tmp_path / "a.leakviz-run", tmp_path / "b.leakviz-run"
    assert w.files.save_run(a) and w.files.save_run(b)
    assert recent_entries(w) == [str(b), str(a)]
    w.close()

    a.unlink()
    w2, opts = open_with(path)
    assert opts["opened"] is not None and opts["opened"][0] == b  # the run shown last comes back
    assert recent_entries(w2) == [str(b)]
    w2.settings.sync()
    assert str(a) not in path.read_text()  # forgotten on disk too
    b.rename(tmp_path / "gone")  # gone between showing the menu and choosing from it
    w2.menus.menu_recent.actions()[0].trigger()
    assert "no longer exists" in w2.statusBar().currentMessage()
    w2.close()

    _w3, opts = open_with(path)  # the file shown is gone too: the preset comes back instead
    assert opts["opened"] is None and opts["preset"] == "unbuffered"


def test_clear_the_recent_list(open_with, tmp_path):
    w, _ = open_with(tmp_path / "s.ini")
    w.session.rt.run(until=100_000_000)
    assert w.files.save_run(tmp_path / "r.leakviz-run")
    assert recent_entries(w) == [str(tmp_path / "r.leakviz-run")]
    w.menus.menu_recent.actions()[-1].trigger()
    assert recent_entries(w) == []


def drop(w, path: Path) -> tuple[bool, bool]:
    """Drag ``path`` over the window and drop it, as a file manager does; (enter accepted, drop accepted)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    accepted = []
    for cls in (QDragEnterEvent, QDropEvent):  # Qt delivers a drop only where the drag entered
        ev = cls(QPoint(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
        QApplication.sendEvent(w, ev)
        accepted.append(ev.isAccepted())
    return accepted[0], accepted[1]


@pytest.mark.parametrize("mode", ["lesson", "game"])
def test_presenter_mode_a_mode_turned_on_is_not_remembered_as_the_users(open_with, tmp_path, mode):
    """The lesson and the game turn presenter mode on for the class; closing the window in either must
    not start the next one in presenter mode. F5 pressed meanwhile makes it the user's choice."""
    path = tmp_path / "leakviz.ini"
    w, _ = open_with(path)
    w.lesson.start() if mode == "lesson" else w.game.open()
    assert w.presenting
    w.close()
    w2, opts = open_with(path)
    assert opts["present"] is False and not w2.presenting
    w2.lesson.start() if mode == "lesson" else w2.game.open()
    w2.menus.act_present.trigger()  # F5: off, the user's own choice
    w2.menus.act_present.trigger()  # F5: on again, the user's own choice
    assert w2.presenting
    w2.close()
    _w3, opts = open_with(path)
    assert opts["present"] is True


def test_dropping_a_run_file_opens_it(open_with, tmp_path, qtbot):
    w, _ = open_with(tmp_path / "s.ini")
    w.session.rt.run(until=400_000_000)
    run = tmp_path / "dropped.leakviz-run"
    assert w.files.save_run(run)
    events = len(w.session.rt.trace.events)
    w.reset()
    assert w.current_file is None
    assert drop(w, run) == (True, True)
    wait_until(qtbot, lambda: w.current_file == run, lambda: f"the run to open; {w.statusBar().currentMessage()}")
    # a run from gateway.go is saved as its source and settings, and run again to the moment saved, paused
    wait_until(qtbot, lambda: w.files.catching_up is None, lambda: f"the saved moment; {w.session.rt.now} ns so far")
    assert w.session.rt.now == 400_000_000 and len(w.session.rt.trace.events) == events
    assert not w.session.playing
    assert "dropped.leakviz-run: at 0.400 s, as it was saved" in w.statusBar().currentMessage()

    junk = tmp_path / "junk.leakviz-run"
    junk.write_text("not a run")
    assert drop(w, junk) == (True, True)  # an inline message, never a traceback
    wait_until(qtbot, lambda: "junk.leakviz-run" in w.statusBar().currentMessage(),
               lambda: f"a message; {w.statusBar().currentMessage()}")
    assert w.current_file == run
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert drop(w, folder) == (False, False)  # a folder is not offered to open


def test_a_pause_while_a_saved_run_is_run_again_stops_there_and_claims_no_saved_moment(open_with, tmp_path,
                                                                                       qtbot):
    w, _ = open_with(tmp_path / "s.ini")
    w.session.rt.run(until=2_000_000_000)
    run = tmp_path / "long.leakviz-run"
    assert w.files.save_run(run)
    w.reset()
    assert w.files.open_run(run) and w.files.catching_up is not None
    w.session.pause()  # what Space does
    wait_until(qtbot, lambda: w.files.catching_up is None, "the run again to end at the pause")
    assert w.session.rt.now < 2_000_000_000 and not w.session.playing
    assert "as it was saved" not in w.statusBar().currentMessage()


def test_the_window_shows_the_application_icon(window):
    icon = window.windowIcon()
    assert not icon.isNull()
    img = icon.pixmap(64, 64).toImage()
    assert (img.width(), img.height()) == (64, 64)
    assert QColor(img.pixel(32, 8)).name() == "#1d3557"  # the SVG's background: it was rendered
    assert QColor(img.pixel(38, 36)).name() == "#d55e00"  # the stranded goroutine
    assert (ROOT / "assets" / f"{ICON_NAME}.svg").resolve().read_bytes().startswith(b"<?xml")


DESKTOP = ROOT / "assets" / f"{ICON_NAME}.desktop"
METAINFO = ROOT / "assets" / f"{ICON_NAME}.metainfo.xml"


def test_the_desktop_entry_names_our_command_and_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    e = entry["Desktop Entry"]
    assert e["Type"] == "Application" and e["Icon"] == ICON_NAME
    command = e["Exec"].split()[0]
    # the command is one pyproject.toml installs, and it starts our main (parsed, not matched as text)
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, func = scripts[command].partition(":")
    assert callable(getattr(importlib.import_module(module), func))
    assert module == "visualizer.__main__" and func == "main"
    assert e["GenericName[zh_CN]"] and e["Comment[zh_CN]"]
    meta = ElementTree.parse(METAINFO).getroot()
    assert meta.findtext("id") == ICON_NAME
    assert [(x.get("type"), x.text) for x in meta.iter("launchable")] == [("desktop-id", DESKTOP.name)]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed (CI has it)")
def test_desktop_file_validate_passes():
    r = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "", r.stdout + r.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstream_metadata_validates():
    r = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def launch(settings: Path, *args: str) -> subprocess.CompletedProcess:
    import os
    import sys
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEAKVIZ_SETTINGS": str(settings)}
    return subprocess.run([sys.executable, "-m", "visualizer", "--close-after", "0.5", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_the_app_remembers_across_launches_and_flags_win(tmp_path):
    ini = tmp_path / "leakviz.ini"
    r = launch(ini, "--lang", "zh_CN", "--zoom", "1.25", "--preset", "buffered", "--speed", "max")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    first = Settings(ini)
    assert (first.text("ui/lang"), first.number("ui/zoom", 0.6, 3), first.text("run/preset")) == (
        "zh_CN", 1.25, "buffered")
    assert first.speed() == (True, None)

    r = launch(ini, "--lang", "en")  # a flag wins for this launch; the rest comes back and is kept
    assert r.returncode == 0, r.stderr
    second = Settings(ini)
    assert (second.text("ui/lang"), second.number("ui/zoom", 0.6, 3), second.text("run/preset")) == (
        "en", 1.25, "buffered")

    before = ini.read_bytes()
    r = launch(ini, "--no-settings", "--zoom", "2")
    assert r.returncode == 0, r.stderr
    assert ini.read_bytes() == before  # neither read nor written


@pytest.mark.slow
def test_the_app_starts_clean_on_a_corrupt_settings_file(tmp_path):
    ini = tmp_path / "leakviz.ini"
    ini.write_bytes(JUNK["binary"])
    r = launch(ini)
    assert r.returncode == 0, r.stderr
    warnings = [ln for ln in r.stderr.splitlines() if "settings" in ln]
    assert len(warnings) == 1 and "WARNING" in warnings[0] and "ignored" in warnings[0], r.stderr
    assert "Traceback" not in r.stderr
    assert Settings(ini).text("run/preset") == "unbuffered"  # a fresh file, written at exit


def test_a_dump_read_in_the_dump_window_joins_the_recent_files(open_with, tmp_path, qtbot):
    dump = tmp_path / "service.txt"
    shutil.copy(ROOT / "tests" / "godump" / "data" / "go1.19" / "debug2.txt", dump)
    w, _ = open_with(tmp_path / "s.ini")
    w.files.open_file(dump)
    qtbot.addWidget(w.files.dump_window)
    wait_until(qtbot, lambda: w.files.dump_window.summary is not None, "the dump to be read")
    wait_until(qtbot, lambda: recent_entries(w) == [str(dump)], lambda: f"the recent list; {recent_entries(w)}")
    first = w.files.dump_window
    w.menus.menu_recent.actions()[0].trigger()  # from the list: the dump window again, on that file
    assert w.files.dump_window is not first and w.files.dump_window.source.text() == str(dump)
    qtbot.addWidget(w.files.dump_window)
    second = w.files.dump_window
    assert drop(w, dump) == (True, True)  # dropped too
    wait_until(qtbot, lambda: w.files.dump_window is not second, "the dropped dump to open")
    qtbot.addWidget(w.files.dump_window)
    assert w.files.dump_window.source.text() == str(dump)


def test_a_settings_path_that_is_a_folder_is_left_alone(open_with, tmp_path, caplog):
    folder = tmp_path / "not-a-file"
    (folder / "inside").mkdir(parents=True)
    with caplog.at_level(logging.WARNING, logger="leakviz"):
        w, opts = open_with(folder)
    assert "not a file" in caplog.text
    assert opts["zoom_factor"] == 1.0 and "settings file" in w.statusBar().currentMessage()
    w.set_zoom(1.4)
    w.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-file"]
    assert [p.name for p in folder.iterdir()] == ["inside"]


def test_a_huge_bad_value_is_warned_about_in_one_short_line(open_with, tmp_path, caplog):
    path = tmp_path / "leakviz.ini"
    path.write_text("[meta]\nversion=1\n[ui]\nlang=" + "x" * 500_000 + "\n")
    with caplog.at_level(logging.WARNING, logger="leakviz"):
        w, opts = open_with(path)
    [msg] = [r.getMessage() for r in caplog.records if "ui/lang" in r.getMessage()]
    assert len(msg) < 200 and "(500,002 characters)" in msg and opts["lang"] is None
    w.close()


def test_a_settings_file_from_a_newer_leakviz_is_left_as_it_is(open_with, tmp_path, caplog):
    path = tmp_path / "leakviz.ini"
    text = "[meta]\nversion=999\n[ui]\nzoom=1.5\n"
    path.write_text(text)
    with caplog.at_level(logging.WARNING, logger="leakviz"):
        w, opts = open_with(path)
    assert any("newer leakviz (version 999)" in r.getMessage() for r in caplog.records)
    assert opts["zoom_factor"] == 1.0  # not read as ours
    w.set_zoom(1.2)
    w.close()
    assert path.read_text() == text  # and never downgraded
