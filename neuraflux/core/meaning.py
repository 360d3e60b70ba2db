"""Meaning without a model: how close a sentence is to a question when their words differ.

Two measures, each with the cosine it must reach to count (scales differ between them):
- the shipped static vectors (data/meaning, built by scripts/build_meaning_vectors.py from
  all-MiniLM-L6-v2): one row per word piece, a sentence is the sum of its pieces' rows. Pure
  Python, the same in both backends, a fraction of a millisecond a sentence;
- a sentence encoder's own vectors (an index built with --embed-model), where the backend runs
  it fast; closer to meaning, ~10 ms a sentence on torch.

The evidence ranking (evidence.similar_coverage) lets a unit that the measure finds close to the
question count as covering it ("How do I chop a known prefix off a string?" / "If the string
starts with the *prefix* string, return string[len(prefix):]").
"""
import math
import operator
import os
from dataclasses import dataclass
from functools import lru_cache

from .errors import CheckpointError
from .safetensors import load_file
from .tokenizers.wordpiece import WordPieceTokenizer

SHIPPED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "meaning")


@dataclass(frozen=True)
class SentenceSimilarity:
    """`measure(text, texts)` -> cosines; a unit counts as covering the question when its cosine
    reaches `threshold` and its words already cover `least_coverage` of the question's weight
    (chosen on the dev splits of benchmarks/qa for each measure)."""

    measure: object
    threshold: float
    least_coverage: float = 0.0
    name: str = ""

    def __call__(self, text, texts):
        return self.measure(text, texts)


ENCODER_THRESHOLD = 0.5  # all-MiniLM-L6-v2's cosines
STATIC_THRESHOLD, STATIC_LEAST_COVERAGE = 0.65, 0.25  # the static vectors are coarser: off-topic questions
# ("What is the boiling point of water?") come closer to unrelated sentences ("the water tank is empty")


ROWS_KEPT = 4096  # decoded rows cached (~2 KB each as floats): the common pieces, in bounded memory


def cosine(a, b):
    """Cosine of two vectors (0.0 where one is all zeros)."""
    norms = math.hypot(*a) * math.hypot(*b)
    return sum(map(operator.mul, a, b)) / norms if norms else 0.0


class StaticVectors:
    """The word-piece vectors of a folder holding vectors.safetensors ("codes": int8 rows,
    "scales": one float a row) and the vocab.txt of their word pieces."""

    def __init__(self, folder=SHIPPED):
        tensors, self.metadata = load_file(os.path.join(folder, "vectors.safetensors"))
        codes, scales = tensors["codes"], tensors["scales"]
        self.tokenizer = WordPieceTokenizer.load(os.path.join(folder, "vocab.txt"))
        self.rows, self.dims = codes.shape
        if codes.dtype != "I8" or scales.shape != (self.rows,) or self.tokenizer.vocab_size != self.rows:
            raise CheckpointError(f"{folder}: the vectors do not match the vocabulary")
        self._codes = memoryview(codes.data).cast("b")
        self._scales = scales.tolist()
        self._row = lru_cache(maxsize=ROWS_KEPT)(self._decode)

    def _decode(self, piece):
        """The piece's row as floats (None for a row of zeros)."""
        scale, start = self._scales[piece], piece * self.dims
        return [scale * c for c in self._codes[start:start + self.dims]] if scale else None

    def vector(self, text):
        """The sum of the rows of `text`'s word pieces (all zeros when none carries meaning)."""
        total = [0.0] * self.dims
        for piece in self.tokenizer.encode(text)[1:-1]:
            row = self._row(piece)
            if row is not None:
                total = list(map(operator.add, total, row))
        return total

    def similarity(self, text, texts):
        first = self.vector(text)
        return [cosine(first, self.vector(other)) for other in texts]


@lru_cache(maxsize=1)
def shipped_vectors():
    """The shipped StaticVectors (None where they are missing)."""
    if not os.path.exists(os.path.join(SHIPPED, "vectors.safetensors")):
        return None
    return StaticVectors(SHIPPED)


@lru_cache(maxsize=1)
def shipped_similarity():
    """The SentenceSimilarity of the shipped static vectors (None where they are missing)."""
    vectors = shipped_vectors()
    if vectors is None:
        return None
    return SentenceSimilarity(vectors.similarity, STATIC_THRESHOLD, STATIC_LEAST_COVERAGE, "static")


def word_closeness(word, other):
    """How close two words are in meaning: the cosine of their shipped static vectors (0.0 where
    the vectors are missing)."""
    vectors = shipped_vectors()
    return cosine(vectors.vector(word), vectors.vector(other)) if vectors is not None else 0.0


def encoder_similarity(embedder):
    """The SentenceSimilarity of a sentence encoder's vectors."""

    def measure(text, texts):
        first, *others = embedder([text, *texts])
        return [cosine(first, vector) for vector in others]

    return SentenceSimilarity(measure, ENCODER_THRESHOLD, 0.0, "encoder")
