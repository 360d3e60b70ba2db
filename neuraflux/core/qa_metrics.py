"""Scoring answers against references, SQuAD-style, and checking that answers are grounded.

Normalisation follows SQuAD's evaluation script (lower case, punctuation out, the articles
a/an/the dropped, whitespace collapsed) with two changes for text about code: punctuation
and symbols (any Unicode category P* or S* except the underscore: quotes, backticks, `~`)
become a space rather than vanishing, so
`pow(2,n)` stays three tokens, and `__call__` keeps its underscores.
`normalize_answer('The "pass" statement!')` -> `'pass statement'`.
"""
import re
import unicodedata
from collections import Counter

_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalize_answer(text):
    """Lower-cased text without punctuation, articles or extra whitespace."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(" " if ch != "_" and unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return " ".join(_ARTICLES.sub(" ", text).split())


def contains_phrase(text, phrase):
    """Whether normalised `phrase` occurs in normalised `text` on word boundaries; a phrase of
    symbols only ('"..."', "//"), which normalises to nothing, occurs verbatim (spacing aside)."""
    needle = normalize_answer(phrase)
    if not needle:
        symbols = " ".join(phrase.split())
        return bool(symbols) and symbols in " ".join(text.split())
    return f" {needle} " in f" {normalize_answer(text)} "


def token_f1(prediction, reference):
    """SQuAD token F1 of two strings: `token_f1('cat sat on mat', 'the cat sat')` -> 0.667
    (2 shared tokens: precision 2/4, recall 2/2)."""
    pred, ref = normalize_answer(prediction).split(), normalize_answer(reference).split()
    common = Counter(pred) & Counter(ref)
    same = sum(common.values())
    if not pred or not ref:
        return float(pred == ref)
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(ref)
    return 2 * precision * recall / (precision + recall)


def answer_correct(answer, references=(), facts=()):
    """Every fact group has a phrase in the answer, or (without facts) a reference is contained."""
    if facts:
        return all(any(contains_phrase(answer, phrase) for phrase in group) for group in facts)
    return any(contains_phrase(answer, ref) for ref in references)


def sentence_supported(sentence, passage, min_share=0.8):
    """Verbatim in `passage`, or at least `min_share` of its normalised tokens occur in it."""
    if " ".join(sentence.split()) in " ".join(passage.split()):
        return True
    tokens = normalize_answer(sentence).split()
    if not tokens:
        return True
    have = Counter(normalize_answer(passage).split())
    found = sum(min(n, have[t]) for t, n in Counter(tokens).items())
    return found / len(tokens) >= min_share
