"""The CLI: import reports a bad CSV row by line and keeps nothing of that file; export → restore
round-trips every record; version and migrate work."""
import json
import os
import subprocess
import sys
import tempfile


def run(binary, *args, check=True):
    return subprocess.run([binary, *args], capture_output=True, text=True, check=check)


def main(binary):
    d = tempfile.mkdtemp(prefix="orientir-cli-")
    assert run(binary, "version").stdout.startswith("orientir ")
    assert "schema version" in run(binary, "migrate", "--data", d).stdout
    run(binary, "import", "--data", d, "demo")

    csv = os.path.join(d, "values.csv")
    # Windows-1251, semicolons, a bad value on line 3.
    with open(csv, "wb") as f:
        f.write("indicator;region;year;value;source\nvol_per_1000;72;2030;12,5;тест\nvol_per_1000;72;2031;много;тест\n"
                .encode("cp1251"))
    bad = run(binary, "import", "--data", d, "indicator_values", csv, check=False)
    assert bad.returncode != 0
    assert "line 3" in bad.stderr, bad.stderr
    exported = run(binary, "export", "--data", d, "-").stdout
    values_2030 = [l for l in exported.splitlines() if '"year":2030' in l]
    assert not values_2030, "a row of the failed file was stored"

    with open(csv, "wb") as f:
        f.write("indicator;region;year;value;source\nvol_per_1000;72;2030;12,5;тест\n".encode("cp1251"))
    ok = run(binary, "import", "--data", d, "indicator_values", csv)
    assert "imported 1" in ok.stdout, ok.stdout

    dump = os.path.join(d, "dump.jsonl")
    run(binary, "export", "--data", d, dump)
    d2 = tempfile.mkdtemp(prefix="orientir-cli-restore-")
    run(binary, "restore", "--data", d2, dump)
    again = run(binary, "export", "--data", d2, "-").stdout

    def records(text):
        return sorted((r["kind"], r["id"], json.dumps(r["body"], ensure_ascii=False, sort_keys=True))
                      for r in map(json.loads, text.splitlines()))
    a, b = records(open(dump).read()), records(again)
    assert a == b, f"round trip differs: {len(a)} vs {len(b)} records"
    print(f"OK: {len(a)} records round-tripped")


if __name__ == "__main__":
    main(sys.argv[1])
