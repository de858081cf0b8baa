"""Worker pools that never outlive the process that started them.

The OOM killer or `kill PID` ends the main process alone; its pool workers would then run on
as orphans, holding whatever they inherited. Each worker watches its parent and exits the
moment it changes (Linux also delivers SIGKILL on the parent's death through prctl).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

WATCH_SECONDS = 0.2
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits; elsewhere the watcher does it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watcher thread below still covers it


def _watch(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)  # the run that wanted this work is gone: nothing to report to
        time.sleep(WATCH_SECONDS)


def _init_worker() -> None:
    # Ctrl-C reaches the whole foreground group; the parent decides what it stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the CLI's handler
    parent = os.getppid()
    _die_with_parent()
    if parent == 1:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def pool(workers: int, processes: bool) -> Executor:
    """Processes for CPU work (the GIL), threads for work that waits on a model."""
    if processes:
        return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    return ThreadPoolExecutor(max_workers=workers)


def stop(executor: Executor) -> None:
    """Stop at once: queued work cancelled, worker processes terminated, threads let go."""
    if isinstance(executor, ProcessPoolExecutor):
        # No public way before Python 3.14 (terminate_workers); a worker's unfinished document
        # is simply briefed again on the next run.
        for process in list(getattr(executor, "_processes", {}).values()):
            if process.is_alive():
                process.kill()
    executor.shutdown(wait=isinstance(executor, ProcessPoolExecutor), cancel_futures=True)
