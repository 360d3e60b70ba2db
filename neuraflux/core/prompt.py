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


# The chat formats instruction-tuned models are trained on, told apart by a marker their template
# strings contain (no template engine: the message layout is fixed per family). Generation stops at
# the tokenizer's end token, which for these models is the turn's closing token.
CHAT_FORMATS = {
    "chatml": {"marker": "<|im_start|>", "open": "<|im_start|>{role}\n", "close": "<|im_end|>\n"},
    "llama3": {"marker": "<|start_header_id|>", "open": "<|start_header_id|>{role}<|end_header_id|>\n\n",
               "close": "<|eot_id|>"},
}


def chat_format(template):
    """The chat format ("chatml", "llama3") a model's template string describes, or None (plain)."""
    if isinstance(template, str):
        for name, spec in CHAT_FORMATS.items():
            if spec["marker"] in template:
                return name
    return None


def is_chatml(template):
    """Whether a model's chat template is ChatML (<|im_start|>role ... <|im_end|>)."""
    return chat_format(template) == "chatml"


def format_chat(kind, passages, question, system=None, turns=()):
    """The same content as `format_prompt`, as a conversation in the chat format `kind`, ending
    where the assistant starts to answer (for instruction-tuned models)."""
    spec = CHAT_FORMATS[kind]

    def block(role, text):
        return spec["open"].format(role=role) + text.strip() + spec["close"]

    out = [block("system", system or CHATML_SYSTEM)]  # BOS, where a model has one, comes from its tokenizer
    for q, a in turns:
        out += [block("user", q), block("assistant", a)]
    user = question.strip()
    if passages:
        sources = "\n".join(format_passage(i, t, x) for i, (t, x) in enumerate(passages, 1))
        user = f"Sources:\n{sources}\n\nQuestion: {user}"
    out.append(block("user", user))
    return "".join(out) + spec["open"].format(role="assistant")


def format_chatml(passages, question, system=None, turns=()):
    """`format_chat` in ChatML (SmolLM2-Instruct and others)."""
    return format_chat("chatml", passages, question, system, turns)
