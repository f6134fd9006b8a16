"""A course autograder's check, outside leakviz's own tests: run with `pytest examples/autograder`."""
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox


def test_capacities_that_strand_nothing(leakviz):
    win = leakviz.open(preset="unbuffered")  # the article's bug, paused
    win.findChild(QSpinBox, "capacityDone").setValue(9)  # room for every late "done"
    win.findChild(QSpinBox, "capacityQuit").setValue(9)  # ... and every late "quit"
    win.findChild(QPushButton, "reset").click()  # restart with the settings in the controls
    leakviz.advance(5.0)  # five simulated seconds, the same on every machine
    assert win.findChild(QLabel, "strandedCount").text() == "0"
