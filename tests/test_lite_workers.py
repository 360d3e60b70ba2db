"""Lite models sharing their matrix products with forked helper processes (lite_backend/workers)."""
import gc
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from array import array

import pytest

from neuraflux.core.config import NanoConfig
from neuraflux.core.init import init_tensors
from neuraflux.lite_backend import workers
from neuraflux.lite_backend.model import LiteModel

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")

CONFIG = NanoConfig(vocab_size=97, hidden_size=32, num_layers=2, num_heads=2, intermediate_size=64,
                    max_seq_len=64, lm_head_transform=True)
IDS = [3, 17, 42, 5, 96, 0, 8]


@pytest.fixture(scope="module")
def tensors():
    return init_tensors(CONFIG, seed=4)


@pytest.fixture(autouse=True)
def forking_allowed(request, monkeypatch):
    """Other test modules leave daemon threads behind (tqdm's monitor), which the one-thread
    guard rightly counts; these tests are about sharing, the guard has its own test."""
    if request.node.name != "test_no_helpers_while_other_threads_run":
        monkeypatch.setattr(workers, "can_fork", lambda: True)


def pair(tensors, processes):
    return LiteModel(CONFIG, tensors, processes=1), LiteModel(CONFIG, tensors, processes=processes)


@pytest.mark.parametrize("processes", [2, 3])
def test_shared_products_give_bit_identical_logits(tensors, processes):
    alone, shared = pair(tensors, processes)
    try:
        assert shared.logits(IDS) == alone.logits(IDS)
        assert len(shared.workers.processes) == processes - 1
        assert alone.workers is False
        cache_a, cache_s = alone.new_cache(), shared.new_cache()
        assert shared.prefill(IDS, cache_s) == alone.prefill(IDS, cache_a)
        for token in (1, 2, 3):
            assert shared.decode_step(token, cache_s) == alone.decode_step(token, cache_a)
    finally:
        shared.close()


def prefilled_pair(tensors, processes):
    """One model alone and one sharing with helpers, each with a cache holding IDS (same logits)."""
    alone, shared = pair(tensors, processes)
    cache_a, cache_s = alone.new_cache(), shared.new_cache()
    assert shared.prefill(IDS, cache_s) == alone.prefill(IDS, cache_a)
    return alone, shared, cache_a, cache_s


def test_a_helper_that_dies_costs_speed_not_answers(tensors):
    alone, shared, cache_a, cache_s = prefilled_pair(tensors, 3)
    victim = shared.workers.processes[1]
    victim.kill()
    victim.join()
    for token in (9, 10):
        assert shared.decode_step(token, cache_s) == alone.decode_step(token, cache_a)
    assert not shared.workers.active  # retired: the model runs alone from then on


def test_replies_left_by_an_interrupted_request_are_skipped(tensors):
    _, shared = pair(tensors, 2)
    shared.logits(IDS[:2])
    pool = shared.workers
    try:
        x = tuple(float(i) / 7 for i in range(CONFIG.hidden_size))
        # a request whose reply nobody read, as after Ctrl-C during this process's own share
        pool.number += 1
        pool.conns[0].send_bytes(workers._HEADER.pack(pool.number, workers.PRODUCT, 0, 0, 5, 0, 0)
                                 + array("d", x).tobytes())
        expected = pool.linears[1](x)
        assert pool.product(1, x) == expected
        assert pool.active
    finally:
        shared.close()


def test_caches_share_their_heads_with_the_helpers_independently(tensors):
    alone, shared = pair(tensors, 2)
    try:
        first_a, second_a = alone.new_cache(), alone.new_cache()
        first_s, second_s = shared.new_cache(), shared.new_cache()
        assert shared.prefill(IDS[:4], first_s) == alone.prefill(IDS[:4], first_a)
        assert shared.prefill(IDS[3:], second_s) == alone.prefill(IDS[3:], second_a)
        for token in (7, 8):  # interleaved: each helper cache follows its own
            assert shared.decode_step(token, first_s) == alone.decode_step(token, first_a)
            assert shared.decode_step(token, second_s) == alone.decode_step(token, second_a)
        assert first_s.filled_by is shared.workers and len(first_s.heads[0][1].keys) == 0  # head 1: the helper's
        assert len(first_s.heads[0][0].keys) == len(first_s) == 6
    finally:
        shared.close()


