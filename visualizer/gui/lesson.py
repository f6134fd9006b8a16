"""The guided lesson panel: a caption per step, a prediction, then the engine's answer and why.

The steps and their stopping conditions live in visualizer.lesson (Qt-free);
the window runs them (MainWindow.lesson_go / lesson_reveal) and this panel
shows the words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget


class LessonPanel(QWidget):
    """Step title, caption, prediction box, reveal; Back / Next."""

    back = Signal()
    next = Signal()
    reveal = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lesson")
        self.setAccessibleName("lesson")
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.title = QLabel()
        self.caption = QLabel()
        self.question = QLabel()
        self.answer = QSpinBox()
        self.answer.setRange(0, 10_000_000)
        self.btn_reveal = QPushButton()
        self.result = QLabel()
        self.btn_back = QPushButton()
        self.btn_next = QPushButton()
        for w, name in ((self.title, "lessonTitle"), (self.caption, "lessonCaption"),
                        (self.question, "lessonQuestion"), (self.answer, "lessonAnswer"),
                        (self.btn_reveal, "lessonReveal"), (self.result, "lessonResult"),
                        (self.btn_back, "lessonBack"), (self.btn_next, "lessonNext")):
            w.setObjectName(name)
            w.setAccessibleName(name)
        for lab in (self.caption, self.question, self.result):
            lab.setWordWrap(True)
            lab.setTextFormat(Qt.RichText)
        self.btn_reveal.clicked.connect(self.reveal)
        self.btn_back.clicked.connect(self.back)
        self.btn_next.clicked.connect(self.next)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.caption)
        lay.addSpacing(8)
        lay.addWidget(self.question)
        lay.addWidget(self.answer)
        lay.addWidget(self.btn_reveal)
        lay.addSpacing(8)
        lay.addWidget(self.result)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.btn_back)
        row.addWidget(self.btn_next)
        lay.addLayout(row)
        self.set_fonts()

    def set_fonts(self) -> None:
        """Bigger than the controls: this is what the class reads."""
        base = QFont(self.font())
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() * 1.25)
        bold = QFont(big)
        bold.setBold(True)
        self.title.setFont(bold)
        for w in (self.caption, self.question, self.result):
            w.setFont(big)

    def show_step(self, index: int, total: int, caption: str, question: str | None) -> None:
        """Show step ``index`` (0-based) of ``total``, with its question if it asks one; a new step clears the answer."""
        self.title.setText(self.tr("Lesson: step {i} of {n}").format(i=index + 1, n=total))
        self.caption.setText(caption)
        self.question.setText(question or "")
        for w in (self.question, self.answer):
            w.setVisible(question is not None)
        if index != getattr(self, "_shown", None):  # a new step: a fresh prediction
            self.answer.setValue(0)
        self._shown = index
        self.result.setText("")
        self.btn_reveal.setText(self.tr("Show me ▶"))
        self.btn_reveal.setEnabled(True)
        self.btn_back.setEnabled(index > 0)
        self.btn_next.setEnabled(False)
        self.btn_back.setText(self.tr("◀ Back"))
        self.btn_next.setText(self.tr("Next ▶") if index + 1 < total else self.tr("Done"))

    def show_result(self, text: str) -> None:
        """Show the outcome of the revealed step and let the learner go on."""
        self.result.setText(text)
        self.btn_reveal.setEnabled(False)
        self.btn_next.setEnabled(True)
