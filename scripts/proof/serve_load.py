#!/usr/bin/env python3
"""Load run of `koe serve` (issue #27): GET /api/quotes on 127.0.0.1 only, a bounded number of requests from a few
client threads with varied searches and filters; prints searches per second, p50/p95/max latency and errors.

  python3 scripts/proof/serve_load.py --koe .build/release/koe --workspace out/bench/koe/koe.sqlite --requests 400
"""
import argparse
import http.client
import statistics
import subprocess
import threading
import time
import urllib.parse

SEARCHES = ["バス", "保育園", "公園", "病院", "道路", "図書館", "防災", "学校", "観光", "商店街", "空き家"]
AREAS = ["", "", "子育て", "交通", "防災"]
AGES = ["", "", "30代", "60代"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--koe", default=".build/release/koe")
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--unfiltered", action="store_true", help="also send requests with no search word (ranks every opinion)")
    args = ap.parse_args()
    server = subprocess.Popen([args.koe, "serve", "--workspace", args.workspace, "--read-only"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        url = urllib.parse.urlparse(server.stdout.readline().strip())
        assert url.hostname == "127.0.0.1", url
        token = urllib.parse.parse_qs(url.query)["token"][0]
        latencies, errors, lock = [], [], threading.Lock()
        counter = iter(range(args.requests))

        def client():
            conn = http.client.HTTPConnection("127.0.0.1", url.port, timeout=600)
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                params = {"search": "" if args.unfiltered and i % 5 == 0 else SEARCHES[i % len(SEARCHES)], "area": AREAS[i % len(AREAS)], "age": AGES[(i // 3) % len(AGES)],
                          "limit": "20"}
                query = urllib.parse.urlencode({k: v for k, v in params.items() if v})
                start = time.perf_counter()
                conn.request("GET", "/api/quotes?" + query, headers={"X-Koe-Token": token})
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if response.status != 200 or not body.startswith(b'{"quotes":'):
                        errors.append((response.status, body[:120]))

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
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(f"requests {len(latencies)}  threads {args.threads}  wall {wall:.1f} s  searches/s {len(latencies) / wall:.1f}")
        print(f"latency ms: p50 {statistics.median(latencies) * 1000:.0f}  p95 {p95 * 1000:.0f}  max {latencies[-1] * 1000:.0f}")
        print(f"errors {len(errors)}", errors[:3])
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
