#!/usr/bin/env bash
# Functions longer than a limit (default 80 lines) in C++ sources outside tests, longest first:
#   scripts/long_functions.sh [LIMIT] [DIR...]      (default: 80 src bench fuzz)
# A brace counter, not a parser: a definition is a line that opens a block whose text since the last
# `;`, `}` or `{` holds a `(` and does not start with a control keyword, class, struct, namespace,
# enum or union; its length runs to the matching `}`. Lambdas inside a function count towards it.
# Comments, strings, character literals and preprocessor lines (with their `\` continuations) are skipped,
# so a macro definition — an X-macro list such as ORIENTIR_APP_ENTITIES, a macro that expands to a
# specialisation — is not taken for a function. Prints "LINES FILE:LINE NAME" and a total.
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT="${1:-80}"
shift || true
DIRS=("$@")
[ ${#DIRS[@]} -gt 0 ] || DIRS=(src bench fuzz)
find "${DIRS[@]}" \( -name '*.cpp' -o -name '*.hpp' \) ! -name '*_test.cpp' ! -name '*_pgtest.cpp' 2>/dev/null |
  sort | python3 -c '
import re, sys
limit = int(sys.argv[1])
skip = re.compile(r"^\s*(if|for|while|switch|catch|do|else|try|class|struct|namespace|enum|union|return|extern)\b")
found = []
for path in sys.stdin.read().split():
    text = open(path, encoding="utf-8", errors="replace").read()
    # Blank out comments and literals, keeping newlines so line numbers stay right.
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "#" and text[text.rfind("\n", 0, i) + 1:i].strip() == "":
            j = i
            while True:
                e = text.find("\n", j); e = n if e < 0 else e
                if e > 0 and text[e - 1] == "\\" and e < n:
                    j = e + 1; continue
                break
            out.append("\n" * text.count("\n", i, e)); i = e
        elif text.startswith("//", i):
            j = text.find("\n", i); j = n if j < 0 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2); j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j)); i = j
        elif text.startswith("R\"", i):
            m = re.match(r"R\"([^(]*)\(", text[i:])
            end = ")" + (m.group(1) if m else "") + "\""
            j = text.find(end, i); j = n if j < 0 else j + len(end)
            out.append("\"\"" + "\n" * text.count("\n", i, j)); i = j
        elif c in "\"'"'"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c); i = j + 1
        else:
            out.append(c); i += 1
    code = "".join(out)
    line, depth, head, stack = 1, 0, "", []
    for ch in code:
        if ch == "\n":
            line += 1
            head += " "
        elif ch == "{":
            h = " ".join(head.split())
            is_fn = "(" in h and not skip.match(h) and not stack and not h.endswith("=")
            if is_fn:
                name = h.split("(")[0].split()[-1] if h.split("(")[0].split() else "?"
                stack.append((depth, line, name))
            depth += 1
            head = ""
        elif ch == "}":
            depth -= 1
            if stack and stack[-1][0] == depth:
                d, start, name = stack.pop()
                length = line - start + 1
                if length > limit:
                    found.append((length, path, start, name))
            head = ""
        elif ch == ";":
            head = ""
        else:
            head += ch
found.sort(key=lambda f: -f[0])
for length, path, start, name in found:
    print(f"{length:5d} {path}:{start} {name}")
print(f"{len(found)} functions over {limit} lines")
' "$LIMIT"
