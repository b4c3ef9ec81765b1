"""How many threads the model libraries use.

Torch sizes its pools from every core of the machine, not from the cores this
process may run on, and several claims processes on a shared machine then
oversubscribe the cores and spin. claims sets the count once per process from
the cores it may use (`os.sched_getaffinity`); `CLAIMS_THREADS` overrides it.

Each model call also takes the cores it runs on from the claims processes of
the machine (`cores`): one lock file per core, held for the call. A process
alone gets every core; several share them out, and a call that finds every
core taken waits for one, so the processes queue instead of oversubscribing.
"""
from __future__ import annotations

import os
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from pathlib import Path


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


WAIT_SECONDS = 0.002  # how often a model call waiting for a core looks for one
_held = threading.local()  # how deep this thread is in `cores` blocks: an inner block runs on the outer's cores


def _core_locks() -> Path:
    folder = Path(tempfile.gettempdir()) / f"claims-cores-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


_presence = []  # this process's own lock file, held while it lives


def _processes(folder: Path) -> int:
    """How many claims processes of this user have run a model call and are still running, this one included:
    each holds a lock on its own file while it lives; the file of one that has ended is removed."""
    import fcntl

    if not _presence:
        handle = open(folder / f"process-{os.getpid()}", "a+b")
        fcntl.flock(handle, fcntl.LOCK_EX)
        _presence.append(handle)
    alive = 1
    for path in folder.glob("process-*"):
        if path.name == f"process-{os.getpid()}":
            continue
        try:
            with open(path, "a+b") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    alive += 1
                    continue
                path.unlink(missing_ok=True)
        except OSError:
            continue
    return alive


def _take(stack: ExitStack, count: int) -> int:
    """Lock up to `count` of the machine's core files, no more than this process's share of them while other
    claims processes run, none of them waited for; at least one, waited for when every core is taken.
    Returns how many were locked; `stack` releases them.

    The share keeps a process from taking both cores of two between another's calls: its threads would
    then spin at every barrier while the other process's Python work holds a core."""
    import fcntl

    folder = _core_locks()
    slots = available_cores()
    count = min(count, max(1, slots // _processes(folder)))
    handles = [stack.enter_context(open(folder / f"core-{slot}", "a+b")) for slot in range(slots)]
    taken = 0
    while True:
        for handle in handles:
            if taken == count:
                break
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            stack.callback(fcntl.flock, handle, fcntl.LOCK_UN)
            taken += 1
        if taken:
            return taken
        count = 1  # every core taken: wait for the first to come free, whichever it is, and run on it
        time.sleep(WAIT_SECONDS)


@contextmanager
def cores(most: int | None = None):
    """Run a model call on the cores it can have: at most `most` threads (default: this process's count),
    no more than the cores no other claims process is using, and at least one, waited for. Without file
    locks (not on a POSIX system) the call runs on `most` threads."""
    import torch

    configured = configure_threads()
    wanted = configured if most is None else max(1, min(most, configured))
    depth = getattr(_held, "depth", 0)
    before = torch.get_num_threads()
    with ExitStack() as stack:
        count = wanted
        if depth == 0:
            try:
                count = _take(stack, wanted)
            except (ImportError, OSError):
                count = wanted
        else:
            count = min(wanted, before)
        _held.depth = depth + 1
        torch.set_num_threads(count)
        try:
            yield count
        finally:
            _held.depth = depth
            torch.set_num_threads(before)
