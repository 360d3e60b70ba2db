"""The text format NanoRAG speaks: numbered context passages, the question, then "Answer:".

One definition, used both to build prompts at answer time (core/rag.py) and to make the
question-answering examples the default model is trained on (scripts/build_default_corpus.py).
"""


def format_passage(number, title, text):
    title = (title or "").strip()
    body = " ".join(text.split())
    return f"[{number}] {title}: {body}" if title else f"[{number}] {body}"


def format_prompt(passages, question, system=None):
    """passages: list of (title, text) in the order shown; returns the prompt text."""
    parts = []
    if system:
        parts.append(system.strip() + "\n\n")
    if passages:
        parts.append("Context:\n" + "\n".join(format_passage(i, t, x) for i, (t, x) in enumerate(passages, 1)) + "\n\n")
    parts.append(f"Question: {question.strip()}\nAnswer:")
    return "".join(parts)


def format_turns(turns, question):
    """Earlier (question, answer) turns of a chat, before the current question."""
    return "".join(f"Question: {q.strip()}\nAnswer: {a.strip()}\n\n" for q, a in turns)


CHATML_SYSTEM = ("Answer the question from the numbered sources when they hold the answer, briefly, and say "
                 "which source you used as [n].")


def is_chatml(template):
    """Whether a model's chat template is ChatML (<|im_start|>role ... <|im_end|>)."""
    return isinstance(template, str) and "<|im_start|>" in template


def format_chatml(passages, question, system=None, turns=()):
    """The same content as `format_prompt`, as a ChatML conversation ending where the assistant
    starts to answer (for instruction-tuned models such as SmolLM2-Instruct)."""
    def block(role, text):
        return f"<|im_start|>{role}\n{text.strip()}<|im_end|>\n"

    out = [block("system", system or CHATML_SYSTEM)]
    for q, a in turns:
        out += [block("user", q), block("assistant", a)]
    user = question.strip()
    if passages:
        sources = "\n".join(format_passage(i, t, x) for i, (t, x) in enumerate(passages, 1))
        user = f"Sources:\n{sources}\n\nQuestion: {user}"
    out.append(block("user", user))
    return "".join(out) + "<|im_start|>assistant\n"
