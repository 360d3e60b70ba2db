"""The training loop: AdamW, warm-up + cosine schedule, gradient accumulation and clipping,
periodic evaluation, atomic step checkpoints with exact resume, and DDP through torchrun.

    single process:  neuraflux train --data docs/ --out runs/x --preset small --max-steps 2000
    several:         torchrun --standalone --nproc_per_node=4 -m neuraflux train --data docs/ --out runs/x

A run folder holds step-NNNNNNN/ checkpoints (config.json, model.safetensors, tokenizer.json,
training_state.pt), `latest` and `best` pointer files (each written after its checkpoint is
complete) and metrics.jsonl.
"""
import contextlib
import io
import json
import math
import mmap
import os
import pickle
import random
import shutil
import signal
import time
from dataclasses import asdict, dataclass

import torch

from ..core.checkpoint import save_checkpoint
from ..core.errors import DataError, NeuraFluxError
from ..core.runs import (STATE_FILE, MetricsLog, clean_stale, existing_run, read_pointer, step_folders, step_name,
                         write_pointer)
from ..core.progress import format_seconds
from ..core.schedule import learning_rate
from ..core.weights import is_decayed
from .model import NanoModel
from .runtime import AUTOCAST_DTYPES, load_state, resolve_device, state_dict_from_tensors, tensors_from_module

EVAL_SEED = 1234


class TrainingStopped(NeuraFluxError):
    """Training could not continue (e.g. a non-finite loss); the last good checkpoint is kept."""


@dataclass
class TrainSettings:
    """Everything about a run except the model's shape."""

    max_steps: int = 1000
    batch_size: int = 12
    block_size: int = None  # default: the model's max_seq_len
    grad_accum: int = 1
    lr: float = 1e-3
    min_lr: float = None  # default: lr / 10
    warmup: int = 100
    weight_decay: float = 0.1
    beta1: float = 0.9
    beta2: float = 0.95
    grad_clip: float = 1.0
    eval_interval: int = 100
    eval_batches: int = 20
    log_interval: int = 10
    save_interval: int = None  # default: eval_interval
    keep_last: int = 2
    device: str = "auto"
    dtype: str = "float32"
    compile: bool = False
    seed: int = 1337
    resume: bool = False


# -- data ----------------------------------------------------------------------------------
class TokenFile:
    """A memory-mapped token file (uint16 or uint32) as a read-only tensor of ids."""

    def __init__(self, path, dtype):
        self.path = path
        size = os.path.getsize(path)
        self._file = open(path, "rb")
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size else None
        self.mask = 0xFFFF if dtype == "uint16" else 0xFFFFFFFF
        torch_dtype = torch.int16 if dtype == "uint16" else torch.int32
        if self._map is None:
            self.tokens = torch.zeros(0, dtype=torch_dtype)
        else:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the buffer is read-only and is never written
                self.tokens = torch.frombuffer(self._map, dtype=torch_dtype)

    def __len__(self):
        return len(self.tokens)

    def window(self, start, length):
        return self.tokens[start:start + length].to(torch.int64) & self.mask


def sample_batch(data, batch_size, block_size, generator):
    """Random contiguous windows: inputs (B, T) and next-token targets (B, T)."""
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator).tolist()
    x = torch.stack([data.window(s, block_size) for s in starts])
    y = torch.stack([data.window(s + 1, block_size) for s in starts])
    return x, y


# -- optimisation --------------------------------------------------------------------------
def param_groups(module, weight_decay):
    """AdamW groups: decay on matrices only (never embeddings, norms or biases)."""
    decay, no_decay = [], []
    for name, param in module.named_parameters():
        (decay if is_decayed(name, tuple(param.shape)) else no_decay).append(param)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def make_optimizer(groups, lr, betas):
    """AdamW with the fused kernel (one pass over all tensors) where this torch has it for the
    parameters' device (CUDA; CPU since torch 2.4), else the per-tensor loop."""
    groups = list(groups)  # may be a generator: the fallback needs it again
    try:
        return torch.optim.AdamW(groups, lr=lr, betas=betas, fused=True)
    except (RuntimeError, ValueError):  # fused unsupported for this device or version
        return torch.optim.AdamW(groups, lr=lr, betas=betas)


