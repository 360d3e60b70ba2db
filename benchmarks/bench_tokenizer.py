"""Byte-level BPE: training time and encode speed, neuraflux (pure Python) vs HF `tokenizers`
(Rust, one thread) and a naive reference trainer, on Python's bundled docs and on the standard
library's docstrings. CPU seconds, single thread.

    python benchmarks/bench_tokenizer.py [--quick]
"""
import os
import re
import sys

os.environ.setdefault("RAYON_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from common import ROOT, cpu_time, machine_line, optional, print_table  # noqa: E402

from neuraflux.core.corpus import pydoc_text, stdlib_docstrings  # noqa: E402
from neuraflux.core.tokenizers import ByteBPETokenizer  # noqa: E402
from neuraflux.core.tokenizers.pattern import GPT4_PATTERN  # noqa: E402

SPECIALS = ("<|pad|>", "<|bos|>", "<|eos|>", "<|unk|>")


def hf_train(text, vocab_size):
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(GPT4_REGEX), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=0, special_tokens=list(SPECIALS),
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator([text], trainer=trainer)
    return tok


GPT4_REGEX = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+"""


def naive_train(text, vocab_size):
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from test_tokenizers import naive_merges

    return naive_merges(re.findall(GPT4_PATTERN, text), vocab_size - 256)


def main():
    quick = "--quick" in sys.argv
    corpora = {"pydoc topics": pydoc_text()}
    if not quick:
        corpora["stdlib docstrings"] = "\n\n".join(d.text for d in stdlib_docstrings(min_length=40))
    hf = optional("tokenizers")
    print(machine_line())
    rows = []
    for corpus_name, text in corpora.items():
        mb = len(text.encode("utf-8")) / 1e6
        for vocab in (1024, 4096):
            t_nf, tok = cpu_time(ByteBPETokenizer.train, text, vocab)
            tok._cache.clear()
            e_nf, ids = cpu_time(tok.encode, text)
            assert tok.decode(ids) == text
            row = [corpus_name, f"{mb:.2f}", vocab, f"{t_nf:.2f}", f"{mb / e_nf:.2f}"]
            if hf:
                t_hf, hft = cpu_time(hf_train, text, vocab)
                e_hf, _ = cpu_time(lambda: hft.encode(text).ids)
                row += [f"{t_hf:.2f}", f"{mb / e_hf:.2f}", f"{t_nf / t_hf:.2f}x", f"{(mb / e_nf) / (mb / e_hf):.2f}x"]
            else:
                row += ["not installed"] * 4
            rows.append(row)
    print_table("BPE training (CPU s) and encoding (MB/s), single thread",
                ["corpus", "MB", "vocab", "neuraflux train s", "neuraflux encode MB/s",
                 "HF train s", "HF encode MB/s", "train time vs HF", "encode speed vs HF"], rows)
    if not quick:
        text = corpora["pydoc topics"]
        t_naive, merges = cpu_time(naive_train, text, 512)
        t_fast, tok = cpu_time(ByteBPETokenizer.train, text, 512 + len(SPECIALS))
        same = [tuple(m) for m in tok.merges] == merges
        print_table("naive reference trainer (recount every pair each merge), pydoc topics, vocab 512",
                    ["trainer", "CPU s", "same merges"],
                    [["naive reference", f"{t_naive:.1f}", "-"], ["neuraflux incremental", f"{t_fast:.2f}", same]])


if __name__ == "__main__":
    main()
