"""Save a run to a file and open it again: same config, same trace, same picture.

A run file holds a run's starting ``Config`` and its whole event trace. Loading
it gives back the same Config, the same events (equal tuples, equal ``repr``)
and therefore the same sha256 and the same fold.

The format, ``leakviz-run`` version 1
=====================================

The file is one gzip member (RFC 1952; written at compression level 6, with
mtime 0 and no file name, so the same run gives the same bytes). Its
content is UTF-8 text (written as pure ASCII: JSON escapes everything else),
made of lines that each end with ``\\n``:

1. **Header**, one JSON object::

       {"format": "leakviz-run", "version": 1, "saved_by": "leakviz 0.1.0",
        "config": {...}, "events": N, "sha256": "..."}

   ``format`` is always ``"leakviz-run"``; ``version`` is this format's
   version, an integer (a reader refuses versions newer than its own);
   ``saved_by`` is ``"leakviz <version>"`` of the writer; ``config`` is
   ``Config.to_json()`` as an object (tuples as arrays, ``null`` for None);
   missing settings take Config's defaults, unknown ones are refused;
   ``events`` is the number of event lines; ``sha256`` is the trace's hash as
   ``Events.sha256()`` computes it: 64 lowercase hex digits of the sha256 of
   ``repr(event) + "\\n"`` for every event in order, where a ``stranded``
   event is hashed without its last field (the measured Python bytes). Other
   header keys are ignored.

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

3. **Footer**, one JSON object: ``{"end": N, "sha256": "..."}``, the same
   count and hash as the header. It is the last line: nothing follows it.

A file whose footer is missing was cut short; a count or hash that does not
match what the lines hold, or a gzip checksum that fails, means the file is
damaged. Either way ``load`` raises ``RunFileError`` with a one-line message,
as it does for anything that is not a readable version-1 run file. This
reader's limits: a header line of at most 1 MiB, event lines of at most 64 MiB.

``save`` writes a temporary file next to the target and renames it over the
target, so a crash never leaves a half-written file under the real name. A
run whose oldest events were already forgotten (``events.first > 0``, an
interactive session that dropped old chunks) cannot be saved.
"""

from .format import FORMAT, SHAPES, VERSION, Recording, RunFileError
from .read import load
from .write import save

__all__ = ["FORMAT", "SHAPES", "VERSION", "Recording", "RunFileError", "load", "save"]
