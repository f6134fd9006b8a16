"""Go's standard library as leakviz runs it: a module per package, each declaring its names (signature
and implementation together) in the registry (registry.py). Importing this package loads them all."""

from . import (  # noqa: F401  each module declares its package's names
    atomic,
    context,
    errors,
    fmt,
    io,
    json,
    log,
    math,
    os,
    pprof,
    rand,
    randv2,
    runtime,
    sort,
    strconv,
    strings,
    sync,
    time,
    traffic,
    unsafe,
)
from .registry import FUNCS, HELPERS, METHOD_RESULTS, PACKAGES, TYPES, VALUES, ZEROS, attr, init, install, tables

__all__ = ["FUNCS", "HELPERS", "METHOD_RESULTS", "PACKAGES", "TYPES", "VALUES", "ZEROS", "attr", "init", "install",
           "tables"]
