"""Any Go program in the window: the generic stage (``stage``), its code panel (``code``), the window
that records and plays a run back with a dial per ``make(chan)`` (``window``), bug|fix ``compare``, and
opening them from the command line (``app``)."""

from .app import run_go_compare, run_go_window
from .code import GoCode
from .compare import GoCompare
from .stage import GoStage
from .window import GoWindow, fill_examples_menu, go_paths_of

__all__ = ["GoCode", "GoCompare", "GoStage", "GoWindow", "fill_examples_menu", "go_paths_of", "run_go_compare",
           "run_go_window"]
