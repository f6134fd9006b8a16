"""The command line's commands that live outside ``__main__``: glue between
argparse and the Qt-free packages (and the window when a command asks for it)."""
