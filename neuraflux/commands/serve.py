"""`neuraflux serve`: the OpenAI-compatible server and web page over the chat pipeline."""
import os
import sys


def add_parsers(sub):
    from .chat import _chat_flags
    from .options import integer, number

    p = sub.add_parser("serve", help="an OpenAI-compatible HTTP server with a web chat page")
    _chat_flags(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (other than loopback: use --api-key)")
    p.add_argument("--port", type=integer(0, 65535), default=8000, help="port (0: any free one)")
    p.add_argument("--api-key", default=os.environ.get("NEURAFLUX_API_KEY"),
                   help="require `Authorization: Bearer KEY` on the API (default: $NEURAFLUX_API_KEY)")
    p.add_argument("--max-queue", type=integer(1, 1000), default=8,
                   help="requests that may wait for the model; more get 429")
    p.add_argument("--request-timeout", type=number(0.1, 3600), default=20.0,
                   help="seconds a client has to send its whole request (slow ones are disconnected)")


def serve(args):
    from ..server import run
    from .chat import _check, build_rag
    from .options import sampling_from_args

    _check(args)
    defaults = sampling_from_args(args)

    def log(message):
        print(message, file=sys.stderr, flush=True)

    def build():
        rag, backend_name, source = build_rag(args, lambda m: log(f"neuraflux: {m}"))
        rag.model  # load now, not on the first request: /health says "ok" once every endpoint can answer
        return rag, {"backend": backend_name(), "documents": source, "answer_mode": rag.answer_mode}

    model_id = os.path.basename(os.path.normpath(args.model)) if args.model else "neuraflux-default"
    return run(build, host=args.host, port=args.port, api_key=args.api_key, model_id=model_id, defaults=defaults,
               max_queue=args.max_queue, request_deadline=args.request_timeout, log=log)
