"""Go programs for the window (Qt-free, beside core): the shipped examples (``catalog``), driving an HTTP
handler with requests (``http``), saved Go runs (``savefile``) and the ``make(chan)`` sites a version 1 save
names (``sites``). The run itself is golang/live.py's, through the core Session.
"""
