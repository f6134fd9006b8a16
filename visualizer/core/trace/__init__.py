"""The append-only event log, and the Snapshot it folds into.

An event is a tuple ``(t_ns, kind, *fields)`` of ints, bools, strings and tuples, so
its ``repr`` is stable and the trace hashes the same for the same config and
seed. Kinds written by the runtime and channels:

=========  ====================================================
go         gid, parent gid, role, request, index
make       cid, name, cap, request
sleep      gid, wake-up time
wake       gid                          (timer fired)
park       gid, op (send/recv/select), cids, is-send flags, channel names
unpark     gid, cid                     (a peer completed its operation)
send       gid, cid, "direct"|"buffer", len after
recv       gid, cid, "direct"|"buffer"|"closed", len after
close      gid, cid, len
exit       gid
panic      gid, Go's message
stranded   gid, Go channel bytes now held by stranded goroutines,
           Python bytes they hold here (measured; not hashed)
=========  ====================================================

and by the scenario: ``request`` (req, ip), ``verdict`` (req, check,
passed), ``return`` (req, outcome), ``config`` (json text, first event).

The measured bytes on ``stranded`` events vary with the interpreter, so the
hash leaves them out.

The package, by job: ``events`` (the log), ``snapshot`` (the frozen views),
``fold`` (events -> Snapshot, incremental or pure), ``rewind`` (seeking).
"""

from .events import SHOWN, Event, Events, Trace, _canon
from .fold import Folder, fold
from .rewind import Rewinder
from .snapshot import (
           BlockedLine,
           ChannelView,
           MemoryPoint,
           PrimView,
           RequestView,
           SiteView,
           Snapshot,
           TaskView,
           site_key,
)

__all__ = ["SHOWN", "BlockedLine", "ChannelView", "PrimView", "Event", "Events", "Folder", "MemoryPoint", "RequestView", "Rewinder", "SiteView",
           "Snapshot", "TaskView", "Trace", "_canon", "fold", "site_key"]