def compute_loss(module, x, y):
    _, loss = module(x, y)
    return loss


# -- distributed ---------------------------------------------------------------------------
TORCHRUN_VARS = ("RANK", "LOCAL_RANK", "WORLD_SIZE")


def distributed_env():
    """(rank, local_rank, world_size) under torchrun, None otherwise; a partial set is an error."""
    present = [k for k in TORCHRUN_VARS if k in os.environ]
    if not present:
        return None
    missing = [k for k in TORCHRUN_VARS if k not in os.environ]
    if missing:
        raise NeuraFluxError(f"partial torchrun environment: {', '.join(present)} set but {', '.join(missing)} "
                             "missing; launch with `torchrun --nproc_per_node=N -m neuraflux train ...`")
    try:
        return int(os.environ["RANK"]), int(os.environ["LOCAL_RANK"]), int(os.environ["WORLD_SIZE"])
    except ValueError:
        raise NeuraFluxError("RANK, LOCAL_RANK and WORLD_SIZE must be integers") from None


class Distributed:
    """Process-group bookkeeping; a single process is world_size 1, rank 0."""

    def __init__(self, device_name):
        env = distributed_env()
        self.enabled = env is not None
        self.rank, self.local_rank, self.world_size = env or (0, 0, 1)
        if self.enabled:
            import torch.distributed as dist

            use_cuda = device_name != "cpu" and torch.cuda.is_available()
            if use_cuda:
                torch.cuda.set_device(self.local_rank)
            if not dist.is_initialized():
                dist.init_process_group(backend="nccl" if use_cuda else "gloo")
            self.device = torch.device(f"cuda:{self.local_rank}") if use_cuda else torch.device("cpu")
        else:
            self.device = resolve_device(device_name)

    @property
    def is_main(self):
        return self.rank == 0

    def barrier(self):
        if self.enabled:
            import torch.distributed as dist

            dist.barrier()

    def mean(self, value):
        if not self.enabled:
            return value
        import torch.distributed as dist

        t = torch.tensor([value], dtype=torch.float64, device=self.device)
        dist.all_reduce(t)
        return t.item() / self.world_size

    def gather(self, obj):
        if not self.enabled:
            return [obj]
        import torch.distributed as dist

        out = [None] * self.world_size
        dist.all_gather_object(out, obj)
        return out

    def close(self):
        if self.enabled:
            import torch.distributed as dist

            if dist.is_initialized():
                dist.destroy_process_group()


# -- run folder ----------------------------------------------------------------------------
class ConfigMismatch(NeuraFluxError):
    """The run folder was trained with another model shape: never fall back past this."""


def _first_sentence(exc, limit=160):
    text = str(exc).strip().split("\n")[0].split(". ")[0] or type(exc).__name__
    return text if len(text) <= limit else text[:limit - 3] + "..."


