"""Go programs for the window (Qt-free, beside core): the shipped examples (``catalog``), driving an HTTP
handler with requests (``http``), opening any saved run and the older ``.leakviz-go`` files
(``savefile``), and the ``make(chan)`` sites a version 1 ``.leakviz-go`` names (``sites``). The run itself
is golang/live.py's, through the core Session.
"""
