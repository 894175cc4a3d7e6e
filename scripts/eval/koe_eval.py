"""Shared helpers for koe's evaluation scripts: run `koe tag`, read its jsonl, read codebook area names."""
import json
import re
import subprocess
import sys


def run_koe_tag(koe, codebook, inputs, extra_args=()):
    """Runs `koe tag --codebook CODEBOOK INPUT...` and returns its stdout lines (jsonl)."""
    cmd = [koe, "tag", "--codebook", codebook, *extra_args, *inputs]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"koe tag failed (exit {proc.returncode}): {' '.join(cmd)}")
    return proc.stdout.splitlines()


def parse_jsonl(lines):
    """One dict per non-empty line; a line that is not a JSON object is an error naming its number."""
    out = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"line {number}: not JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise ValueError(f"line {number}: not a JSON object")
        out.append(obj)
    return out


def area_codes(record):
    """The area codes of a koe tag record: `areas` as strings or as objects with a `code`."""
    codes = []
    for a in record.get("areas") or []:
        codes.append(a.get("code") if isinstance(a, dict) else str(a))
    return codes


def codebook_names(path):
    """code -> name of every node of a YAML codebook (PyYAML when available, else a line scan)."""
    text = open(path, encoding="utf-8-sig").read()
    try:
        import yaml  # type: ignore

        names = {}

        def walk(nodes):
            for node in nodes or []:
                names[str(node["code"])] = str(node.get("name", node["code"]))
                walk(node.get("children"))

        walk(yaml.safe_load(text))
        return names
    except ImportError:
        names = {}
        code = None
        for line in text.splitlines():
            m = re.match(r"\s*-?\s*code:\s*\"?([^\"#]+?)\"?\s*$", line)
            if m:
                code = m.group(1)
                names[code] = code
                continue
            m = re.match(r"\s*name:\s*\"?([^\"#]+?)\"?\s*$", line)
            if m and code is not None:
                names[code] = m.group(1)
        return names
