"""Save a run to a file and open it again: the same run, whichever kind it is.

One format for both kinds of run the window shows. A preset's run file holds
its starting ``Config`` and its whole event trace: loading it gives back the
same Config, the same events (equal tuples, equal ``repr``) and therefore the
same sha256 and the same fold. A Go program's run file holds what decides the
run (the source text, the dials, the entry or test, the requests it is sent,
the seed, every dial change and where in the trace it was made), and no
events: the run is deterministic, so opening the file runs it again.

The format, ``leakviz-run`` version 2
=====================================

The file is one gzip member (RFC 1952; written at compression level 6, with
mtime 0 and no file name, so the same run gives the same bytes). Its
content is UTF-8 text (written as pure ASCII: JSON escapes everything else),
made of lines that each end with ``\\n``:

1. **Header**, one JSON object, one of::

       {"format": "leakviz-run", "version": 2, "saved_by": "leakviz 0.1.0",
        "run": "preset", "config": {...}, "events": N, "sha256": "..."}
       {"format": "leakviz-run", "version": 2, "saved_by": "leakviz 0.1.0",
        "run": "program", "program": {...}, "events": 0, "sha256": "e3b0..."}

   ``format`` is always ``"leakviz-run"``; ``version`` is this format's
   version, an integer (a reader refuses versions newer than its own);
   ``saved_by`` is ``"leakviz <version>"`` of the writer; ``run`` says which
   kind of run follows. ``config`` (a preset's run) is ``Config.to_json()`` as
   an object (tuples as arrays, ``null`` for None); missing settings take
   Config's defaults, unknown ones are refused. ``program`` (a Go program's
   run) is an object:

   - ``files``: ``[{"path": ..., "text": ...}]``, every Go file the program
     is made of (a test's run: with its ``_test.go``); the path is a name and
     is never read; at most 4 MiB a file and 16 MiB together, as the compiler
     takes;
   - ``entry`` (a Go identifier, ``"main"``), ``test`` (a test's name or
     ``null``), ``seed`` (the scheduler's, a 64-bit integer);
   - ``service``: the requests the program is sent, as ``leakviz go`` takes
     them: ``handler``, ``requests``, ``rate``, ``sources``, ``path``,
     ``serve`` (an access log's path, read when the run starts), ``speed``,
     and ``article`` (a preset run from gateway.go: its Config, as above);
   - ``dials``: ``{"capacity:<variable>:<line>": capacity}`` at the start;
   - ``changes``: ``[[event, t_ns, dial, capacity], ...]``: each dial change
     made during the run, made again before the trace's event number
     ``event`` (``-1``: when the clock reaches ``t_ns``);
   - ``ran`` (optional): ``{"events": N, "t_ns": T, "sha256": "..."}``, how
     far the saved run had got and its trace's hash then, so a rerun can be
     checked against it.

   Every field is checked as data when the file is read (identifiers are Go
   identifiers, numbers in range); nothing in it is ever executed except the
   Go program itself, in the simulation, when the window runs it.
   ``events`` is the number of event lines (0 for a program: see below);
   ``sha256`` is the trace's hash as ``Events.sha256()`` computes it: 64
   lowercase hex digits of the sha256 of ``repr(event) + "\\n"`` for every
   event in order, where a ``stranded`` event is hashed without its last
   field (the measured Python bytes). Other header keys are ignored.

2. **N event lines**, one JSON array per event, in trace order: the event
   tuple ``(t_ns, kind, *fields)`` with tuples as arrays (nested as deep as
   they are), e.g. ``[5000000,"park",16,"send",[3],[true],["done"]]``.
   ``t_ns`` is an integer, ``kind`` a string; fields are integers, strings,
   ``true``/``false``, ``null``, numbers with a fraction or exponent (Python
   floats; ``NaN``/``Infinity`` as Python's json writes them) or arrays of
   those. No JSON objects. The array starts the line and ``\\n`` follows it
   directly (JSON whitespace inside it is allowed; the writer puts none). A
   reader turns every array back into a tuple, so ``repr`` and the hash come
   out identical.

3. **Footer**, one JSON object:
   ``{"end": N, "sha256": "...", "header": "..."}``, the same count and hash
   as the header, and the sha256 of the header line's bytes (without its
   ``\\n``), so a changed source or config is found as surely as a changed
   event. It is the last line: nothing follows it.

Why a program's run keeps no events: opening it runs the program again from
the start, in the window, live, which is what the window shows a program as;
the events would be read only to be thrown away, and a long run in the window
has already forgotten its oldest ones (a preset's run that has cannot be
saved at all). Same files, seed, dials, requests and changes give the same
trace, byte for byte; ``ran`` records the hash to check that by.

A file whose footer is missing was cut short; a count or hash that does not
match what the lines hold, or a gzip checksum that fails, means the file is
damaged. Either way ``load`` raises ``RunFileError`` with a one-line message,
as it does for anything that is not a readable run file. This reader's
limits: a header line of at most 64 MiB, event lines of at most 64 MiB, and
no more than 50 times the file's size (plus 16 MiB) decompressed: more is a
gzip bomb.

Version 1 (leakviz 0.1 before this one) is version 2 with a preset's run
only: no ``run`` key and a footer without ``header``. It is still read.
Older saved Go runs, the plain JSON ``.leakviz-go`` files, are read by
``goplay.savefile``.

``save`` writes a temporary file next to the target and renames it over the
target, so a crash never leaves a half-written file under the real name. A
run whose oldest events were already forgotten (``events.first > 0``, an
interactive session that dropped old chunks) cannot be saved.
"""

from .format import FORMAT, SHAPES, VERSION, Recording, RunFileError
from .program import SavedProgram
from .read import load
from .write import save

__all__ = ["FORMAT", "SHAPES", "VERSION", "Recording", "RunFileError", "SavedProgram", "load", "save"]
