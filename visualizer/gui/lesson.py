"""The guided lesson panel: a caption per step, a prediction, then the engine's answer and why.

The steps, their stopping conditions and the facts they report live in
visualizer.lesson (Qt-free); the window runs them (gui/lessonmode.py) and this
panel shows the words. A prediction starts empty: no number typed, no choice
made (either answer could be the right one); Reveal works without one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .style import scaled, text_floor


class _ChoiceText(QLabel):
    """A choice's words, wrapped (a radio button's own text never wraps); a click picks the choice."""

    def __init__(self, button: QRadioButton) -> None:
        super().__init__()
        self.button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)

    def mousePressEvent(self, e) -> None:
        if self.isEnabled():
            self.button.setChecked(True)
        super().mousePressEvent(e)


class LessonPanel(QWidget):
    """Step title, caption, question, an answer (a number or one of a few choices), reveal; Back / Next."""

    back = Signal()
    next = Signal()
    reveal = Signal()

    MAX_CHOICES = 4  # the program lesson asks what the first stranded goroutine waits on: three ways, or none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lesson")
        self.setAccessibleName("lesson")
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.title = QLabel()
        self.caption = QLabel()
        self.question = QLabel()
        self.answer = QLineEdit()  # a number; empty until the class says one
        self.answer.setValidator(QIntValidator(0, 10_000_000, self.answer))
        self.group = QButtonGroup(self)
        self.choices: list[QRadioButton] = []
        self.choice_texts: list[_ChoiceText] = []
        choice_box = QWidget()
        grid = QGridLayout(choice_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for k in range(self.MAX_CHOICES):
            b = QRadioButton()
            t = _ChoiceText(b)
            b.setObjectName(f"lessonChoice{k}")
            b.setAccessibleName(f"lessonChoice{k}")
            self.group.addButton(b, k)
            grid.addWidget(b, k, 0, Qt.AlignTop)
            grid.addWidget(t, k, 1)
            self.choices.append(b)
            self.choice_texts.append(t)
        self.choice_box = choice_box
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
        self.title.setWordWrap(True)
        self.btn_reveal.clicked.connect(self.reveal)
        self.btn_back.clicked.connect(self.back)
        self.btn_next.clicked.connect(self.next)
        self.answer.returnPressed.connect(self.reveal)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.caption)
        lay.addSpacing(6)
        lay.addWidget(self.question)
        lay.addWidget(self.answer)
        lay.addWidget(choice_box)
        lay.addWidget(self.btn_reveal)
        lay.addSpacing(6)
        lay.addWidget(self.result)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.btn_back)
        row.addWidget(self.btn_next)
        lay.addLayout(row)
        self._shown: int | None = None
        self._number = True
        self.set_fonts()

    def set_fonts(self) -> None:
        """Bigger than the controls: this is what the class reads."""
        base = QFont(self.font())
        big = scaled(base, 1.0 if text_floor() else 1.15)  # presenter mode: the floor is big enough already
        bold = QFont(big)
        bold.setBold(True)
        self.title.setFont(bold)
        for w in (self.caption, self.question, self.result, self.answer, *self.choice_texts):
            w.setFont(big)

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.FontChange:  # the window zoomed (Ctrl+=, presenter mode): the words follow
            self.set_fonts()

    def show_step(self, index: int, total: int, caption: str, question: str,
                  choices: list[str] | None = None) -> None:
        """Show step ``index`` (0-based) of ``total``: its question, answered with one of ``choices``, or with
        a number when there are none. A new step starts with no answer."""
        self.title.setText(self.tr("Lesson: step {i} of {n}").format(i=index + 1, n=total))
        self.caption.setText(caption)
        self.question.setText(question)
        self.question.setVisible(bool(question))
        self.answer.setVisible(bool(question) and not choices)
        self.answer.setPlaceholderText(self.tr("your guess"))
        self.choice_box.setVisible(bool(choices))
        for k, (b, t) in enumerate(zip(self.choices, self.choice_texts, strict=True)):
            shown = choices is not None and k < len(choices)
            b.setVisible(shown)
            t.setVisible(shown)
            t.setText(choices[k] if shown else "")
        if index != self._shown:  # a new step: a fresh prediction
            self.answer.clear()
            self.group.setExclusive(False)  # the only way to leave every choice unchecked
            for b in self.choices:
                b.setChecked(False)
            self.group.setExclusive(True)
        self._shown = index
        self._number = not choices
        self._set_open(True)
        self.result.setText("")
        self.btn_reveal.setText(self.tr("Show me ▶"))
        self.btn_back.setEnabled(index > 0)
        self.btn_next.setEnabled(False)
        self.btn_back.setText(self.tr("◀ Back"))
        self.btn_next.setText(self.tr("Next ▶") if index + 1 < total else self.tr("Done"))

    def _set_open(self, on: bool) -> None:
        """Before the reveal the prediction can change; after it, it stays as said."""
        self.btn_reveal.setEnabled(on)
        self.answer.setReadOnly(not on)
        for w in (*self.choices, *self.choice_texts):
            w.setEnabled(on)

    def prediction(self) -> int | None:
        """The number typed, or the index of the choice made; None when the class has not said."""
        if self._number:
            text = self.answer.text().strip()
            return int(text) if text.isdigit() else None
        k = self.group.checkedId()
        return None if k < 0 else k

    def show_result(self, text: str) -> None:
        """Show the outcome of the revealed step and let the learner go on; the result says the right answer
        and the prediction, so the choices make room for it."""
        self.result.setText(text)
        self._set_open(False)
        self.choice_box.hide()
        self.btn_next.setEnabled(True)
