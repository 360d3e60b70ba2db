"""One module per group of CLI commands; each handler takes the parsed args."""
import json
import sys


def emit_json(obj):
    json.dump(obj, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
