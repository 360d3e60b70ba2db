"""`neuraflux serve`: an OpenAI-compatible HTTP server (standard library only) with a web page.

One engine thread owns the RAG pipeline (the model, the index's SQLite connection): requests
become jobs in a bounded queue, so generation runs one at a time and a full queue is a 429.
Request threads parse and validate, stream the engine's pieces back (Server-Sent Events), and
cancel their job when the client goes away. Every request body is size-limited and must arrive
within a deadline; every error is OpenAI's JSON shape `{"error": {"message", "type", "code"}}`.
"""
import hmac
import json
import math
import os
import queue
import socket
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .core.errors import NeuraFluxError
from .core.sampling import SamplingOptions

MAX_BODY = 1024 * 1024
REQUEST_DEADLINE_S = 20.0  # default: headers and body must arrive within this (slow clients are cut off)
MAX_CONNECTIONS = 64
MAX_TOKENS_CAP = 4096
PAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "web", "index.html")
ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error",
               408: "invalid_request_error", 413: "invalid_request_error", 429: "rate_limit_error",
               500: "server_error", 503: "server_error"}

_LOG_LOCK = threading.Lock()  # request lines come from several handler threads


class RequestError(Exception):
    """A request that gets an error response: HTTP status, message and OpenAI error code."""

    def __init__(self, status, message, code=None):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


# -- the engine: one thread owns the model and the index -------------------------------------
@dataclass
class Job:
    kind: str  # "chat" | "completion" | "embeddings"
    params: dict
    out: queue.Queue = field(default_factory=queue.Queue)
    cancel: threading.Event = field(default_factory=threading.Event)


class Engine:
    """Runs jobs one at a time in its own thread; `build()` -> (rag, description) runs there too."""

    def __init__(self, build, max_queue=8):
        self.jobs = queue.Queue(maxsize=max_queue)
        self.ready = threading.Event()
        self.error = None
        self.rag, self.description = None, {}
        self._embed = None
        self.thread = threading.Thread(target=self._run, args=(build,), name="neuraflux-engine", daemon=True)
        self.thread.start()

    def submit(self, job):
        if not self.ready.is_set():
            raise RequestError(503, "the model is still loading; retry in a moment", "model_loading")
        if self.error:
            raise RequestError(503, f"the model failed to load: {self.error}", "model_unavailable")
        try:
            self.jobs.put_nowait(job)
        except queue.Full:
            raise RequestError(429, f"the server is busy ({self.jobs.maxsize} requests waiting); retry later",
                               "server_busy") from None
        return job

    def stop(self):
        try:
            self.jobs.put_nowait(None)
        except queue.Full:
            pass

    def _run(self, build):
        try:
            self.rag, self.description = build()
        except Exception as exc:  # reported through /health and every request
            self.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        finally:
            self.ready.set()
        if self.error:
            return
        while True:
            job = self.jobs.get()
            if job is None:
                return
            if job.cancel.is_set():
                continue
            try:
                getattr(self, "_" + job.kind)(job)
            except NeuraFluxError as exc:
                job.out.put(("error", RequestError(400, str(exc))))
            except Exception as exc:  # a bug: the request gets a 500, the server stays up
                job.out.put(("error", RequestError(500, f"{type(exc).__name__}: {exc}")))

    def _stream(self, job, pieces):
        """Pass pieces on as they come when the client streams; otherwise hand over the whole
        text at the end (no thread hand-off per token)."""
        streaming, kept = job.params.get("stream", False), []
        for piece in pieces:
            if job.cancel.is_set():
                pieces.close()  # stops generation: the client has gone
                return False
            if piece and streaming:
                job.out.put(("piece", piece))
            elif piece:
                kept.append(piece)
        if kept:
            job.out.put(("piece", "".join(kept)))
        return True

    def _chat(self, job):
        p = job.params
        default_system = self.rag.system
        self.rag.system = p.get("system") or default_system  # a request's system message, for this answer
        try:
            pieces = self.rag.stream(p["question"], p["options"], p["history"], mode=p.get("answer_mode"),
                                     retrieval=p["retrieval"])
            if not self._stream(job, pieces):
                return
        finally:
            self.rag.system = default_system
        answer = self.rag.last
        sources = [dict(h.source(), text=h.text) for h in answer.sources]
        job.out.put(("done", {"text": answer.text, "sources": sources, "mode": answer.mode,
                              "citations": [c.to_dict() for c in answer.citations], "abstained": answer.abstained,
                              "prompt_tokens": answer.prompt_tokens or _count(self.rag, p["question"]),
                              "completion_tokens": answer.stats.new_tokens or _count(self.rag, answer.text)}))

    def _completion(self, job):
        from .core.generation import GenerationStats, stream_text

        model = self.rag.model
        stats = GenerationStats()
        pieces = stream_text(model, model.tokenizer, job.params["prompt"], job.params["options"], stats=stats,
                             ignore_eos=job.params["ignore_eos"])
        if not self._stream(job, pieces):
            return
        job.out.put(("done", {"prompt_tokens": stats.prompt_tokens, "completion_tokens": stats.new_tokens,
                              "finish_reason": "length" if stats.new_tokens >= job.params["options"].max_new_tokens
                              else "stop"}))

    def _embedder(self):
        """The index's sentence encoder, else the model's states; made once (it hashes the model)."""
        if self._embed is None:
            retriever = self.rag.retriever
            self._embed = getattr(retriever, "embedder", None) if retriever is not None else None
            if self._embed is None:
                from .core.retrieval.retriever import Embedder

                self._embed = Embedder(self.rag.model)
        return self._embed

    def _embeddings(self, job):
        embedder = self._embedder()
        texts = job.params["input"]
        vectors = embedder(texts)
        job.out.put(("done", {"vectors": vectors, "model": getattr(embedder, "identity", "lm"),
                              "prompt_tokens": sum(_count(self.rag, t) for t in texts)}))


