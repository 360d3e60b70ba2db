"""Write a held-out evaluation text for the default model: docstrings from the parts of the
standard library its training corpus leaves out (idlelib), up to N bytes.

    python scripts/held_out_text.py OUT.txt [MAX_BYTES]
"""
import ast
import os
import sys
import sysconfig


def main(out, max_bytes=8000):
    root = os.path.join(sysconfig.get_paths()["stdlib"], "idlelib")
    parts, total = [], 0
    for name in sorted(os.listdir(root)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(root, name), encoding="utf-8") as handle:
            try:
                tree = ast.parse(handle.read())
            except SyntaxError:
                continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
                doc = ast.get_docstring(node)
                if doc and len(doc) > 80:
                    parts.append(doc)
                    total += len(doc)
        if total >= max_bytes:
            break
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n\n".join(parts)[:max_bytes])
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 8000)
