"""Package sort: Ints and Strings in place; Slice awaits the program's less function."""

from __future__ import annotations

from typing import Any

from .registry import package, std

package("sort", "sort")


@std("sort.Ints")
@std("sort.Strings")
def sort_Ints(h, xs: list) -> None:
    xs.sort()


@std("sort.Slice")
@std("sort.SliceStable")
async def sort_Slice(h, xs: list, less: Any) -> None:
    """A stable merge sort awaiting the Go less function (it may block, like any Go call)."""
    if not xs or len(xs) < 2:
        return
    idx = list(range(len(xs)))
    snapshot = list(xs)

    async def msort(a: list) -> list:
        if len(a) <= 1:
            return a
        mid = len(a) // 2
        left, right = await msort(a[:mid]), await msort(a[mid:])
        out = []
        i = j = 0
        while i < len(left) and j < len(right):
            # less(i, j) reads the slice: put the two candidates where it looks
            xs[0], xs[1] = snapshot[right[j]], snapshot[left[i]]
            if await less(0, 1):
                out.append(right[j])
                j += 1
            else:
                out.append(left[i])
                i += 1
        return out + left[i:] + right[j:]
    order = await msort(idx)
    xs[:] = [snapshot[k] for k in order]

