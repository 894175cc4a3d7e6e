#!/usr/bin/env python3
"""Load run of `koe serve` (issue #27): GET /api/quotes on 127.0.0.1 only, a bounded number of requests from a few
client threads: unfiltered requests, every filter of `koe quotes` alone and combined (values read from /api/meta),
and searches with and without filters; prints searches per second, p50/p95/max latency per kind and errors.
Also times `koe quotes` (the CLI) unfiltered and filtered. The machine may be shared: say so with the numbers.

  python3 scripts/proof/serve_load.py --koe .build/release/koe --workspace out/bench/koe/koe.sqlite --requests 400
"""
import argparse
import http.client
import json
import statistics
import subprocess
import threading
import time
import urllib.parse

SEARCHES = ["バス", "保育園", "公園", "病院", "道路", "図書館", "防災", "学校", "観光", "商店街", "空き家", "子ども 遊び場"]
KINDS = ["unfiltered", "filters", "search", "search+filters"]


def params_for(i, meta):
    """The i-th request's query: a kind in turn, values spread over the workspace's own areas and segments."""
    kind = KINDS[i % len(KINDS)]
    pick = lambda values, k: values[(i // len(KINDS) + k) % len(values)] if values else ""
    areas = [a["code"] for a in meta["areas"]]
    filters = {}
    if kind in ("filters", "search+filters"):
        # One to three filters, rotating through area, age, gender, district, type, horizon.
        names = ["area", "age", "gender", "district", "type", "horizon"]
        values = {"area": areas, "age": meta["ages"], "gender": meta["genders"], "district": meta["districts"],
                  "type": meta["types"], "horizon": ["短期", "長期"]}
        for k in range(1 + (i // len(KINDS)) % 3):
            name = names[(i // len(KINDS) + 2 * k) % len(names)]
            filters[name] = pick(values[name], k)
    if kind in ("search", "search+filters"):
        filters["search"] = pick(SEARCHES, 0)
    filters["limit"] = "20"
    return kind, filters


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--koe", default=".build/release/koe")
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    server = subprocess.Popen([args.koe, "serve", "--workspace", args.workspace, "--read-only"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        url = urllib.parse.urlparse(server.stdout.readline().strip())
        assert url.hostname == "127.0.0.1", url
        token = urllib.parse.parse_qs(url.query)["token"][0]
        latencies, errors, lock, by_kind = [], [], threading.Lock(), {}
        conn = http.client.HTTPConnection("127.0.0.1", url.port, timeout=600)
        conn.request("GET", "/api/meta", headers={"X-Koe-Token": token})
        meta = json.loads(conn.getresponse().read())
        counter = iter(range(args.requests))

        def client():
            conn = http.client.HTTPConnection("127.0.0.1", url.port, timeout=600)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                kind, params = params_for(i, meta)
                query = urllib.parse.urlencode(params)
                start = time.perf_counter()
                conn.request("GET", "/api/quotes?" + query, headers={"X-Koe-Token": token})
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    by_kind.setdefault(kind, []).append(elapsed)
                    if response.status != 200 or not body.startswith(b'{"quotes":'):
                        errors.append((response.status, query, body[:160]))

        # Warm-up (first use of the tokenizer and caches), not counted.
        conn = http.client.HTTPConnection("127.0.0.1", url.port, timeout=600)
        conn.request("GET", "/api/quotes?limit=1&search=%E5%85%AC%E5%9C%92", headers={"X-Koe-Token": token})
        conn.getresponse().read()
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        print(f"requests {len(latencies)}  threads {args.threads}  wall {wall:.1f} s  searches/s {len(latencies) / wall:.1f}")
        for kind, values in [("all", latencies)] + sorted(by_kind.items()):
            values.sort()
            p95 = values[int(0.95 * (len(values) - 1))]
            print(f"  {kind:15s} n {len(values):4d}  p50 {statistics.median(values) * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms"
                  f"  max {values[-1] * 1000:6.0f} ms")
        print(f"errors {len(errors)}", errors[:3])
        for extra in [[], ["--age", meta["ages"][0]], ["--search", "公園"], ["--area", meta["areas"][0]["code"], "--limit", "100"]]:
            started = time.perf_counter()
            done = subprocess.run([args.koe, "quotes", "--workspace", args.workspace, "--format", "jsonl"] + extra,
                                  capture_output=True, text=True)
            lines = done.stdout.count("\n")
            print(f"koe quotes {' '.join(extra) or '(no filter)'}: {time.perf_counter() - started:.2f} s, exit {done.returncode}, {lines} quotes")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
