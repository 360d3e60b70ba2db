"""`neuraflux eval qa`: answer a question set over documents and score the answers."""
import sys
import types

from ..core.errors import NeuraFluxError
from ..core.progress import Progress
from ..core.sampling import SamplingOptions
from . import emit_json


def eval_qa(args):
    from ..core.qa_eval import evaluate_qa, read_questions
    from .chat import build_rag

    if args.docs and args.index:
        raise NeuraFluxError("pass either --docs or --index, not both")
    if args.top_docs < 1:
        raise NeuraFluxError("--top-docs must be 1 or more")
    items = read_questions(args.qa)
    flags = types.SimpleNamespace(**vars(args), no_rag=False, system=None)
    rag, backend_name, source = build_rag(flags, lambda m: print(f"neuraflux: {m}", file=sys.stderr))
    options = SamplingOptions(temperature=0, max_new_tokens=args.max_new_tokens, repetition_penalty=1.0)
    bar = Progress("answering", total=len(items), unit="questions", enabled=not args.json)
    summary, rows = evaluate_qa(rag, items, options, mode=args.answer, k=args.top_docs, progress=bar.update)
    bar.close()
    retrieval = rag.retriever.resolve_mode(rag.mode) if rag.retriever is not None else "none"
    summary.update(mode=args.answer, backend=backend_name(), documents=source, retrieval=retrieval)
    if args.json:
        emit_json({"summary": summary, "questions": rows})
        return 0
    if args.show:
        for row in rows:
            mark = "ok " if row["correct"] else "NO "
            print(f"{mark} {row['question']}\n    {row['answer']}")
    k = args.top_docs
    print(f"{summary['questions']} questions ({summary['answerable']} answerable), {args.answer} answers, "
          f"{retrieval} retrieval, backend {summary['backend']}")
    print(f"  correct                {summary['correct']:.1%}")
    print(f"  correct, gold cited    {summary['correct_with_gold_cited']:.1%}")
    print(f"  token F1               {summary['f1']:.3f}")
    print(f"  attribution            {summary['attribution']:.1%}")
    print(f"  gold source hit@{k:<2}     {summary[f'hit@{k}']:.1%}")
    print(f"  abstained              {summary['abstain_rate']:.1%} (on answerable: {summary['abstain_on_answerable']:.1%})")
    print(f"  latency p50 / p95      {summary['latency_ms_p50']:.1f} / {summary['latency_ms_p95']:.1f} ms")
    return 0
