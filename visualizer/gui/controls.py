"""The parameter panel: every input bounded by its widget, every one with a tooltip."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..core.presets import PRESETS
from ..core.scenario import MAX_SEED, VARIANTS, Config, ConfigError

GUI_MAX_CHECKS = 128
SPEEDS: list[float | None] = [0.01, 0.02, 0.05, 0.1, 0.25, 1.0, 10.0, None]


def speed_label(s: float | None) -> str:
    """A speed as shown in the speed box: "max" for None, else e.g. "0.05×"."""
    return "max" if s is None else (f"{s:g}×")


class ControlPanel(QWidget):
    """Emits ``config_changed(Config)`` for scenario inputs, ``speed_changed``
    for the pace, ``preset_chosen(name)`` for presets."""

    config_changed = Signal(object)
    speed_changed = Signal(object)
    preset_chosen = Signal(str)
    dial_changed = Signal(str, int)  # a program's dial (capacity:<variable>:<line>) and its new capacity
    traffic_changed = Signal(object)  # a served program's requests: dict of go's service options

    ARTICLE_ROWS = ("variant", "checks", "cap_done", "cap_quit", "rate", "fail_prob", "bad_ip", "fail_list",
                    "concurrent", "seed")

    def __init__(self, cfg: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cfg = cfg
        self._quiet = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form = form

        self.preset = QComboBox()
        for name in PRESETS:
            self.preset.addItem(name, name)
        self.preset.activated.connect(lambda i: self.preset_chosen.emit(self.preset.itemData(i)))

        self.variant = QComboBox()
        for v in VARIANTS:
            self.variant.addItem(v, v)
        self.checks = QSpinBox()
        self.checks.setRange(1, GUI_MAX_CHECKS)
        self.cap_done = QSpinBox()
        self.cap_done.setRange(0, 1000)
        self.cap_quit = QSpinBox()
        self.cap_quit.setRange(0, 1000)
        self.rate = QDoubleSpinBox()
        self.rate.setRange(0.1, 5000.0)
        self.rate.setDecimals(1)
        self.rate.setSuffix(" /s")
        self.fail_prob = QDoubleSpinBox()
        self.fail_prob.setRange(0.0, 1.0)
        self.fail_prob.setSingleStep(0.01)
        self.fail_prob.setDecimals(2)
        self.bad_ip = QDoubleSpinBox()
        self.bad_ip.setRange(0.0, 1.0)
        self.bad_ip.setSingleStep(0.05)
        self.bad_ip.setDecimals(2)
        self.fail_list = QLineEdit()
        self.fail_list.setClearButtonEnabled(True)
        self.fail_error = QLabel()
        self.fail_error.setStyleSheet("color: #D55E00;")
        self.fail_error.setWordWrap(True)
        self.fail_error.hide()
        self.concurrent = QCheckBox()
        self.seed = QSpinBox()
        self.seed.setRange(0, MAX_SEED)
        self.speed = QComboBox()
        for s in SPEEDS:
            self.speed.addItem(speed_label(s), s)

        self.labels = {k: QLabel() for k in ("preset", "variant", "checks", "cap_done", "cap_quit", "rate",
                                             "fail_prob", "bad_ip", "fail_list", "concurrent", "seed", "speed")}
        for key, w in (("preset", self.preset), ("variant", self.variant), ("checks", self.checks),
                       ("cap_done", self.cap_done), ("cap_quit", self.cap_quit), ("rate", self.rate),
                       ("fail_prob", self.fail_prob), ("bad_ip", self.bad_ip), ("fail_list", self.fail_list),
                       ("concurrent", self.concurrent), ("seed", self.seed), ("speed", self.speed)):
            self.labels[key].setBuddy(w)
            form.addRow(self.labels[key], w)
            if key == "fail_list":
                form.addRow(self.fail_error)

        self.dials: dict[str, QSpinBox] = {}  # a program's dials, by key (also each spin box's objectName)
        self._dial_labels: dict[str, tuple[QLabel, str, int]] = {}
        # a served program's requests (an HTTP handler): which handler, how many, how fast, from where, for what
        self.t_handler = QComboBox()
        self.t_requests = QSpinBox()
        self.t_requests.setRange(1, 100_000)
        self.t_requests.setKeyboardTracking(False)
        self.t_rate = QDoubleSpinBox()
        self.t_rate.setRange(0.1, 100_000.0)
        self.t_rate.setDecimals(1)
        self.t_rate.setSuffix(" /s")
        self.t_rate.setKeyboardTracking(False)
        self.t_from = QLineEdit()
        self.t_from.setPlaceholderText("10.0.0.0/8")
        self.t_from.setClearButtonEnabled(True)
        self.t_path = QLineEdit("/")
        self.traffic_rows = {"t_handler": self.t_handler, "t_requests": self.t_requests, "t_rate": self.t_rate,
                             "t_from": self.t_from, "t_path": self.t_path}
        speed_row, _role = form.getWidgetPosition(self.speed)
        for k, (key, w) in enumerate(self.traffic_rows.items()):  # above the speed, which every run has
            self.labels[key] = QLabel()
            self.labels[key].setBuddy(w)
            form.insertRow(speed_row + k, self.labels[key], w)
            form.setRowVisible(w, False)
        self.t_handler.activated.connect(lambda _i: self._emit_traffic())
        self.t_requests.valueChanged.connect(lambda _v: self._emit_traffic())
        self.t_rate.valueChanged.connect(lambda _v: self._emit_traffic())
        self.t_from.editingFinished.connect(self._emit_traffic)
        self.t_path.editingFinished.connect(self._emit_traffic)
        self.set_config(cfg)
        for sb in (self.checks, self.cap_done, self.cap_quit, self.seed):
            sb.valueChanged.connect(self._emit)
        for dsb in (self.rate, self.fail_prob, self.bad_ip):
            dsb.valueChanged.connect(self._emit)
        self.variant.currentIndexChanged.connect(self._emit)
        self.concurrent.toggled.connect(self._emit)
        self.fail_list.editingFinished.connect(self._emit)
        self.speed.currentIndexChanged.connect(lambda _i: self.speed_changed.emit(self.speed.currentData()))
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set every label and tooltip in the current language."""
        names = {"seed": self.tr("the article's (the bug)"), "ctx": self.tr("context fix"),
                 "closequit": self.tr("stop-channel fix"), "drain": self.tr("draining fix")}
        for i in range(self.variant.count()):  # the variants' ids are the scenario's words, not a class's
            self.variant.setItemText(i, names.get(self.variant.itemData(i), self.variant.itemData(i)))
        text = {
            "preset": (self.tr("&Preset"), self.tr("Start from a named scenario: the article's bug, its fix, "
                                                   "a buffer too small, or the idiomatic context fix.")),
            "variant": (self.tr("&Handler"), self.tr("The article's code, or one of its fixes: each send also "
                                                     "selects on ctx.Done(); each send selects on a stop channel "
                                                     "closed on return; a goroutine receives the rest.")),
            "checks": (self.tr("&Checks per request"), self.tr("How many check goroutines each request starts.")),
            "cap_done": (self.tr("Capacity of &done"), self.tr("make(chan bool, N) for done. 0 is the bug.")),
            "cap_quit": (self.tr("Capacity of &quit"), self.tr("make(chan bool, N) for quit. 0 is the bug.")),
            "rate": (self.tr("Request &rate"), self.tr("Requests per simulated second.")),
            "fail_prob": (self.tr("&Failure probability"), self.tr("Chance that each check other than "
                                                                  "bad_ip fails on a request.")),
            "bad_ip": (self.tr("Share of &bad IPs"), self.tr("Share of requests from a blocked IP: "
                                                             "check 0 (bad_ip, the article's) fails.")),
            "fail_list": (self.tr("Always &failing checks"), self.tr("Optional: 0-based check indices that fail "
                                                                     "on every request, e.g. 0,9. Empty: drawn "
                                                                     "from the probabilities above.")),
            "concurrent": (self.tr("&Overlapping requests"), self.tr("Requests arrive at the rate whether or "
                                                                     "not earlier ones were answered.")),
            "seed": (self.tr("S&eed"), self.tr("Same seed, same requests, same run. Changing it starts over.")),
            "speed": (self.tr("Spee&d"), self.tr("Simulated seconds per wall-clock second; max runs as fast "
                                                 "as the machine can.")),
            "t_handler": (self.tr("Handler"), self.tr("The func(w http.ResponseWriter, r *http.Request) each "
                                                     "simulated request calls, on its own goroutine as net/http "
                                                     "does.")),
            "t_requests": (self.tr("Requests"), self.tr("How many simulated requests the handler is sent.")),
            "t_rate": (self.tr("Requests per second"), self.tr("Simulated requests per simulated second.")),
            "t_from": (self.tr("Clients from"), self.tr("Networks the clients come from, each with its share in "
                                                        "%, e.g. 203.0.113.0/24=25, 10.0.0.0/8 (empty: "
                                                        "10.0.x.y).")),
            "t_path": (self.tr("Path"), self.tr("The path (and ?query) every request asks for.")),
        }
        for key, (label, tip) in text.items():
            self.labels[key].setText(label)
            self.labels[key].setToolTip(tip)
            w = self.labels[key].buddy()
            if w is not None:
                w.setToolTip(tip)
        for key, (label, name, line) in self._dial_labels.items():
            label.setText(self.tr("Capacity of {name} (line {line})").format(name=name, line=line))
            tip = self.tr("make(chan T, N) for {name} at line {line}: a change applies to channels made from "
                          "now on, as a redeploy would.").format(name=name, line=line)
            label.setToolTip(tip)
            self.dials[key].setToolTip(tip)
        self.fail_list.setPlaceholderText(self.tr("e.g. 0,9 (empty: drawn)"))
        self.concurrent.setText(self.tr("yes"))
        for i in range(self.speed.count()):
            s = self.speed.itemData(i)
            self.speed.setItemText(i, self.tr("max") if s is None else f"{s:g}×")

    def set_dials(self, sites: dict[str, tuple[str, int, str]] | None, values: dict[str, int] | None = None,
                  maximum: int = 1_000_000) -> None:
        """A program's dials, one spin box per ``make(chan T, n)`` (``sites``: key -> (file, line, variable),
        ``values`` the capacities set), in place of the article's settings; None: the article's again."""
        for sb in self.dials.values():
            self.form.removeRow(sb)
        self.dials, self._dial_labels = {}, {}
        program = sites is not None
        for key in self.ARTICLE_ROWS:
            self.form.setRowVisible(self.labels[key].buddy(), not program)
        if not program:
            self.fail_error.setVisible(False)
        for k, (key, (_file, line, name)) in enumerate((sites or {}).items()):
            sb = QSpinBox()
            sb.setObjectName(key)
            sb.setRange(0, maximum)
            sb.setValue((values or {}).get(key, 0))
            sb.setKeyboardTracking(False)  # typing 10 is one change, not a 1 then a 10
            sb.valueChanged.connect(lambda v, key=key: self.dial_changed.emit(key, v))
            label = QLabel()
            label.setBuddy(sb)
            self._dial_labels[key] = (label, name, line)
            self.form.insertRow(1 + k, label, sb)
            self.dials[key] = sb
        self.retranslate()

    # the article's settings a preset run from gateway.go still takes (its checks are written in Go, its
    # capacities are the handler's dials, its requests always overlap)
    GATEWAY_ROWS = ("variant", "rate", "fail_prob", "bad_ip", "fail_list", "seed")

    def set_article_from_go(self, cfg: Config | None) -> None:
        """Show the settings of ``cfg``, a preset run from gateway.go, beside its dials (None: hide them)."""
        if cfg is not None:
            self.set_config(cfg)
        for key in self.GATEWAY_ROWS:
            self.form.setRowVisible(self.labels[key].buddy(), cfg is not None)

    def set_traffic(self, handlers: list[str] | None, service: dict | None = None) -> None:
        """A served program's request settings (``handlers`` it can be sent to, ``service`` as go's options
        now in force); None hides them."""
        on = bool(handlers)
        for w in self.traffic_rows.values():
            w.blockSignals(True)
            self.form.setRowVisible(w, on)
        if on:
            sv = service or {}
            self.t_handler.clear()
            self.t_handler.addItems(handlers)
            self.t_handler.setCurrentText(sv.get("handler") or handlers[0])
            self.t_requests.setValue(sv.get("requests", 50))
            self.t_rate.setValue(sv.get("rate", 100.0))
            self.t_from.setText(sv.get("sources") or "")
            self.t_path.setText(sv.get("path", "/"))
        for w in self.traffic_rows.values():
            w.blockSignals(False)

    def traffic(self) -> dict:
        """The request settings shown, as go's service options."""
        return {"handler": self.t_handler.currentText() or None, "requests": self.t_requests.value(),
                "rate": self.t_rate.value(), "sources": self.t_from.text().strip() or None,
                "path": self.t_path.text().strip() or "/"}

    def _emit_traffic(self) -> None:
        self.traffic_changed.emit(self.traffic())

    def set_config(self, cfg: Config) -> None:
        """Show ``cfg`` without emitting changes."""
        self._quiet = True
        try:
            self._cfg = cfg
            self.variant.setCurrentIndex(max(0, self.variant.findData(cfg.variant)))
            self.checks.setValue(cfg.checks)
            self.cap_done.setValue(cfg.capacity_done)
            self.cap_quit.setValue(cfg.capacity_quit)
            self.rate.setValue(cfg.rate)
            self.fail_prob.setValue(cfg.fail_prob)
            self.bad_ip.setValue(cfg.bad_ip_share)
            self.fail_list.setText("" if cfg.fail is None else ",".join(map(str, cfg.fail)))
            self.concurrent.setChecked(cfg.concurrent)
            self.seed.setValue(cfg.seed)
            self.fail_error.hide()
        finally:
            self._quiet = False

    def set_preset(self, name: str) -> None:
        """Select preset ``name`` in the preset box (the first entry if unknown)."""
        self.preset.setCurrentIndex(max(0, self.preset.findData(name)))

    def set_speed(self, speed: float | None) -> None:
        """Select ``speed`` in the speed box without emitting a change; unknown speeds are ignored."""
        i = self.speed.findData(speed)
        if i >= 0:
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(i)
            self.speed.blockSignals(False)

    def config(self) -> Config:
        """The config the widgets show; raises ConfigError with a message to show inline."""
        text = self.fail_list.text().strip()
        fail: tuple[int, ...] | None = None
        if text:
            try:
                fail = tuple(int(p) for p in text.replace(" ", "").split(",") if p != "")
            except ValueError:
                raise ConfigError(self.tr("Failing checks must be numbers separated by commas, like 0,9.")) from None
        cfg = replace(self._cfg, variant=self.variant.currentData(), checks=self.checks.value(),
                      capacity_done=self.cap_done.value(), capacity_quit=self.cap_quit.value(),
                      rate=self.rate.value(), fail_prob=self.fail_prob.value(),
                      bad_ip_share=self.bad_ip.value(), fail=fail, concurrent=self.concurrent.isChecked(),
                      seed=self.seed.value(), delays_ms=None)
        if fail is not None:
            bad = [i for i in fail if not 0 <= i < cfg.checks]
            if bad:
                raise ConfigError(self.tr("Check {i} does not exist: checks are numbered 0 to {last}.")
                                  .format(i=bad[0], last=cfg.checks - 1))
        return cfg.validate()

    def _emit(self, *_args) -> None:
        if self._quiet:
            return
        try:
            cfg = self.config()
        except ConfigError as e:
            self.fail_error.setText(str(e))
            self.fail_error.show()
            return
        self.fail_error.hide()
        self._cfg = cfg
        self.config_changed.emit(cfg)

    def show_error(self, message: str) -> None:
        """Show ``message`` inline under the failing-checks field; an empty message hides it."""
        self.fail_error.setText(message)
        self.fail_error.setVisible(bool(message))

