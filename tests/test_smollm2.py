"""Opt-in (NEURAFLUX_TEST_SMOLLM2=1, after `neuraflux pull smollm2`): the real SmolLM2-135M-Instruct
GGUF end to end. Logits for a fixed ChatML prompt from both backends against `transformers`
loading the same file, the tokenizer against transformers' on the prompt, and a grounded chat
answer that cites its source."""
import os

import pytest

pytestmark = pytest.mark.skipif(os.environ.get("NEURAFLUX_TEST_SMOLLM2") != "1",
                                reason="opt-in: NEURAFLUX_TEST_SMOLLM2=1 (needs `neuraflux pull smollm2`)")
PROMPT = "<|im_start|>user\nWhich port does the server use?<|im_end|>\n<|im_start|>assistant\n"


@pytest.fixture(scope="module")
def reference():
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from neuraflux.core.models import resolve_model

    path = resolve_model("smollm2")
    model = transformers.AutoModelForCausalLM.from_pretrained(os.path.dirname(path), gguf_file=os.path.basename(path),
                                                              dtype=torch.float32).eval()
    tokenizer = transformers.AutoTokenizer.from_pretrained(os.path.dirname(path), gguf_file=os.path.basename(path))
    ids = tokenizer.encode(PROMPT, add_special_tokens=False)
    with torch.no_grad():
        logits = model(torch.tensor([ids])).logits[0, -1].tolist()
    return path, ids, logits


@pytest.mark.parametrize("backend_name", ["torch", "lite"])
def test_last_logits_equal_transformers(reference, backend_name):
    from neuraflux.core.backends import get_backend

    path, ids, want = reference
    model = get_backend(backend_name).load_llama(path)
    assert model.tokenizer.encode(PROMPT) == ids
    got = [float(v) for v in model.prefill(ids, model.new_cache())]
    assert max(abs(a - b) for a, b in zip(got, want)) < 1e-3


def test_grounded_chat_answer_cites_the_port(tmp_path, reference):
    import json

    from conftest import run_cli

    (tmp_path / "server.md").write_text("# Running the server\n\nThe Fluxo server listens on port 7431 by default.\n")
    out = run_cli("ask", "Which port does the Fluxo server listen on?", "--docs", str(tmp_path), "-m", reference[0],
                  "--answer", "generative", "-t", "0", "--json", "--backend", "torch")
    data = json.loads(out.stdout)
    assert "7431" in data["answer"] and data["sources"]