def _count(rag, text):
    """Tokens of `text` for `usage` (the model's tokenizer when loaded, else words)."""
    model = rag._model
    if model is not None and model.tokenizer is not None:
        return len(model.tokenizer.encode(text))
    return len(text.split())


# -- request validation: OpenAI's fields, checked ------------------------------------------------
def _number(body, name, default, low, high, above=None):
    value = body.get(name, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RequestError(400, f"'{name}' must be a number", "invalid_type")
    if (above is not None and not value > above) or not low <= value <= high:
        raise RequestError(400, f"'{name}' must be in [{low}, {high}], got {value}", "invalid_value")
    return value


def sampling_from_body(body, defaults):
    max_tokens = body.get("max_tokens", body.get("max_completion_tokens", defaults.max_new_tokens))
    if max_tokens is None:
        max_tokens = defaults.max_new_tokens
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or not 1 <= max_tokens <= MAX_TOKENS_CAP:
        raise RequestError(400, f"'max_tokens' must be an integer from 1 to {MAX_TOKENS_CAP}", "invalid_value")
    stop = body.get("stop") or []
    if isinstance(stop, str):
        stop = [stop]
    if not isinstance(stop, list) or len(stop) > 4 or not all(isinstance(s, str) for s in stop):
        raise RequestError(400, "'stop' must be a string or a list of up to 4 strings", "invalid_value")
    seed = body.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise RequestError(400, "'seed' must be an integer", "invalid_type")
    return defaults.replace(temperature=_number(body, "temperature", defaults.temperature, 0, 2),
                            top_p=_number(body, "top_p", defaults.top_p, 0, 1, above=0),
                            max_new_tokens=max_tokens, stop=tuple(stop), seed=seed)


def chat_params(body, defaults):
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise RequestError(400, "'messages' must be a non-empty list", "invalid_value")
    system, history, pending = None, [], None
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("system", "user", "assistant"):
            raise RequestError(400, f"messages[{i}] must be an object with role system, user or assistant",
                               "invalid_value")
        content = message.get("content")
        if isinstance(content, list):  # [{"type": "text", "text": ...}, ...]
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        if not isinstance(content, str):
            raise RequestError(400, f"messages[{i}].content must be a string", "invalid_type")
        role = message["role"]
        if role == "system":
            system = content
        elif role == "user":
            pending = content
        elif pending is not None:
            history.append((pending, content))
            pending = None
    if messages[-1].get("role") != "user" or not pending or not pending.strip():
        raise RequestError(400, "the last message must be the user's question", "invalid_value")
    extra = body.get("neuraflux") if isinstance(body.get("neuraflux"), dict) else {}
    retrieval = body.get("retrieval", extra.get("retrieval", True))
    if not isinstance(retrieval, bool):
        raise RequestError(400, "'retrieval' must be true or false", "invalid_type")
    answer_mode = body.get("answer_mode", extra.get("answer_mode"))
    if answer_mode is not None and answer_mode not in ("extractive", "grounded", "generative"):
        raise RequestError(400, "'answer_mode' must be extractive, grounded or generative", "invalid_value")
    return {"question": pending, "history": history, "system": system, "retrieval": retrieval,
            "answer_mode": answer_mode, "options": sampling_from_body(body, defaults)}


# -- HTTP ------------------------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    server_version = "neuraflux"
    protocol_version = "HTTP/1.0"  # one request per connection: streams end when the connection does

    def setup(self):
        super().setup()
        self.connection.settimeout(self.server.request_deadline)
        self._started = time.perf_counter()
        self._status, self._tokens = 0, 0
        self._deadline = threading.Timer(self.server.request_deadline, self._cut_off)
        self._deadline.daemon = True
        self._deadline.start()

    def _cut_off(self):
        """A client that has not sent its whole request in time is disconnected (slowloris)."""
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def finish(self):
        self._deadline.cancel()
        try:
            super().finish()
        finally:
            self.server.connections.release()

    def log_message(self, format, *args):  # replaced by one line per request in _log
        pass

    def _log(self):
        path = getattr(self, "path", "?")
        ms = 1000 * (time.perf_counter() - self._started)
        line = f"{getattr(self, 'command', '?')} {path} {self._status} {self._tokens} tokens {ms:.0f} ms\n"
        with _LOG_LOCK:  # one whole line at a time: print() writes the text and its newline apart
            sys.stderr.write(line)
            sys.stderr.flush()

    # -- responses ---------------------------------------------------------------------------
    def _send_json(self, status, obj, headers=()):
        data = json.dumps(obj).encode("utf-8")
        self._status = status
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error(self, error):
        headers = [("Retry-After", "1")] if error.status in (429, 503) else []
        if error.status == 401:
            headers.append(("WWW-Authenticate", "Bearer"))
        self._send_json(error.status, {"error": {"message": error.message, "type": ERROR_TYPES.get(error.status,
                                                 "server_error"), "code": error.code, "param": None}}, headers)

    def _dispatch(self, routes):
        try:
            path = self.path.split("?", 1)[0]
            handler = routes.get(path)
            if handler is None:
                raise RequestError(404, f"no route {self.command} {path}", "not_found")
            handler()
        except RequestError as error:
            self._deadline.cancel()
            try:
                self._send_error(error)
            except OSError:
                pass
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self._status = self._status or 499
        except Exception as exc:  # a bug: one 500 response, the server stays up
            try:
                self._send_error(RequestError(500, f"{type(exc).__name__}: {exc}"))
            except OSError:
                pass
        finally:
            self._log()

    def do_GET(self):
        self._deadline.cancel()
        self._dispatch({"/": self._page, "/index.html": self._page, "/health": self._health,
                        "/v1/models": self._models})

    def do_POST(self):
        self._dispatch({"/v1/chat/completions": self._chat, "/v1/completions": self._completions,
                        "/v1/embeddings": self._embeddings})

    # -- plumbing ---------------------------------------------------------------------------
    def _authorize(self):
        key = self.server.api_key
        if not key:
            return
        given = self.headers.get("Authorization", "")
        if not given.startswith("Bearer ") or not hmac.compare_digest(given[7:].strip().encode(), key.encode()):
            raise RequestError(401, "invalid or missing API key (send Authorization: Bearer KEY)", "invalid_api_key")

    def _body(self):
        self._authorize()
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            raise RequestError(400, "a JSON body with a Content-Length header is required", "missing_body")
        if int(length) > MAX_BODY:
            self.close_connection = True
            raise RequestError(413, f"the request body is over {MAX_BODY:,} bytes", "request_too_large")
        raw = self.rfile.read(int(length))
        self._deadline.cancel()
        if len(raw) < int(length):
            raise RequestError(400, "the request body ended early", "incomplete_body")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise RequestError(400, "the request body is not valid JSON", "invalid_json") from None
        if not isinstance(body, dict):
            raise RequestError(400, "the request body must be a JSON object", "invalid_json")
        if body.get("model") is not None and not isinstance(body.get("model"), str):
            raise RequestError(400, "'model' must be a string", "invalid_type")
        stream = body.get("stream", False)
        if not isinstance(stream, bool):
            raise RequestError(400, "'stream' must be true or false", "invalid_type")
        return body

    def _page(self):
        try:
            with open(PAGE, "rb") as handle:
                data = handle.read()
        except OSError:
            raise RequestError(404, "the web page is not installed", "not_found") from None
        self._status = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _health(self):
        engine = self.server.engine
        if not engine.ready.is_set():
            self._send_json(503, {"status": "loading"}, [("Retry-After", "1")])
        elif engine.error:
            self._send_json(503, {"status": "error", "message": engine.error})
        else:
            self._send_json(200, {"status": "ok", **engine.description})

    def _models(self):
        self._authorize()
        self._send_json(200, {"object": "list", "data": [{"id": self.server.model_id, "object": "model",
                                                          "created": self.server.created, "owned_by": "neuraflux"}]})

    def _run_job(self, kind, params, stream, chunk, final):
        """Submit a job and answer with its result, or stream its pieces as SSE."""
        job = self.server.engine.submit(Job(kind, dict(params, stream=stream)))
        if not stream:
            pieces, result = [], None
            while result is None:
                event = self._next(job)
                if event[0] == "piece":
                    pieces.append(event[1])
                else:
                    result = event[1]
            self._tokens = result.get("completion_tokens", 0)
            self._send_json(200, final("".join(pieces), result, False))
            return
        self._status = 200
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            first = True
            while True:
                event = self._next(job)
                if event[0] == "piece":
                    self._sse(chunk(event[1], first))
                    first = False
                else:
                    self._tokens = event[1].get("completion_tokens", 0)
                    self._sse(final(None, event[1], True))
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                    return
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
            job.cancel.set()  # the client went away: generation stops at the next token
            self._status = 499
        except RequestError as error:
            self._sse({"error": {"message": error.message, "type": ERROR_TYPES.get(error.status), "code": error.code}})

    def _next(self, job):
        try:
            event = job.out.get(timeout=self.server.job_timeout)
        except queue.Empty:
            job.cancel.set()
            raise RequestError(503, "the request waited too long for the model", "timeout") from None
        if event[0] == "error":
            raise event[1]
        return event

    def _sse(self, obj):
        self.wfile.write(b"data: " + json.dumps(obj).encode("utf-8") + b"\n\n")
        self.wfile.flush()

    # -- endpoints ---------------------------------------------------------------------------
    def _chat(self):
        body = self._body()
        params = chat_params(body, self.server.defaults)
        ident, created, model = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time()), self.server.model_id

        def chunk(piece, first):
            delta = {"role": "assistant", "content": piece} if first else {"content": piece}
            return {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}

        def final(text, result, streaming):
            usage = {"prompt_tokens": result["prompt_tokens"], "completion_tokens": result["completion_tokens"],
                     "total_tokens": result["prompt_tokens"] + result["completion_tokens"]}
            extra = {"sources": result["sources"], "citations": result["citations"], "answer_mode": result["mode"],
                     "abstained": result["abstained"]}
            if streaming:
                return {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": usage, **extra}
            return {"id": ident, "object": "chat.completion", "created": created, "model": model,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text.strip()},
                                 "finish_reason": "stop"}], "usage": usage, **extra}

        self._run_job("chat", params, body.get("stream", False), chunk, final)

    def _completions(self):
        body = self._body()
        prompt = body.get("prompt")
        if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
            prompt = prompt[0]
        if not isinstance(prompt, str) or not prompt:
            raise RequestError(400, "'prompt' must be a non-empty string", "invalid_value")
        ignore_eos = body.get("ignore_eos", False)  # as llama.cpp's server offers, for timing
        if not isinstance(ignore_eos, bool):
            raise RequestError(400, "'ignore_eos' must be true or false", "invalid_type")
        params = {"prompt": prompt, "options": sampling_from_body(body, self.server.defaults),
                  "ignore_eos": ignore_eos}
        ident, created, model = f"cmpl-{uuid.uuid4().hex[:24]}", int(time.time()), self.server.model_id

        def chunk(piece, first):
            return {"id": ident, "object": "text_completion", "created": created, "model": model,
                    "choices": [{"index": 0, "text": piece, "finish_reason": None, "logprobs": None}]}

        def final(text, result, streaming):
            usage = {"prompt_tokens": result["prompt_tokens"], "completion_tokens": result["completion_tokens"],
                     "total_tokens": result["prompt_tokens"] + result["completion_tokens"]}
            return {"id": ident, "object": "text_completion", "created": created, "model": model,
                    "choices": [{"index": 0, "text": "" if streaming else text,
                                 "finish_reason": result["finish_reason"], "logprobs": None}], "usage": usage}

        self._run_job("completion", params, body.get("stream", False), chunk, final)

    def _embeddings(self):
        body = self._body()
        texts = body.get("input")
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not texts or len(texts) > 256 or \
                not all(isinstance(t, str) and t for t in texts):
            raise RequestError(400, "'input' must be a non-empty string or a list of up to 256 of them",
                               "invalid_value")
        job = self.server.engine.submit(Job("embeddings", {"input": texts}))
        result = self._next(job)[1]
        self._tokens = result["prompt_tokens"]
        self._send_json(200, {"object": "list", "model": self.server.model_id,
                              "data": [{"object": "embedding", "index": i, "embedding": v}
                                       for i, v in enumerate(result["vectors"])],
                              "usage": {"prompt_tokens": result["prompt_tokens"],
                                        "total_tokens": result["prompt_tokens"]}})


