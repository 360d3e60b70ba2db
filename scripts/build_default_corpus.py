"""Write the default model's training corpus: Python's bundled documentation and the standard
library's docstrings (raw text), plus question-answering examples in NanoRAG's prompt format
made from the same text (a passage, a distractor, a question about the passage's title, and
the passage's opening sentence as the answer).

    python scripts/build_default_corpus.py OUT_DIR
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from neuraflux.core.corpus import pydoc_topics, stdlib_docstrings  # noqa: E402
from neuraflux.core.prompt import format_prompt  # noqa: E402
from neuraflux.core.retrieval.chunking import chunk_spans  # noqa: E402

QUESTIONS = ["What is {}?", "What does {} do?", "Tell me about {}.", "How does {} work?", "Explain {}.",
             "What is {} used for?"]


def first_sentences(text, limit=220):
    flat = " ".join(re.sub(r"[*=~^-]{3,}", " ", text).split())
    sentences = re.split(r"(?<=[.!?])\s+", flat)
    answer = ""
    for sentence in sentences:
        if answer and len(answer) + len(sentence) > limit:
            break
        answer = f"{answer} {sentence}".strip()
    return answer[:limit * 2]


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(0)
    topics = pydoc_topics()
    docstrings = stdlib_docstrings(min_length=40)
    passages = []
    for doc in topics:
        for start, end in chunk_spans(doc.text, 100, 0):
            passages.append((doc.title, doc.text[start:end]))
    for doc in docstrings:
        for start, end in chunk_spans(doc.text, 100, 0)[:2]:
            passages.append((doc.title, doc.text[start:end]))
    with open(os.path.join(out_dir, "docs.jsonl"), "w", encoding="utf-8") as handle:
        for doc in topics + docstrings:
            handle.write(json.dumps({"id": doc.doc_id, "title": doc.title, "text": doc.text}) + "\n")
    with open(os.path.join(out_dir, "qa.jsonl"), "w", encoding="utf-8") as handle:
        for number, (title, text) in enumerate(passages):
            answer = first_sentences(text)
            if len(answer) < 20:
                continue
            shown = [(title, text), rng.choice(passages)]
            rng.shuffle(shown)
            question = rng.choice(QUESTIONS).format(title)
            example = format_prompt(shown, question) + " " + answer
            handle.write(json.dumps({"id": f"qa-{number}", "text": example}) + "\n")
    print(f"wrote {out_dir}/docs.jsonl ({len(topics) + len(docstrings)} documents) and qa.jsonl")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/default-corpus")
