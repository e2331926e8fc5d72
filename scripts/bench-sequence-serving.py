# Latency of POST /api/v1/recommend with 3 session items: a server with "sequenceModel" (port 18931)
# against one without (18932) on the same demo shop, requests interleaved; first 100 of 400 discarded.
# Steps: BENCHMARKS.md, "Serving a sequential model".
import json, time, urllib.request, random
def call(port, items):
    body = json.dumps({"userId": "visitor", "n": 10, "context": {"sessionItems": items}}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/recommend", body, {"Content-Type": "application/json"})
    t = time.perf_counter(); r = urllib.request.urlopen(req).read(); return time.perf_counter() - t, r
rnd = random.Random(1)
lat = {18931: [], 18932: []}
for k in range(400):
    items = [f"i{rnd.randint(1,80):04d}" for _ in range(3)]
    for port in ([18931, 18932] if k % 2 else [18932, 18931]):
        dt, r = call(port, items)
        if k >= 100: lat[port].append(dt)
    if k == 0: assert b'"sequence"' in call(18931, items)[1] and b'"sequence"' not in call(18932, items)[1]
for p, v in lat.items():
    v.sort(); print(p, "with sequence" if p == 18931 else "without", "median %.2f ms p95 %.2f ms" % (1000*v[len(v)//2], 1000*v[int(len(v)*.95)]))