class Server(ThreadingHTTPServer):
    """A ThreadingHTTPServer with a cap on open connections (beyond it: an immediate 503)."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, engine, model_id, defaults, api_key=None, job_timeout=600.0,
                 request_deadline=REQUEST_DEADLINE_S):
        super().__init__(address, Handler)
        self.engine, self.model_id, self.defaults, self.api_key = engine, model_id, defaults, api_key
        self.request_deadline = request_deadline
        self.job_timeout = job_timeout
        self.created = int(time.time())
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address):
        if not self.connections.acquire(blocking=False):
            try:
                body = json.dumps({"error": {"message": "too many open connections", "type": "server_error",
                                             "code": "too_many_connections"}}).encode()
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                b"Retry-After: 1\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def handle_error(self, request, client_address):  # a dropped connection is not worth a traceback
        pass


def is_loopback(host):
    return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")


def run(build, host="127.0.0.1", port=8000, api_key=None, model_id="neuraflux", defaults=None, max_queue=8,
        request_deadline=REQUEST_DEADLINE_S, log=print):
    """Serve until Ctrl-C; `build()` -> (NanoRAG, description dict) runs in the engine thread."""
    if not is_loopback(host) and not api_key:
        log(f"warning: listening on {host} without --api-key: anyone who can reach this machine can use it")
    engine = Engine(build, max_queue=max_queue)
    server = Server((host, port), engine, model_id, defaults or SamplingOptions(), api_key,
                    request_deadline=request_deadline)
    bound_host, bound_port = server.server_address[:2]
    log(f"neuraflux serve: http://{bound_host}:{bound_port}/ (OpenAI API at /v1; Ctrl-C stops)")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        log("neuraflux serve: stopping")
    finally:
        engine.stop()
        server.server_close()
    return 0
