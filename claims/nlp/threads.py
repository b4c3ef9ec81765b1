"""How many threads the model libraries use.

Torch sizes its pools from every core of the machine, not from the cores this
process may run on, and several claims processes on a shared machine then
oversubscribe the cores and spin. claims sets the count once per process from
the cores it may use (`os.sched_getaffinity`); `CLAIMS_THREADS` overrides it.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def thread_count() -> int:
    """CLAIMS_THREADS when set to a positive whole number, else the cores this process may use."""
    value = os.environ.get("CLAIMS_THREADS", "").strip()
    if value:
        try:
            if int(value) >= 1:
                return int(value)
        except ValueError:
            pass
        raise ValueError(f"CLAIMS_THREADS={value!r}: give a whole number of threads, 1 or more")
    return available_cores()


@lru_cache(maxsize=1)
def configure_threads() -> int:
    """Size torch's thread pools for this process, once; returns the count."""
    import torch

    count = thread_count()
    torch.set_num_threads(count)
    try:
        torch.set_num_interop_threads(1)  # claims runs one model call at a time
    except RuntimeError:
        pass  # already fixed by an earlier parallel call of the host program
    return count


# The stanza models are small: a second thread gains a single run nothing (4.1 s against 4.2 s for the seed
# article's detection), and with several processes on the cores its spinning slows them all
STANZA_THREADS = 1


@contextmanager
def at_most(count: int):
    """Run the block with at most `count` of this process's threads, then give the others back."""
    import torch

    configure_threads()
    before = torch.get_num_threads()
    torch.set_num_threads(max(1, min(count, before)))
    try:
        yield
    finally:
        torch.set_num_threads(before)
