"""Choose the evidence and extractive-answer weights by measurement, on the dev splits only.

Coordinate search: each weight in turn tries the values listed below while the others stay
fixed, keeping the best number of answers correct with the gold source cited over all the
question files (ties: the current value). The default files are the Python-docs dev splits: dev
(written first), dev2, dev3 and dev5 to dev18 (each measured once before it was tuned on; dev3 in the
forms the others lack: yes/no, "How do I…", "Why…", "What error…"; dev6 over the small topics the
others ask little about; dev7 and dev8 in fresh everyday wording over many topics; dev9 over the
small object, literal and display topics; dev10 task-style, over string and dict methods; the others
are described in benchmarks/qa/README.md); it searches Python's documentation only, so the
own-documents sets are not among its files. Last run (2026-12-03, one round, dev to dev10): 239 -> 240 of 308 with
scaffold_weight 0, within noise; not taken. In the fourth stop of 2026-12-04 a one-step sweep of 16
weights over all the sets tuned on, own-documents folders included (a scratch script over the same
helpers bench_answers.py uses), found the current values best: 2418 of 2877.
Prints each accepted change and the final settings; paste those into core/evidence/tuning.py's
Tuning and core/extractive.py's ExtractiveOptions. (The Python-docs dev split has few factoid
questions: the answer-type weights were chosen on it together with benchmarks/qa/own_docs,
own_docs2 and own_docs3; own_docs_heldout was looked at later for question types, and
own_docs_heldout2 was not tuned on.)

    python benchmarks/tune_answers.py [--qa FILE.jsonl …] [--rounds 2]
"""
import argparse
import dataclasses
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from common import python_docs_dev_splits  # noqa: E402

from neuraflux.core.evidence import Tuning  # noqa: E402
from neuraflux.core.extractive import ExtractiveOptions  # noqa: E402
from neuraflux.core.knowledge import ensure_default_index  # noqa: E402
from neuraflux.core.qa_eval import evaluate_qa, read_questions  # noqa: E402
from neuraflux.core.rag import NanoRAG  # noqa: E402
from neuraflux.core.retrieval.retriever import Retriever  # noqa: E402

GRID = {
    "scaffold_weight": [0.0, 0.1, 0.25, 0.5, 1.0],
    "context_weight": [0.25, 0.5, 0.75, 1.0],
    "rank_decay": [0.0, 0.1, 0.15, 0.3, 0.6],
    "heading_bonus": [0.0, 0.5, 1.0, 2.0, 4.0],
    "first_bonus": [0.0, 0.25, 0.5, 1.0, 2.0],
    "second_bonus": [0.0, 0.1, 0.25],
    "subject_bonus": [0.0, 0.2, 0.5, 1.0],
    "subject_window": [3, 6, 10],
    "short_penalty": [0.0, 0.3, 0.5, 0.8],
    "intro_penalty": [0.0, 0.3, 0.6],
    "version_note_penalty": [0.0, 0.5, 0.8],
    "window_chars": [0, 200, 400, 800],
    "lead_units": [0, 3, 6],
    "min_coverage": [0.3, 0.4, 0.5, 0.6, 0.7],
    "keep_ratio": [0.5, 0.75, 0.9, 1.01],
    "max_units": [1, 2, 3],
    "b": [0.0, 0.3, 0.5, 0.75],
    "k1": [0.6, 1.2, 2.0],
    "near_chars": [200, 600, 2000, None],
    "topic_bonus": [0.0, 0.25, 0.5, 1.0, 2.0, 4.0],
    "synonym_weight": [0.0, 0.25, 0.5, 1.0],
    "code_bonus": [0.0, 0.5, 1.0, 2.0],
    "defines_bonus": [0.0, 0.25, 0.5, 1.0],
    "named_coverage": [0.0, 0.5],
    "named_row_bonus": [0.5, 1.0, 2.0],
    "unknown_name_weight": [1.0, 3.0],
    "which_weight": [1.0, 2.0, 3.0, 4.0],
    "answer_type_bonus": [0.0, 0.25, 0.5, 1.0],
    "answer_type_coverage": [0.0, 0.1, 0.2],
    "prefer_typed": [False, True],
    "footnote_penalty": [0.0, 0.25, 0.5, 0.75],
    "help_line_penalty": [0.0, 0.5, 0.8],
}


def score(retriever, question_sets, tuning, extractive):
    """(answers correct with the gold source cited (or rightly abstaining), summed over the sets; hit@3 of each)."""
    rag = NanoRAG(retriever=retriever, load_model=lambda: None, top_k=3, mode="bm25", tuning=tuning,
                  extractive=extractive)
    correct, hits = 0, []
    for items in question_sets:
        summary, _ = evaluate_qa(rag, items)
        correct += round(summary["correct_with_gold_cited"] * summary["questions"])
        hits.append(f"{summary['hit@3']:.3f}")
    return correct, "/".join(hits)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    qa = os.path.join(os.path.dirname(__file__), "qa")
    parser.add_argument("--qa", nargs="+", default=[os.path.join(qa, f"python_docs_{name}.jsonl")
                                                    for name in python_docs_dev_splits()])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    retriever = Retriever(ensure_default_index(progress=False))
    question_sets = [read_questions(path) for path in args.qa]
    tuning, extractive = Tuning(), ExtractiveOptions()
    best, hits = score(retriever, question_sets, tuning, extractive)
    print(f"start: {best} correct with gold cited, hit@3 {hits}")
    for round_number in range(args.rounds):
        for name, values in GRID.items():
            for value in values:
                target = tuning if hasattr(tuning, name) else extractive
                trial = dataclasses.replace(target, **{name: value})
                result, hits = score(retriever, question_sets, trial if target is tuning else tuning,
                                     trial if target is extractive else extractive)
                if result > best:
                    best = result
                    if target is tuning:
                        tuning = trial
                    else:
                        extractive = trial
                    print(f"round {round_number + 1}: {name} = {value} -> {best} (hit@3 {hits})")
    print("final:", best)
    print(tuning)
    print(extractive)


if __name__ == "__main__":
    main()
