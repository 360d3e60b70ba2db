"""Helper processes that share the rows of every matrix-vector product: multi-core decoding in
the standard library.

Pure-Python arithmetic holds the GIL, so threads cannot share it; forked processes can. At the
first forward step a model forks `processes - 1` helpers, which inherit its weights (no copy,
no pickling). Each product then sends the input vector down a pipe to every helper, computes
its own share of the rows meanwhile, and appends the helpers' shares in row order: each output
is the same C call as in one process, so the logits are bit-identical. A helper that dies costs
nothing but speed: its share is computed here and the helpers are retired; replies left behind
by an interrupted request are skipped. Where fork is unavailable, or other threads already run (forking them is unsafe), the
model stays in one process. A waiting process polls its pipe for 2 ms before it sleeps, giving
up the core at each turn (`os.sched_yield`): polling gained ~20% for the shipped model on an idle
machine; without the yield it cost 2.7x on a busy one (the waiting process took the helper's core).

A model that gives an AttentionPlan (the GPT-style LiteModel) shares its attention too: each
process computes the query/key/value rows of its own heads, keeps their keys and values (a helper
per cache of the parent's, by the cache's number) and returns their attention outputs, so the
helpers do not wait while the parent attends over a long context. Their caches are the parent's
to rebuild when they are lost (SharedStateLost): the model replays the cache's tokens alone.
"""
import itertools
import os
import struct
import threading
import time
import weakref
from array import array
from dataclasses import dataclass

from .ops import HeadCache, attend_heads

# request number, kind, index (of the product, or the layer), rows or heads lo..hi, cache number, position
_HEADER = struct.Struct("<QBIIIQI")
PRODUCT, ATTENTION, FORGET, MISSING = range(4)  # kinds; MISSING: a helper's reply lacking a cache's history
SHARE_MACS = 1_000_000  # below this many multiply-adds per token, the pipes cost more than they save
MAX_PROCESSES = 4
SPIN_S = 0.002
_yield = getattr(os, "sched_yield", None)


def available_cpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_chosen = None  # set_processes(): what --threads asked for


def set_processes(count):
    """Processes for the models that start sharing after this (the backend's set_threads)."""
    global _chosen
    _chosen = count


def default_processes(macs_per_token):
    """$NEURAFLUX_LITE_PROCESSES, else set_processes(), else one per available CPU (at most 4)
    for models whose decode step is large enough to repay the pipes, else 1."""
    forced = os.environ.get("NEURAFLUX_LITE_PROCESSES", "")
    if forced.isdigit() and int(forced) >= 1:
        return int(forced)
    if _chosen:
        return _chosen
    return cpu_processes() if macs_per_token >= SHARE_MACS else 1


def cpu_processes():
    """One process per available CPU, at most MAX_PROCESSES."""
    return max(1, min(available_cpus(), MAX_PROCESSES))


def can_fork():
    """True where helpers can be forked safely: a fork start method and no other threads."""
    import multiprocessing  # here, not at import: 13 ms that a model in one process never needs

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def split(count, parts):
    """`parts` contiguous (lo, hi) ranges covering range(count), as even as possible."""
    bounds, lo = [], 0
    for k in range(parts):
        hi = lo + (count - lo) // (parts - k)
        bounds.append((lo, hi))
        lo = hi
    return bounds


def _wait(conn):
    """Polls `conn` for up to SPIN_S, yielding the core at each turn, before the caller blocks
    on it: waking a sleeping process costs about as much as a small product on a virtual machine,
    and the yield lets a process that needs this core (a busy machine) have it."""
    if _yield is None or conn.poll():
        return
    deadline = time.perf_counter() + SPIN_S
    while time.perf_counter() < deadline:
        _yield()
        if conn.poll():
            return


class SharedStateLost(Exception):
    """The helpers are gone (retired) and with them the keys and values of their heads."""


@dataclass(frozen=True)
class AttentionPlan:
    """What a helper needs to attend for its heads: each layer's fused q/k/v Linear (its index
    among the shared Linears), the head count and size, the score scale and the kernel."""

    qkv_indices: tuple
    num_heads: int
    head_dim: int
    scale: float
    kernel: str

    def attend(self, linears, layer, caches, lo, hi, x, position):
        """ops.attend_heads for heads lo..hi-1 of `layer`, their q/k/v rows computed here."""
        qkv = linears[self.qkv_indices[layer]]
        hidden, a, b = len(qkv.rows) // 3, lo * self.head_dim, hi * self.head_dim
        q, k, v = qkv.part(x, a, b), qkv.part(x, hidden + a, hidden + b), qkv.part(x, 2 * hidden + a, 2 * hidden + b)
        return attend_heads(q, k, v, caches, position, self.head_dim, self.scale, self.kernel)


