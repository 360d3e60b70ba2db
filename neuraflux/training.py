"""`neuraflux.train(...)`: a whole training run from Python, as `neuraflux train` runs it.

Tokenizer (trained on the documents unless given), token files, the run folder's rules (refuse an
existing run unless `resume` or `overwrite`), DDP when launched by torchrun, then the Trainer.
Needs the torch backend.
"""
import os

from .core.backends import get_backend
from .core.config import NanoConfig, preset
from .core.errors import NeuraFluxError
from .core.runs import clear_run, existing_run


def train(docs, out, config=None, *, tokenizer=None, vocab_size=None, val_docs=None, resume=False, overwrite=False,
          threads=None, include=None, exclude=None, log=print, on_skip=None, **settings):
    """Train a model on `docs` (files or folders) into the run folder `out`; returns the summary
    dict ({"step", "best_val_loss", "latest"}).

    `config`: a NanoConfig or a preset name (default "small"); its vocab_size follows the
    tokenizer. `tokenizer`: a Tokenizer or a tokenizer.json path. Other keywords are
    TrainSettings fields (max_steps, batch_size, lr, eval_interval, device, dtype, seed, ...).
    """
    from .core.data import prepare_dataset
    from .core.documents import read_texts
    from .core.tokenizers import Tokenizer, load_tokenizer, train_tokenizer

    backend = get_backend("torch")  # a clear error with the install hint when torch is missing
    from .torch_backend.train import Distributed, Trainer, TrainSettings, distributed_env

    if isinstance(docs, (str, os.PathLike)):
        docs = [docs]
    config = preset(config or "small") if not isinstance(config, NanoConfig) else config
    env = distributed_env()
    rank = env[0] if env else 0
    check_run_folder(out, resume, overwrite, clear=rank == 0)
    if threads:
        backend.set_threads(threads)
    os.makedirs(out, exist_ok=True)
    tokenizer_path = os.path.join(out, "tokenizer.json")
    quiet = rank != 0
    say = (lambda *a, **k: None) if quiet else log
    seed = settings.get("seed", TrainSettings.seed)
    # every process joins the group first, then waits at a barrier while rank 0 prepares the data (a
    # rank left waiting inside gloo's rendezvous while the other trained the tokenizer was seen to abort)
    dist = Distributed(settings.get("device", "auto")) if env else None
    if rank == 0:
        documents = read_texts(docs, on_skip=on_skip, include=include, exclude=exclude)
        held_out = read_texts(val_docs, on_skip=on_skip, include=include, exclude=exclude) if val_docs else None
        if isinstance(tokenizer, Tokenizer):
            chosen = tokenizer
        elif tokenizer:
            chosen = load_tokenizer(tokenizer)
        elif os.path.isfile(tokenizer_path) and resume:
            chosen = load_tokenizer(tokenizer_path)
        else:
            vocab = vocab_size or config.vocab_size
            say(f"training a {vocab}-token BPE tokenizer on {len(documents)} documents")
            chosen = train_tokenizer([d.text for d in documents], vocab, progress=True)
        chosen.save(tokenizer_path)
        prepare_dataset(os.path.join(out, "data"), documents, chosen, seed=seed, val_docs=held_out)
    if dist:
        dist.barrier()
    tokenizer = load_tokenizer(tokenizer_path)
    config = config.replace(vocab_size=max(vocab_size or 0, tokenizer.vocab_size))  # room for every token id
    trainer = Trainer(config, tokenizer, os.path.join(out, "data"), out, TrainSettings(resume=resume, **settings),
                      log=say)
    try:
        return trainer.train()
    finally:
        trainer.close()


def check_run_folder(out, resume, overwrite, clear=True):
    """Refuse to train over an existing run unless resuming or overwriting (then clear it)."""
    if resume and overwrite:
        raise NeuraFluxError("resume and overwrite exclude each other: continue the run, or start it over")
    previous = existing_run(out)
    if previous and not (resume or overwrite):
        raise NeuraFluxError(f"{out} already holds a training run ({', '.join(previous[:4])}"
                             f"{', ...' if len(previous) > 4 else ''}); pass --resume to continue it, or "
                             "--overwrite to start over (its checkpoints and metrics.jsonl are deleted)")
    if previous and overwrite and clear:
        clear_run(out)
