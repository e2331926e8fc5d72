#!/usr/bin/env python3
"""Markdown tables from `longview lab run --json` outputs of the same tau (policies merged).

usage: lab-table.py FILE.json [FILE.json ...]
"""
import json, sys

METRICS = ["dau", "d1Retention", "d7Retention", "d30Retention", "engagement", "ctr",
           "returnGap", "churned", "diversity", "satisfaction", "clickbait",
           "stageNew", "stageActivating", "stageActive", "stageAtRisk", "stageLoyal"]
ORDER = ["random", "popular", "myopic", "longview"]

def fmt(m, s):
    if s is None or s["mean"] is None:
        return "n/a"
    v, lo, hi = s["mean"], s["lo"], s["hi"]
    if m == "engagement":
        return f"{v/1000:.1f}k [{lo/1000:.1f}, {hi/1000:.1f}]"
    if abs(v) >= 100:
        return f"{v:.1f} [{lo:.1f}, {hi:.1f}]"
    if m == "returnGap":
        return f"{v:.2f} [{lo:.2f}, {hi:.2f}]"
    return f"{v:.3f} [{lo:.3f}, {hi:.3f}]"

policies, per_seed, secs = {}, {}, []
for f in sys.argv[1:]:
    d = json.load(open(f))
    policies.update(d["policies"]); per_seed.update(d["perSeed"]); secs.append((f, d["seconds"]))
    head = d
names = [p for p in ORDER if p in policies]
print(f"({head['users']} users, {head['days']} days, {head['seeds']} seeds, tau = {head['sensitivity']}; "
      + ", ".join(f"{f.split('/')[-1]}: {s:.0f} s" for f, s in secs) + ")\n")
print("| metric | " + " | ".join(names) + " |")
print("|---|" + "---|" * len(names))
for m in METRICS:
    print(f"| {m} | " + " | ".join(fmt(m, policies[p].get(m)) for p in names) + " |")
if "myopic" in policies and "longview" in policies:
    a, b = policies["myopic"], policies["longview"]
    d30 = (b["d30Retention"]["mean"] / a["d30Retention"]["mean"] - 1) * 100
    eng = (b["engagement"]["mean"] / a["engagement"]["mean"] - 1) * 100
    overlap = not (b["d30Retention"]["lo"] > a["d30Retention"]["hi"] or a["d30Retention"]["lo"] > b["d30Retention"]["hi"])
    diffs = [l["d30Retention"] - m["d30Retention"] for l, m in zip(per_seed["longview"], per_seed["myopic"])]
    print(f"\nlongview vs myopic: D30 retention {d30:+.1f}% relative (95% intervals "
          f"{'overlap' if overlap else 'do not overlap'}); engagement {eng:+.1f}%; per-seed D30 "
          "differences (longview - myopic): " + ", ".join(f"{x:+.3f}" for x in diffs))
