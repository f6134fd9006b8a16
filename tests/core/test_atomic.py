"""Writing files: never over a device, through links, no litter, one-line errors."""

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.procs import watchdog
from visualizer.core.atomic import WriteError, atomic_write, target_of

ROOT = Path(__file__).resolve().parents[2]


def _node(tmp_path) -> Path:
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # our own /dev/null, never the real one
    return node


def test_a_device_node_is_refused_and_left_as_it_is(tmp_path):
    node = _node(tmp_path)
    with pytest.raises(WriteError, match="it is a character device, and leakviz writes only regular files"):
        with atomic_write(node) as f:
            f.write(b"x")
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert sorted(os.listdir(tmp_path)) == ["null"]


def test_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="it is a FIFO"):
        target_of(fifo)


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_write(link, "w") as f:
        f.write("new")
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.csv", "real.csv"]


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "made.csv")
    with atomic_write(link, "w") as f:
        f.write("hello")
    assert link.is_symlink() and (tmp_path / "made.csv").read_text() == "hello"


def test_a_trailing_slash_names_a_folder_not_a_file(tmp_path):
    with pytest.raises(WriteError, match="ends with a slash"):
        target_of(f"{tmp_path}/missing/")
    assert os.listdir(tmp_path) == []


def test_a_name_near_the_length_limit_is_written(tmp_path):
    path = tmp_path / ("n" * 251 + ".csv")  # 255 bytes: the file system's limit
    with atomic_write(path, "w") as f:
        f.write("ok")
    assert path.read_text() == "ok"
    assert os.listdir(tmp_path) == [path.name]


def test_an_error_naming_a_path_with_a_newline_is_one_line(tmp_path):
    with pytest.raises(WriteError) as info:
        target_of(tmp_path / "a\nb" / "x.csv")
    assert "\n" not in str(info.value) and "a\\nb" in str(info.value)


def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.bin"
    script = textwrap.dedent(f"""
        import sys
        from visualizer.core.atomic import atomic_write, exit_on_sigterm
        exit_on_sigterm()
        with atomic_write({str(target)!r}) as f:
            f.write(b"half")
            print("writing", flush=True)
            sys.stdin.read()  # wait here, mid-write, until the test stops us
    """)
    p = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    watchdog(p)
    try:
        assert p.stdout.readline().strip() == "writing"
        assert [n for n in os.listdir(tmp_path) if n.endswith(".tmp")], "no temporary file while writing"
        p.send_signal(signal.SIGTERM)
        _, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("cmd", [["export", "csv", "--preset", "unbuffered", "--out"], ["run", "--save"]])
def test_the_command_line_refuses_a_device_in_one_line(tmp_path, cmd):
    node = _node(tmp_path)
    p = subprocess.run([sys.executable, "-m", "visualizer", *cmd, str(node)], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "it is a character device" in p.stderr
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_the_command_line_refuses_a_trailing_slash(tmp_path):
    p = subprocess.run([sys.executable, "-m", "visualizer", "export", "csv", "--preset", "unbuffered", "--out",
                        f"{tmp_path}/missing/"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "ends with a slash" in p.stderr
    assert os.listdir(tmp_path) == []