# -- the trainer ---------------------------------------------------------------------------
class Trainer:
    """Owns the model, optimizer, data streams and run folder of one training run."""

    def __init__(self, config, tokenizer, data_dir, run_dir, settings, log=print):
        self.config, self.tokenizer, self.settings = config, tokenizer, settings
        self.run_dir, self.log = run_dir, log
        self.dist = Distributed(settings.device)
        self.device = self.dist.device
        with open(os.path.join(data_dir, "manifest.json"), encoding="utf-8") as handle:
            manifest = json.load(handle)
        self.train_data = TokenFile(os.path.join(data_dir, "train.bin"), manifest["dtype"])
        self.val_data = TokenFile(os.path.join(data_dir, "val.bin"), manifest["dtype"])
        self.block = settings.block_size or config.max_seq_len
        if self.block > config.max_seq_len:
            raise NeuraFluxError(f"--block-size {self.block} exceeds the model's max_seq_len {config.max_seq_len}")
        if len(self.train_data) <= self.block + 1:
            raise DataError(f"the training data has {len(self.train_data)} tokens, fewer than one block of "
                            f"{self.block}; use a smaller --block-size or more text")
        self.micro_steps = max(1, settings.grad_accum // self.dist.world_size)
        self.min_lr = settings.min_lr if settings.min_lr is not None else settings.lr / 10
        self.save_interval = settings.save_interval or settings.eval_interval
        torch.manual_seed(settings.seed + self.dist.rank)
        self.module = NanoModel(config).to(self.device)
        self.module.reset_parameters(torch.Generator().manual_seed(settings.seed))
        self.model = self.module
        if self.dist.enabled:
            from torch.nn.parallel import DistributedDataParallel

            self.model = DistributedDataParallel(self.module, device_ids=[self.dist.local_rank]
                                                 if self.device.type == "cuda" else None)
        self.forward = torch.compile(self.model) if settings.compile else self.model
        self.optimizer = make_optimizer(param_groups(self.module, settings.weight_decay), settings.lr,
                                        (settings.beta1, settings.beta2))
        self.data_rng = torch.Generator().manual_seed(settings.seed + 1000 * self.dist.rank)
        self.step = 0
        self.best_val = math.inf
        self._val_batches = None
        self.autocast_dtype = AUTOCAST_DTYPES.get(settings.dtype, "invalid")
        if self.autocast_dtype == "invalid":
            raise NeuraFluxError(f"unknown --dtype {settings.dtype!r}; choose float32 or bfloat16")

    # -- state ---------------------------------------------------------------------------
    def _state(self, data_rng_states):
        return {"step": self.step, "optimizer": self.optimizer.state_dict(), "best_val": self.best_val,
                "torch_rng": torch.get_rng_state(), "python_rng": random.getstate(),
                "data_rng": data_rng_states, "settings": json.dumps(asdict(self.settings))}

    def save(self, best=False):
        """Write step-N/ completely, then point `latest` (and `best`, when it is) at it."""
        data_states = self.dist.gather(self.data_rng.get_state())
        if not self.dist.is_main:
            self.dist.barrier()
            return
        buffer = io.BytesIO()
        torch.save(self._state(data_states), buffer)
        name = step_name(self.step)
        save_checkpoint(os.path.join(self.run_dir, name), self.config, tensors_from_module(self.module),
                        self.tokenizer, metadata={"step": str(self.step)}, extra_files={STATE_FILE: buffer.getvalue()})
        write_pointer(self.run_dir, "latest", name)
        if best:
            write_pointer(self.run_dir, "best", name)
        self._prune()
        self.dist.barrier()

    def _prune(self):
        keep = {read_pointer(self.run_dir, "latest"), read_pointer(self.run_dir, "best")}
        steps = step_folders(self.run_dir)[::-1]  # oldest first
        for name in steps[:-self.settings.keep_last] if self.settings.keep_last > 0 else steps:
            if name not in keep:
                shutil.rmtree(os.path.join(self.run_dir, name), ignore_errors=True)

    def resume(self):
        """Continue from `latest`, or, when it is damaged or gone, from the newest step folder
        that loads (with a notice); returns the step resumed at (0 when there is none)."""
        pointed = read_pointer(self.run_dir, "latest")
        steps = step_folders(self.run_dir)
        candidates = ([pointed] if pointed else []) + [n for n in steps if n != pointed]
        if not candidates:
            if existing_run(self.run_dir):
                raise NeuraFluxError(f"cannot resume: {self.run_dir} has no step folder left to resume from; "
                                     "pass --overwrite to start the run over")
            self.log(f"nothing to resume in {self.run_dir}: starting at step 0")
            return 0
        if pointed is None:
            self.log(f"notice: {os.path.join(self.run_dir, 'latest')} is missing or names no checkpoint; "
                     "looking for the newest step folder that loads")
        failures = []
        for name in candidates:
            folder = os.path.join(self.run_dir, name)
            try:
                checkpoint, state = self._read_step(folder)
            except ConfigMismatch:
                raise
            except (NeuraFluxError, OSError, RuntimeError, EOFError, KeyError, ValueError, pickle.UnpicklingError) as exc:
                failures.append(f"{name}: {_first_sentence(exc)}")
                self.log(f"notice: cannot resume from {folder} ({failures[-1]})")
                continue
            self._apply_step(folder, checkpoint, state)
            if name != pointed:
                self.log(f"notice: resuming from {folder}, the newest step folder that loads")
            return self.step
        raise NeuraFluxError(f"cannot resume: no step folder in {self.run_dir} loads ({'; '.join(failures)}); "
                             "pass --overwrite to start the run over")

    def _read_step(self, folder):
        from ..core.checkpoint import load_checkpoint

        checkpoint = load_checkpoint(folder, load_tokenizer=False)
        if checkpoint.config != self.config:
            raise ConfigMismatch(f"cannot resume: {folder} has a different model config than this run asks for")
        state = torch.load(os.path.join(folder, STATE_FILE), map_location="cpu", weights_only=True)
        if not isinstance(state, dict) or not {"optimizer", "step", "best_val", "torch_rng", "python_rng",
                                               "data_rng"} <= set(state):
            raise ValueError(f"{STATE_FILE} lacks the training state")
        return checkpoint, state

    def _apply_step(self, folder, checkpoint, state):
        data_states = state["data_rng"]
        if len(data_states) != self.dist.world_size:
            raise NeuraFluxError(f"cannot resume: the run used {len(data_states)} processes, now {self.dist.world_size}")
        load_state(self.module, state_dict_from_tensors(checkpoint.tensors))
        self.optimizer.load_state_dict(state["optimizer"])
        self.step, self.best_val = state["step"], state["best_val"]
        torch.set_rng_state(state["torch_rng"])
        random.setstate(_to_tuple(state["python_rng"]))
        self.data_rng.set_state(data_states[self.dist.rank])

    # -- evaluation ----------------------------------------------------------------------
    @torch.no_grad()
    def evaluate(self):
        """Mean validation loss over a fixed set of batches (the same every time)."""
        if len(self.val_data) < 3:
            return None
        if self._val_batches is None:  # the same batches every time: drawn and moved to the device once
            block = min(self.block, len(self.val_data) - 2)
            generator = torch.Generator().manual_seed(EVAL_SEED)
            self._val_batches = [tuple(t.to(self.device) for t in sample_batch(
                self.val_data, self.settings.batch_size, block, generator)) for _ in range(self.settings.eval_batches)]
        self.module.eval()
        total = torch.zeros((), device=self.device)
        for x, y in self._val_batches:
            with self._autocast():
                total += compute_loss(self.module, x, y).float()
        self.module.train()
        return total.item() / len(self._val_batches)  # one device sync per evaluation

    def _autocast(self):
        if self.autocast_dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(self.device.type, dtype=self.autocast_dtype)

    # -- the loop ------------------------------------------------------------------------
    def train(self):
        settings = self.settings
        os.makedirs(self.run_dir, exist_ok=True)
        if self.dist.is_main:
            clean_stale(self.run_dir)
        start_step = self.resume() if settings.resume else 0
        metrics = MetricsLog(os.path.join(self.run_dir, "metrics.jsonl"),
                             resume_step=start_step if settings.resume else None) if self.dist.is_main else None
        if start_step >= settings.max_steps:
            self.log(f"nothing to do: the run is already at step {start_step} of {settings.max_steps}")
            return {"step": start_step, "best_val_loss": self.best_val}
        tokens_per_step = settings.batch_size * self.block * self.micro_steps * self.dist.world_size
        if self.dist.is_main:
            self.log(f"training {self.config.num_parameters():,} parameters on {len(self.train_data):,} tokens "
                     f"({self.device}, {self.dist.world_size} process(es), {tokens_per_step:,} tokens/step)"
                     + (f", resuming at step {start_step}" if start_step else ""))
        self.module.train()
        interrupted = _InterruptFlag()
        started, window_start, window_tokens = time.perf_counter(), time.perf_counter(), 0
        last_loss = None
        step_start_rng = (self.data_rng.get_state(), torch.get_rng_state())
        try:
            with interrupted:
                while self.step < settings.max_steps:
                    lr = learning_rate(self.step, settings.lr, self.min_lr, settings.warmup, settings.max_steps)
                    for group in self.optimizer.param_groups:
                        group["lr"] = lr
                    loss_sum = 0.0
                    for micro in range(self.micro_steps):
                        x, y = sample_batch(self.train_data, settings.batch_size, self.block, self.data_rng)
                        x, y = x.to(self.device), y.to(self.device)
                        sync = contextlib.nullcontext() if (not self.dist.enabled or micro == self.micro_steps - 1) \
                            else self.model.no_sync()
                        with sync, self._autocast():
                            loss = compute_loss(self.forward, x, y)
                        if not torch.isfinite(loss):
                            raise TrainingStopped(
                                f"training stopped: the loss became {loss.item()} at step {self.step + 1}; the last "
                                f"good checkpoint ({read_pointer(self.run_dir, 'latest') or 'none yet'}) is kept")
                        with sync:
                            (loss / self.micro_steps).backward()
                        loss_sum += loss.item()
                    if settings.grad_clip > 0:
                        torch.nn.utils.clip_grad_norm_(self.module.parameters(), settings.grad_clip)
                    self.optimizer.step()
                    self.optimizer.zero_grad(set_to_none=True)
                    self.step += 1
                    # RNG states at this step boundary: an interrupted next step is redone exactly on resume
                    step_start_rng = (self.data_rng.get_state(), torch.get_rng_state())
                    window_tokens += tokens_per_step
                    last_loss = self.dist.mean(loss_sum / self.micro_steps)
                    if self.step % settings.log_interval == 0 or self.step == settings.max_steps:
                        now = time.perf_counter()
                        rate = window_tokens / max(now - window_start, 1e-9)
                        window_start, window_tokens = now, 0
                        eta = (settings.max_steps - self.step) * tokens_per_step / max(rate, 1e-9)
                        if self.dist.is_main:
                            self.log(f"step {self.step}/{settings.max_steps} ({100 * self.step / settings.max_steps:.0f}%)"
                                     f" | loss {last_loss:.4f} | lr {lr:.2e} | {rate:,.0f} tok/s | ETA {format_seconds(eta)}")
                            metrics.write({"kind": "train", "step": self.step, "loss": last_loss, "lr": lr,
                                           "tokens_per_s": rate, "elapsed_s": now - started})
                    improved = False
                    if self.step % settings.eval_interval == 0 or self.step == settings.max_steps:
                        improved = self._eval_and_log(metrics)
                    if improved or self.step % self.save_interval == 0 or self.step == settings.max_steps:
                        self.save(best=improved)
                    if self.step % settings.eval_interval == 0 or improved or self.step % self.save_interval == 0:
                        window_start, window_tokens = time.perf_counter(), 0  # keep eval/save out of tok/s
                    if interrupted.flag:
                        raise KeyboardInterrupt
        except KeyboardInterrupt:
            self.data_rng.set_state(step_start_rng[0])
            torch.set_rng_state(step_start_rng[1])
            self.optimizer.zero_grad(set_to_none=True)
            if self.dist.is_main:
                self.log(f"interrupted: saving step {self.step}")
            if self.step > 0 and read_pointer(self.run_dir, "latest") != step_name(self.step):
                self.save()
            raise
        finally:
            if metrics:
                metrics.close()
        return {"step": self.step, "loss": last_loss, "best_val_loss": self.best_val,
                "latest": read_pointer(self.run_dir, "latest")}

    def _eval_and_log(self, metrics):
        """Evaluate (every rank, the same fixed batches); True when this is the best so far."""
        val = self.evaluate()
        if val is None:
            return False
        improved = val < self.best_val
        self.best_val = min(self.best_val, val)
        if self.dist.is_main:
            self.log(f"eval step {self.step}: val loss {val:.4f}, perplexity {math.exp(min(val, 50)):.2f}"
                     + (" (best)" if improved else ""))
            metrics.write({"kind": "eval", "step": self.step, "val_loss": val,
                           "val_perplexity": math.exp(min(val, 50))})
        return improved

    def close(self):
        self.dist.close()


def _to_tuple(value):
    if isinstance(value, list):
        return tuple(_to_tuple(v) for v in value)
    return value


class _InterruptFlag:
    """SIGINT sets a flag; the loop finishes its step, saves and stops cleanly."""

    def __init__(self):
        self.flag = False
        self._previous = None

    def __enter__(self):
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread
            self._previous = None
        return self

    def _handle(self, signum, frame):
        if self.flag:  # second Ctrl-C: stop at once
            raise KeyboardInterrupt
        self.flag = True

    def __exit__(self, *exc):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