def test_a_freed_cache_is_dropped_by_the_helpers(tensors):
    _, shared = pair(tensors, 2)
    try:
        cache = shared.new_cache()
        shared.prefill(IDS[:3], cache)
        number = cache.number
        del cache
        gc.collect()
        assert shared.workers.forgotten == [number]
        shared.logits(IDS[:2])  # the next request carries it
        assert shared.workers.forgotten == []
    finally:
        shared.close()


def test_a_helper_without_the_caches_history_costs_a_rebuild_not_answers(tensors):
    alone, shared, cache_a, cache_s = prefilled_pair(tensors, 2)
    cache_s.number = workers.cache_number()  # as if the helper had never seen this cache
    assert shared.decode_step(11, cache_s) == alone.decode_step(11, cache_a)
    assert not shared.workers.active and cache_s.filled_by is None  # retired; all heads here now
    assert len(cache_s.heads[1][1].keys) == len(cache_s) == len(IDS) + 1
    assert shared.decode_step(12, cache_s) == alone.decode_step(12, cache_a)


def test_head_caches_cut_back_to_the_position_they_are_asked_for():
    from neuraflux.lite_backend.ops import HeadCache

    cache, fresh = HeadCache(2), HeadCache(2)
    for j in range(5):
        cache.append((j * 0.1, 0.2), [j * 0.3, -0.7 * j])
        if j < 3:
            fresh.append((j * 0.1, 0.2), [j * 0.3, -0.7 * j])
    cache.truncate(3)
    assert (cache.keys, cache.key_half_norms, cache.columns, cache.column_half_norms) == \
        (fresh.keys, fresh.key_half_norms, fresh.columns, fresh.column_half_norms)


def test_helpers_end_when_their_parent_is_killed(tmp_path):
    if not os.path.isdir("/proc"):
        pytest.skip("reads /proc to see the helpers' state")
    code = (
        "import sys, time\n"
        "from neuraflux.core.config import NanoConfig\n"
        "from neuraflux.core.init import init_tensors\n"
        "from neuraflux.lite_backend.model import LiteModel\n"
        "c = NanoConfig(vocab_size=50, hidden_size=16, num_layers=1, num_heads=2, intermediate_size=32, max_seq_len=16)\n"
        "m = LiteModel(c, init_tensors(c, seed=0), processes=3)\n"
        "m.logits([1, 2])\n"
        "print(*[p.pid for p in m.workers.processes], flush=True)\n"
        "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in parent.stdout.readline().split()]
    finally:
        parent.kill()
        parent.wait()
    assert len(pids) == 2

    def running(pid):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 10
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(running(pid) for pid in pids)


def test_no_helpers_while_other_threads_run(tensors):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        model = LiteModel(CONFIG, tensors, processes=2)
        model.logits(IDS[:2])
        assert model.workers is False
    finally:
        stop.set()
        thread.join()


def test_default_processes_follow_the_models_size(monkeypatch):
    monkeypatch.delenv("NEURAFLUX_LITE_PROCESSES", raising=False)
    monkeypatch.setattr(workers, "available_cpus", lambda: 8)
    assert workers.default_processes(workers.SHARE_MACS - 1) == 1
    assert workers.default_processes(workers.SHARE_MACS) == workers.MAX_PROCESSES
    monkeypatch.setattr(workers, "available_cpus", lambda: 1)
    assert workers.default_processes(10 ** 9) == 1
    workers.set_processes(3)
    try:
        assert workers.default_processes(10) == 3  # --threads 3
        monkeypatch.setenv("NEURAFLUX_LITE_PROCESSES", "2")
        assert workers.default_processes(10) == 2
    finally:
        workers.set_processes(None)


@pytest.mark.parametrize("count,parts", [(10, 3), (1, 2), (0, 2), (1152, 2), (7, 7)])
def test_split_covers_every_row_once(count, parts):
    bounds = workers.split(count, parts)
    assert len(bounds) == parts
    assert [row for lo, hi in bounds for row in range(lo, hi)] == list(range(count))
    assert max(hi - lo for lo, hi in bounds) - min(hi - lo for lo, hi in bounds) <= 1


def test_info_reports_the_process_count(monkeypatch):
    from neuraflux.commands.info import collect_info

    monkeypatch.delenv("NEURAFLUX_LITE_PROCESSES", raising=False)
    monkeypatch.setattr(workers, "available_cpus", lambda: 3)
    assert collect_info()["backends"]["lite"]["processes"] == 3
    monkeypatch.setenv("NEURAFLUX_LITE_PROCESSES", "1")
    assert collect_info()["backends"]["lite"]["processes"] == 1
