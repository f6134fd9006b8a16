"""Go's standard library as leakviz runs it: a module per package, each declaring its names (signature
and implementation together) in the registry (registry.py). Importing this package loads them all."""

from . import errors, fmt, io, json, log, math, os, sort, strconv, strings, traffic, unsafe  # noqa: F401  each declares its package's names
from .registry import FUNCS, HELPERS, PACKAGES, TYPES, VALUES, attr, init, install, tables

__all__ = ["FUNCS", "HELPERS", "PACKAGES", "TYPES", "VALUES", "attr", "init", "install", "tables"]
