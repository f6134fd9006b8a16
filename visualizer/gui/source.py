"""What the main window runs: a Go program or a preset from gateway.go; its dials and traffic, comparing it.

The program runs through the same Session, fold and views as the article's presets
(docs/architecture.md); ``Source`` only swaps the session and tells each view which kind of run it
shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..core.playback import Playback
from ..core.session import Session


class Source(QObject):
    """What the window runs: a Go program, or a preset from gateway.go, in place of the session before; its dials,
    traffic, the verdict's fix and compare. Owned by ``MainWindow`` as ``source``."""

    def __init__(self, win, from_go: bool) -> None:
        super().__init__(win)
        self.win = win
        self.program_source: tuple[list, dict] | None = None  # a program's files and go's service options
        self.presets_from_go = from_go  # once a preset ran from gateway.go, every preset chosen does (the app's way)
        self.article_dials: dict[str, str] = {}  # a preset from Go: its done and quit channels' dials

    def open_program(self, files: list[tuple[str, bytes]], dials: dict[str, int] | None = None,
                     changes: list | None = None, **service) -> str:
        """Run a Go program live here instead of the article: its goroutines in lanes by go statement,
        its file in the code panel, Go's leak rule on the stranded count. ``service`` are ``go``'s
        options for a handler or a server (handler, requests, rate, sources, path, headers, serve); ``dials``
        its channels' capacities (``capacity:<variable>:<line>``), ``changes`` made again during the run (a
        saved run's). Returns "" or the one-line reason it cannot run (also shown in the status bar)."""
        from ..golang.errors import GoSourceError
        from ..golang.live import GoProgram
        from ..golang.traffic import TrafficError
        from ..goplay.http import NoHandler
        try:
            program = GoProgram.of(files, **service)
        except GoSourceError as e:
            msg = e.lines()[0]
        except (NoHandler, TrafficError, OSError) as e:
            msg = str(e)
        except KeyError as e:  # a test the package does not have
            msg = self.tr("No test {name} in this package.").format(name=str(e.args[0])[:60])
        else:
            msg = ""
            for key, value in (dials or {}).items():
                if key not in program.dial_sites():
                    msg = self.tr("No dial {key}: this program's are {keys}.").format(
                        key=key, keys=", ".join(program.dial_sites()) or "-")
                elif type(value) is not int or not 0 <= value <= 1_000_000:
                    msg = self.tr("{key} must be a whole number from 0 to 1,000,000.").format(key=key)
                else:
                    program.dials[key] = value
            if msg:
                self.win.statusBar().showMessage(msg)
                return msg
            program.changes = [c for c in changes or [] if c[2] in program.dial_sites()]
            self.program_source = (list(files), dict(service))  # what the traffic panel starts it over from
            self.swap_session(Session(program=program, speed=self.win.session.speed, max_live=self.win.session.max_live))
            shown = next(((p, src) for p, src in files if p.endswith(".go") and not p.endswith("_test.go")), files[0])
            self.win.code.set_program(shown[0], shown[1].decode("utf-8", "replace"))
            if service.get("article") is not None:  # a preset from Go: the handler it runs, not the other three
                from ..golang.gomod import func_span
                self.win.code.set_span(func_span(shown[1], service["handler"]))
            self.win.code.set_dials(program.dial_sites(), program.dials)
            self.win.panels.code_title.setText(shown[0].rsplit("/", 1)[-1])
            what = shown[0].rsplit("/", 1)[-1]
            if service.get("serve"):
                what = self.tr("{file}, replaying {log}").format(file=what, log=Path(service["serve"]).name)
            if service.get("test"):
                what = self.tr("{test} (seed {seed})").format(test=service["test"], seed=service.get("seed", 0))
            self.win.statusBar().showMessage(self.tr("Running {file}: press Space to play.").format(file=what), 6000)
            return ""
        self.win.statusBar().showMessage(msg)
        return msg

    def open_preset_from_go(self, cfg) -> str:
        """Run a preset (a Config) from Go: gateway.go's handler for its variant, its capacities as that
        handler's dials, its requests sent as traffic (golang/gateway.py). Returns "" or the one-line reason."""
        from ..core.scenario import ConfigError
        from ..golang import gateway
        try:
            files, opts = gateway.source(cfg)
        except ConfigError as e:
            self.win.statusBar().showMessage(str(e))
            return str(e)
        self.presets_from_go = True
        return self.open_program(files, **opts)

    def swap_session(self, session: Session) -> None:
        """Run ``session`` in this window from now on (the old run is stopped; the views start over)."""
        self.win.session.stop()
        if getattr(self.win, "_explorer", None) is not None:  # its grid was another run's
            self.win._explorer.close()
            self.win._explorer = None
        self.win.session = session
        session.on_error = self.win.show_error
        self.win.current_file = None
        self.win.playback = Playback(session)
        self.win.subscribe()
        program = session.program is not None
        self.win.stage.program = program
        if program and self.program_source[1].get("article") is not None:
            from ..golang.gateway import dial_keys
            self.article_dials = dial_keys(self.program_source[0][:1], self.program_source[1]["article"].variant)
        self.win.stage.served = program and session.program.traffic is not None
        self.win.stage.go_handler = self.article_from_go().variant if self.article_from_go() is not None else None
        self.win.legend.set_program(program)
        self.win.stage.forget_positions()
        if program:
            from ..golang.live import MAX_DIAL
            from ..goplay.http import drivable
            files, service = self.program_source
            article = service.get("article")  # a preset from gateway.go: the article's settings, not go's traffic
            self.win.controls.set_traffic(drivable(files) if service.get("serve") is None and article is None
                                      else None, service)
            from ..goplay.http import handlers, imports_http, main_serves
            self.win.menus.act_replay.setEnabled(service.get("test") is None and imports_http(files)
                                       and (main_serves(files) or bool(handlers(files))))
            self.win.menus.act_made_up.setEnabled(service.get("serve") is not None)
            sites = session.program.dial_sites()
            if service.get("article") is not None:  # a preset from gateway.go: the dials of its handler only
                from ..golang.gateway import handler_dials
                mine = handler_dials(files[:1], service["article"].variant)
                sites = {k: v for k, v in sites.items() if k in mine}
            self.win.controls.set_dials(sites, session.program.dials, MAX_DIAL)
            self.win.controls.set_article_from_go(self.article_from_go())
            # a preset from Go shows its name (choosing another keeps it from Go); else none runs: choosing one
            # brings the article back
            from ..core.presets import PRESETS
            name = next((n for n, c in PRESETS.items() if c == article), None)
            self.win.controls.preset.setCurrentIndex(self.win.controls.preset.findData(name) if name else -1)
        else:
            self.win.controls.set_dials(None)
            self.win.controls.set_traffic(None)
            self.win.menus.act_replay.setEnabled(False)
            self.win.menus.act_made_up.setEnabled(False)
        if not program:
            self.win.code.set_config(session.cfg)
        self.win.retranslate()
        self.win.panels.balance()  # the drawer's rows changed (a program's dials, the article's settings): widths again
        self.win.refresh()

    def counts_goroutines(self) -> bool:
        """The headline counts goroutines started: a program that is sent no requests has none to count."""
        return self.win.program is not None and self.win.program.traffic is None

    def article_from_go(self):
        """The preset's Config when the article runs from gateway.go, with the capacities its dials have now
        (else None)."""
        program = self.win.session.program
        cfg = None if program is None else self.program_source[1].get("article")
        if cfg is None:
            return None
        from dataclasses import replace
        keys = self.article_dials
        return replace(cfg, capacity_done=program.dials.get(keys["done"], cfg.capacity_done),
                       capacity_quit=program.dials.get(keys["quit"], cfg.capacity_quit))

    def dial_changed(self, key: str, value: int) -> None:
        """A dial turned in the drawer: the live run takes it from now on (channels made before keep theirs)."""
        if self.win.program is None:
            return
        self.win.current_file = None
        self.win.playback.go_live()
        try:
            self.win.session.change(key, value)
        except (KeyError, ValueError) as e:
            self.win.statusBar().showMessage(str(e), 6000)
            return
        self.win.statusBar().showMessage(self.tr("{dial} = {n}: channels made from now on get it; those made "
                                             "before keep theirs.").format(dial=key, n=value), 6000)
        self.win.code.set_dials(self.win.program.dial_sites(), self.win.program.dials)
        if (article := self.article_from_go()) is not None:  # capacityDone / capacityQuit follow their dials
            self.win.controls.set_config(article)
        ex = getattr(self.win, "_explorer", None)
        if ex is not None and ex.program is self.win.program:
            now = [self.win.program.dials.get(k, 0) for k in ex.keys] + [0]
            ex.set_current(now[0], now[1])
        self.win.refresh()

    def traffic_changed(self, traffic: dict) -> None:
        """The served program's requests changed: its run starts over with them (its dials kept)."""
        if self.win.program is None:
            return
        files, service = self.program_source
        new = {**service, **{k: v for k, v in traffic.items() if v is not None or k in ("sources", "handler")}}
        if new == service:
            return
        new.pop("article", None)  # the panel's made-up requests from now on, not a preset's
        playing = self.win.session.playing
        why = self.open_program(files, dials=dict(self.win.program.dials), **new)
        if not why and playing:
            self.win.session.play()

    # -- the verdict's fix: the smallest capacity that strands nothing (explore.safe_search), between frames --

    _fix: dict | None = None

    def fix_hint(self, snap) -> str:
        """A sentence for a program's verdict once its run has ended and the search has its answer: the
        capacity of a stranded channel's dial at which the same run strands nothing, or that none up to
        SAFE_MOST does. "" until then, and for runs not searched (nothing stranded, too many goroutines to
        run again and again, no dial on the channels the stranded goroutines wait on)."""
        program = self.win.program
        at_end = self.win.review is None or self.win.review.seq >= self.win.session.seekable()[1]  # an export's last frame too
        if program is None or snap is None or not self.win.session.finished or not at_end:
            return ""
        from ..explore import SAFE_MOST, SAFE_SPAWNED, dials_for, safe_search
        key = (id(program), tuple(sorted(program.dials.items())))
        fix = self._fix
        if fix is None or fix["key"] != key:
            chans = sorted({c for b in snap.blocked_lines() if b.stranded for c in b.chans if c})
            keys = dials_for(program.dial_sites(), chans) if 0 < snap.stranded and snap.spawned <= SAFE_SPAWNED \
                else []
            self._fix = fix = {"key": key, "keys": keys, "found": None, "done": not keys,
                               "runs": safe_search(program, keys) if keys else None}
            if keys:
                QTimer.singleShot(0, self, lambda: self._fix_step(fix))
        if not fix["done"] or not fix["keys"]:
            return ""
        sites = program.dial_sites()
        names = ", ".join(self.tr("<code>{var}</code> (line {line})").format(var=sites[k][2], line=sites[k][1])
                          for k in fix["keys"])
        if fix["found"] is not None:
            return "<br>" + self.tr("Capacity {n} for {names} strands nothing in this run (F9: its dials)."
                                    ).format(n=fix["found"], names=names)
        return "<br>" + self.tr("No capacity up to {most} for {names} helps: the fix is in the code (a receiver, "
                                "ctx.Done(), a close).").format(most=SAFE_MOST, names=names)

    def _fix_step(self, fix: dict) -> None:
        """One headless run of the search (a frame's pause at most), then the next in a later loop turn."""
        if fix is not self._fix or fix["done"]:
            return  # another run's search took over
        try:
            value, stranded = next(fix["runs"])
        except StopIteration:
            fix["done"] = True
        except Exception as exc:  # the search must never take the window down: no hint then
            fix["done"], fix["keys"] = True, []
            self.win.show_error(exc)
        else:
            if stranded == 0:
                fix["found"], fix["done"] = value, True
        if fix["done"]:
            self.win.update_verdict()
        else:
            QTimer.singleShot(0, self, lambda: self._fix_step(fix))

    def compare_programs(self, other: list[str]):
        """This program beside ``other`` (Go files or a package's folder), same seed, dials by name and
        requests, on one clock, in the compare window; None (the reason in the status bar) if it cannot run."""
        from ..golang.errors import GoSourceError
        from ..golang.live import GoProgram
        from ..golang.module import load_sources
        from .compare import CompareWindow
        files, service = self.program_source
        try:
            theirs = GoProgram.of(load_sources(other), **service)
        except (GoSourceError, OSError, KeyError, ValueError) as e:
            msg = e.lines()[0] if isinstance(e, GoSourceError) else str(e)
            self.win.statusBar().showMessage(msg)
            return None
        mine = GoProgram.of(files, **service)
        for p in (mine, theirs):  # a dial of the same name and line is the same choice in both
            p.dials = {k: v for k, v in self.win.program.dials.items() if k in p.dial_sites()}
        names = [self.win.code.program_path or files[0][0], other[0]]
        variants = [(n.rstrip("/").rsplit("/", 1)[-1], p) for n, p in zip(names, (mine, theirs), strict=True)]
        self.win._compare = CompareWindow(variants, speed=self.win.session.speed, present=self.win.presenting)
        self.win._compare.show()
        self.win._compare.compare.play()
        return self.win._compare
