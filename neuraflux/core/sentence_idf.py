"""Term weights for a small collection, read from its sentences as well as its passages.

idf over passages says little when a folder holds a handful of them: most words are in most
passages ("stalls" and "ticket" both in two of three), so a question's words weigh nearly alike.
Counted over the collection's units (sentences, list items, table rows) the same words part
again: "stalls" is in two units of forty, "ticket" in nine.
"""
from .retrieval.bm25 import smoothed_idf

SENTENCE_SHARE = 0.75  # of a word's weight read from the sentences, the rest from the passages (dev sets)


class SentenceIdf:
    """A term's weight: SENTENCE_SHARE of its idf over the units of every document
    (bm25.smoothed_idf), scaled so that a term no unit uses weighs what `passage_idf` gives a term
    no passage uses, and the rest its `passage_idf`. `None` gives the largest weight, as the index
    does. `units_of(doc_id)` gives (text, units, terms of each unit), as evidence.DocumentUnits does."""

    def __init__(self, doc_ids, units_of, passage_idf, share=SENTENCE_SHARE):
        counts, total = {}, 0
        for doc_id in doc_ids:
            _, units, terms = units_of(doc_id)
            for i in range(len(units)):
                total += 1
                for term in set(terms[i]):
                    counts[term] = counts.get(term, 0) + 1
        self.counts, self.total, self.passage_idf, self.share = counts, total, passage_idf, share
        self.scale = passage_idf(None) / smoothed_idf(total, 0)

    def __call__(self, term):
        count = self.counts.get(term, 0) if term is not None else 0
        sentences = smoothed_idf(self.total, count) * self.scale
        return self.share * sentences + (1 - self.share) * self.passage_idf(term)