def _serve(conn, linears, parent_ends, plan):
    """A helper's loop: for each request, its share of one product or of one layer's attention,
    until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for end in parent_ends:  # inherited copies: closed, so the parent's exit reads as end-of-file
        end.close()
    caches = {}  # the parent's cache number -> {layer: [HeadCache of each of this helper's heads]}
    while True:
        try:
            _wait(conn)
            message = conn.recv_bytes()
        except (EOFError, OSError):
            return
        number, kind, index, lo, hi, cache, position = _HEADER.unpack_from(message)
        if kind == FORGET:
            caches.pop(cache, None)
            continue
        x = array("d")
        x.frombytes(memoryview(message)[_HEADER.size:])
        if kind == ATTENTION:
            layers = caches.get(cache) or caches.setdefault(cache, {})
            heads = layers.get(index) or layers.setdefault(index, [HeadCache(plan.head_dim) for _ in range(lo, hi)])
            out = plan.attend(linears, index, heads, lo, hi, tuple(x), position)
            if out is None:
                kind, out = MISSING, ()
        else:
            out = linears[index].part(tuple(x), lo, hi)
        try:
            conn.send_bytes(_HEADER.pack(number, kind, index, lo, hi, cache, position) + array("d", out).tobytes())
        except OSError:
            return


def _retire(conns, processes):
    for conn in conns:
        conn.close()  # the helper reads end-of-file and returns
    for process in processes:
        process.join(timeout=2)
        if process.is_alive():
            process.terminate()


class RowWorkers:
    """Helper processes, each holding a share of the rows of every Linear in `linears`."""

    def __init__(self, linears, processes, plan=None):
        self.linears = list(linears)
        self.shares = [split(len(linear.rows), processes) for linear in self.linears]  # ours first
        self.plan = plan
        self.head_shares = split(plan.num_heads, processes) if plan else None  # ours first
        self.number = 0
        self.forgotten = []  # numbers of the parent's caches that were freed, for the helpers to drop
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.conns, self.processes = [], []
        for k in range(1, processes):
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, self.linears, self.conns + [ours], plan),
                                      name=f"neuraflux-lite-{k}", daemon=True)
            process.start()
            theirs.close()
            self.conns.append(ours)
            self.processes.append(process)
        self._finalizer = weakref.finalize(self, _retire, self.conns, self.processes)

    @property
    def active(self):
        return bool(self.conns)

    def close(self):
        self._finalizer()
        self.conns, self.processes = [], []

    def product(self, index, x):
        """linears[index](x), its rows shared between this process and the helpers."""
        linear, x = self.linears[index], tuple(x)
        conns = self.conns
        if not conns:
            return linear(x)
        ours, *shares = self.shares[index]
        if not self._send(PRODUCT, index, shares, x):
            return linear(x)
        out = linear.part(x, *ours)
        for conn, share in zip(conns, shares):
            rows = self._receive(conn, PRODUCT, index)
            if rows is None:  # the helper is gone: do its share here, and the rest alone
                self.close()
                rows = linear.part(x, *share)
            out.extend(rows)
        return out

    def attention(self, layer, x, head_caches, cache, position):
        """Every head's attention output for layer `layer` and input `x`: this process's heads with
        their `head_caches` (all of the layer's, in head order), the helpers' with the keys and
        values they keep for cache number `cache`. Raises SharedStateLost (after retiring the
        helpers) when one is gone or lacks that cache's earlier positions."""
        plan, x = self.plan, tuple(x)
        (lo, hi), *shares = self.head_shares
        if not self.conns or not self._send(ATTENTION, layer, shares, x, cache, position):
            raise SharedStateLost
        out = plan.attend(self.linears, layer, head_caches[lo:hi], lo, hi, x, position)
        for conn in self.conns:
            heads = self._receive(conn, ATTENTION, layer)
            if heads is None:
                self.close()
                raise SharedStateLost
            out.extend(heads)
        return out

    def forget(self, cache):
        """Cache number `cache` was freed: its keys and values go from the helpers with the next
        request (called from a finalizer, so it only notes the number)."""
        self.forgotten.append(cache)

    def _send(self, kind, index, shares, x, cache=0, position=0):
        """Sends one request to every helper (with the freed caches to drop first); False, with
        the helpers retired, when a pipe is broken."""
        self.number += 1
        payload = array("d", x).tobytes()
        try:
            while self.forgotten:
                forgotten = _HEADER.pack(0, FORGET, 0, 0, 0, self.forgotten.pop(), 0)
                for conn in self.conns:
                    conn.send_bytes(forgotten)
            for conn, share in zip(self.conns, shares):
                conn.send_bytes(_HEADER.pack(self.number, kind, index, *share, cache, position) + payload)
        except OSError:
            self.close()
            return False
        return True

    def _receive(self, conn, kind, index):
        """The reply to the current request (older ones, left by an interrupt, are skipped); None
        when the helper is gone or lacks the cache's history."""
        try:
            while True:
                _wait(conn)
                message = conn.recv_bytes()
                number, replied_kind, replied, _, _, _, _ = _HEADER.unpack_from(message)
                if number == self.number and replied_kind == MISSING:
                    return None
                if number == self.number and replied_kind == kind and replied == index:
                    rows = array("d")
                    rows.frombytes(memoryview(message)[_HEADER.size:])
                    return rows.tolist()
        except (EOFError, OSError):
            return None
        except BaseException:  # e.g. Ctrl-C mid-message: the pipe may be out of step, so retire
            self.close()
            raise


_cache_numbers = itertools.count(1)


def cache_number():
    """A number naming one of the parent's caches to the helpers (0 is never one)."""
    return next(_cache_numbers)


class SharedLinear:
    """Stands in for a Linear whose rows RowWorkers shares: called the same way."""

    __slots__ = ("workers", "index", "rows")

    def __init__(self, workers, index):
        self.workers, self.index = workers, index
        self.rows = workers.linears[index].rows

    def __call__(self, x):
        return self.workers.product(self.index, x)
