"""Any Go program, recorded for the window's generic stage (Qt-free, beside core).

``sites`` finds every ``make(chan T, n)`` and rewrites its capacity;
``record`` runs the program through the Go front end and folds the runtime's
state into frames the stage draws (lanes per ``go`` site, channels, sync
primitives, piles of stranded goroutines per blocking line).
"""
