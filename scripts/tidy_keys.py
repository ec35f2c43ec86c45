#!/usr/bin/env python3
"""Cache keys for scripts/tidy.sh: one line "<key> <file>" per source file given on stdin.

The key is a SHA-256 of what clang-tidy's answer for the file depends on: the clang-tidy version, the
checked-in .clang-tidy, the file's compile command (compile_commands.json), the file's text and the text
of every project header it includes (from ninja's dependency log of the last build). A file whose object
has no dependency record (not built yet) gets the key "-": it is always checked.

usage: tidy_keys.py BUILD_DIR SOURCE_DIR TIDY_VERSION < files
"""
import hashlib
import json
import os
import subprocess
import sys


def ninja_deps(build):
    """object path (relative to the build dir) -> list of dependency paths, from `ninja -t deps`."""
    try:
        out = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    deps, current = {}, None
    for line in out.splitlines():
        if not line.strip():
            current = None
        elif not line.startswith(" ") and ": #deps" in line:
            current = line.split(": #deps")[0]
            stale = "STALE" in line
            deps[current] = None if stale else []
        elif current is not None and deps[current] is not None:
            deps[current].append(line.strip())
    return deps


def object_of(entry):
    """The object file a compile command writes (its -o argument)."""
    if "output" in entry:
        return entry["output"]
    args = entry.get("arguments") or entry.get("command", "").split()
    for i, a in enumerate(args[:-1]):
        if a == "-o":
            return args[i + 1]
    return None


def main():
    build, source, version = sys.argv[1], os.path.realpath(sys.argv[2]), sys.argv[3]
    with open(os.path.join(build, "compile_commands.json"), encoding="utf-8") as f:
        entries = {os.path.realpath(os.path.join(e["directory"], e["file"])): e for e in json.load(f)}
    with open(os.path.join(source, ".clang-tidy"), "rb") as f:
        config = f.read()
    deps = ninja_deps(build)
    texts = {}

    def text_of(path):
        if path not in texts:
            try:
                with open(path, "rb") as f:
                    texts[path] = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                texts[path] = "missing"
        return texts[path]

    for name in sys.stdin.read().split():
        path = os.path.realpath(name)
        e = entries.get(path)
        obj = object_of(e) if e else None
        headers = deps.get(obj) if obj else None
        if e is None or headers is None:
            print("-", name)
            continue
        h = hashlib.sha256()
        for part in (version.encode(), config, e.get("command", " ".join(e.get("arguments", []))).encode()):
            h.update(part + b"\0")
        h.update(text_of(path).encode())
        for dep in sorted(headers):
            full = os.path.realpath(os.path.join(build, dep))
            if full.startswith(source + os.sep):  # system headers change only with packages (the version)
                h.update(full.encode() + b"=" + text_of(full).encode())
        print(h.hexdigest(), name)


if __name__ == "__main__":
    main()
