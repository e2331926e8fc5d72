#!/usr/bin/env python3
"""MIRROR implementation (PyTorch, Python) of Longview's SASRec and GRU4Rec networks in
longview-deep (SasRecNet, Gru4RecNet, SequenceTrainer): same layers, windows, loss (full softmax
cross-entropy), Adam (0.9, 0.98, eps 1e-9), early stopping on the held-out last training item.
It is NOT Longview's JVM code: it exists because DJL cannot use the GPU here (no DJL CUDA native
library for libtorch 2.7.1 on the mirror). It measures seconds per training epoch on the GPU
against the same script on the CPU, and (mirror) P2 valid/test NDCG@10, to see whether the
architecture can beat the non-sequential models and which settings to carry to the JVM.

Usage: seq_train_time.py --data DIR (holding ml-100k/u.data and/or ml-latest-small/ratings.csv)
       [--budget SECONDS] [--out results.json]
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(data_dir, name):
    rows = []
    if name == "ml-100k":
        with open(os.path.join(data_dir, "ml-100k", "u.data")) as f:
            for line in f:
                u, i, r, t = line.split("\t")
                rows.append((u, i, int(t)))
    else:
        with open(os.path.join(data_dir, "ml-latest-small", "ratings.csv")) as f:
            next(f)
            for line in f:
                u, i, r, t = line.strip().split(",")
                rows.append((u, i, int(t)))
    by_user = {}
    for u, i, t in rows:
        by_user.setdefault(u, []).append((t, i))
    users = sorted(u for u in by_user if len(by_user[u]) >= 5)
    items = sorted({i for u in users for _, i in by_user[u]})
    index = {i: k for k, i in enumerate(items)}
    seqs = []
    for u in users:
        ev = sorted((t, index[i]) for t, i in by_user[u])  # time, then dense item
        seqs.append([i for _, i in ev])
    # P2: last = test, second last = valid, rest = train
    train = [s[:-2] for s in seqs]
    valid = [s[-2] for s in seqs]
    test = [s[-1] for s in seqs]
    return train, valid, test, len(items)


def windows(train, L):
    ins, tgs = [], []
    for s in train:
        part = s[:-1] if len(s) >= 3 else s
        m = len(part)
        end = m - 1
        while end >= 1:
            frm = max(1, end - L + 1)
            w = end - frm + 1
            a = [0] * L
            b = [0] * L
            for k in range(w):
                a[L - w + k] = part[frm - 1 + k] + 1
                b[L - w + k] = part[frm + k] + 1
            ins.append(a)
            tgs.append(b)
            end -= L
    return torch.tensor(ins, dtype=torch.long), torch.tensor(tgs, dtype=torch.long)


class SasRec(nn.Module):
    def __init__(self, V, d, layers, heads, L, p):
        super().__init__()
        self.d, self.h, self.L, self.p = d, heads, L, p
        self.items = nn.Parameter(torch.randn(V, d) * 0.02)
        self.pos = nn.Parameter(torch.randn(L, d) * 0.02)
        self.blocks = nn.ModuleList()
        for _ in range(layers):
            m = nn.ModuleDict(dict(ln1=nn.LayerNorm(d, eps=1e-8), q=nn.Linear(d, d), k=nn.Linear(d, d),
                                   v=nn.Linear(d, d), o=nn.Linear(d, d), ln2=nn.LayerNorm(d, eps=1e-8),
                                   f1=nn.Linear(d, d), f2=nn.Linear(d, d)))
            for n in ("q", "k", "v", "o", "f1", "f2"):
                nn.init.xavier_uniform_(m[n].weight)
                nn.init.zeros_(m[n].bias)
            self.blocks.append(m)
        self.ln = nn.LayerNorm(d, eps=1e-8)

    def forward(self, rows):
        B, L = rows.shape
        keep = (rows != 0).float().unsqueeze(2)
        x = F.embedding(rows, self.items) * math.sqrt(self.d) + self.pos[-L:]
        x = F.dropout(x, self.p, self.training) * keep
        future = torch.triu(torch.full((L, L), -1e9, device=rows.device), 1)
        mask = (rows == 0).float().mul(-1e9).view(B, 1, 1, L) + future.view(1, 1, L, L)
        hd = self.d // self.h
        split = lambda t: t.view(B, L, self.h, hd).transpose(1, 2)
        for m in self.blocks:
            q = m["ln1"](x)
            a = (split(m["q"](q)) @ split(m["k"](x)).transpose(2, 3)) / math.sqrt(hd) + mask
            a = F.dropout(a.softmax(-1), self.p, self.training)
            ctx = (a @ split(m["v"](x))).transpose(1, 2).reshape(B, L, self.d)
            x = q + F.dropout(m["o"](ctx), self.p, self.training)
            f = m["ln2"](x)
            h = F.dropout(F.relu(m["f1"](f)), self.p, self.training)
            h = F.dropout(m["f2"](h), self.p, self.training)
            x = (f + h) * keep
        return self.ln(x)


class Gru4Rec(nn.Module):
    def __init__(self, V, d, layers, L, p):
        super().__init__()
        self.p = p
        self.items = nn.Parameter(torch.randn(V, d) * 0.02)
        self.gru = nn.GRU(d, d, layers, batch_first=True, dropout=p if layers > 1 else 0)

    def forward(self, rows):
        x = F.dropout(F.embedding(rows, self.items), self.p, self.training)
        h, _ = self.gru(x)
        return F.dropout(h, self.p, self.training)


def left_pad(seqs, L, device):
    out = torch.zeros(len(seqs), L, dtype=torch.long)
    for b, s in enumerate(seqs):
        s = s[-L:]
        if s:
            out[b, L - len(s):] = torch.tensor(s) + 1
    return out.to(device)


@torch.no_grad()
def ndcg_at_10(model, contexts, targets, excluded, L, device):
    model.eval()
    total, n = 0.0, len(contexts)
    for b0 in range(0, n, 512):
        ctx = contexts[b0:b0 + 512]
        h = model(left_pad(ctx, L, device))[:, -1, :]
        scores = (h @ model.items.T)[:, 1:].float()
        for r in range(len(ctx)):
            ex = excluded[b0 + r]
            t = targets[b0 + r]
            if t in ex:
                continue
            s = scores[r].clone()
            s[list(ex)] = -float("inf")
            rank = int((s > s[t]).sum().item())
            if rank < 10:
                total += 1.0 / math.log2(rank + 2)
    model.train()
    return total / n


def train(arch, data, cfg, device, max_epochs, log=True, time_only=False):
    train_s, valid, test, items = data
    torch.manual_seed(42)
    L = cfg["max_len"]
    X, Y = windows(train_s, L)
    X, Y = X.to(device), Y.to(device)
    V = items + 1
    if arch == "sasrec":
        model = SasRec(V, cfg["dim"], cfg["layers"], cfg["heads"], L, cfg["dropout"]).to(device)
    else:
        model = Gru4Rec(V, cfg["dim"], cfg["layers"], L, cfg["dropout"]).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.98), eps=1e-9)
    inner = [u for u, s in enumerate(train_s) if len(s) >= 3]
    inner_ctx = [train_s[u][:-1] for u in inner]
    inner_tg = [train_s[u][-1] for u in inner]
    inner_ex = [set(c) for c in inner_ctx]
    g = torch.Generator().manual_seed(42)
    best, best_epoch, best_state, epoch_times = -1.0, 0, None, []
    for epoch in range(1, max_epochs + 1):
        if device.type == "cuda":
            torch.cuda.synchronize()
        t0 = time.time()
        order = torch.randperm(len(X), generator=g).to(device)
        tot = 0.0
        nb = 0
        for b0 in range(0, len(X), cfg["batch"]):
            idx = order[b0:b0 + cfg["batch"]]
            rows, tg = X[idx], Y[idx].reshape(-1)
            h = model(rows).reshape(-1, cfg["dim"])
            real = tg != 0
            logits = h[real] @ model.items.T
            loss = F.cross_entropy(logits, tg[real])
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += loss.item()
            nb += 1
        if device.type == "cuda":
            torch.cuda.synchronize()
        epoch_times.append(time.time() - t0)
        if time_only:
            continue
        v = ndcg_at_10(model, inner_ctx, inner_tg, inner_ex, L, device)
        if log:
            print(f"  {arch} epoch {epoch}: loss {tot / nb:.4f} inner-valid ndcg@10 {v:.4f} ({epoch_times[-1]:.2f} s)", flush=True)
        if v > best:
            best, best_epoch = v, epoch
            best_state = {k: t.detach().clone() for k, t in model.state_dict().items()}
        elif epoch - best_epoch >= cfg["patience"]:
            break
    result = {"epoch_seconds": epoch_times, "epochs": len(epoch_times)}
    if time_only:
        return result
    model.load_state_dict(best_state)
    # P2 valid: context = train, exclude train; P2 test: context = train (the model is not refit),
    # exclude train + valid (as Longview's evaluator does).
    result["best_epoch"] = best_epoch
    result["inner_valid_ndcg10"] = best
    result["p2_valid_ndcg10"] = ndcg_at_10(model, train_s, valid, [set(s) for s in train_s], L, device)
    result["p2_test_ndcg10"] = ndcg_at_10(model, train_s, test, [set(s) | {v} for s, v in zip(train_s, valid)], L, device)
    result["p2_test_ndcg10_with_valid_context"] = ndcg_at_10(
        model, [s + [v] for s, v in zip(train_s, valid)], test, [set(s) | {v} for s, v in zip(train_s, valid)], L, device)
    return result


def save(path, out):
    with open(path, "w") as f:
        json.dump(out, f, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--budget", type=float, default=420)
    ap.add_argument("--out", default="seq_results.json")
    args = ap.parse_args()
    start = time.time()
    gpu = torch.device("cuda") if torch.cuda.is_available() else None
    cpu = torch.device("cpu")
    print(f"torch {torch.__version__}, cuda {torch.cuda.is_available()}, "
          f"{torch.cuda.get_device_name(0) if gpu else 'no gpu'}, cpu threads {torch.get_num_threads()}", flush=True)
    base = dict(dim=64, layers=2, heads=1, max_len=50, dropout=0.2, lr=0.001, batch=64, patience=10)
    gru = dict(base, layers=1)
    out = {"note": "MIRROR implementation in Python PyTorch, not Longview's JVM code", "timing": [], "quality": []}
    datasets = {n: load(args.data, n) for n in ("ml-100k", "ml-latest-small")
                if os.path.exists(os.path.join(args.data, n))}
    # 1. Seconds per epoch, GPU vs CPU (all cores, and 1 thread), Longview's default settings.
    for name, data in datasets.items():
        for arch, cfg in (("sasrec", base), ("gru4rec", gru)):
            row = {"data": name, "arch": arch, "config": cfg}
            if gpu:
                r = train(arch, data, cfg, gpu, 4, time_only=True)
                row["gpu_epoch_s"] = sorted(r["epoch_seconds"][1:])[len(r["epoch_seconds"][1:]) // 2]
            threads = torch.get_num_threads()
            r = train(arch, data, cfg, cpu, 2, time_only=True)
            row[f"cpu{threads}_epoch_s"] = r["epoch_seconds"][-1]
            torch.set_num_threads(1)
            r = train(arch, data, cfg, cpu, 1, time_only=True)
            row["cpu1_epoch_s"] = r["epoch_seconds"][-1]
            torch.set_num_threads(threads)
            print("timing", json.dumps(row), flush=True)
            out["timing"].append(row)
            save(args.out, out)
    # 2. Quality on GPU with early stopping: a small sweep on ml-100k chosen by P2 valid.
    dev = gpu or cpu
    sweep = []
    for arch, cfg in (("sasrec", base), ("gru4rec", gru)):
        for drop in (0.2, 0.5):
            for L in (50, 200):
                sweep.append((arch, dict(cfg, dropout=drop, max_len=L)))
    best = {}
    for arch, cfg in sweep:
        for name in ("ml-100k", "ml-latest-small"):
            if name not in datasets or time.time() - start > args.budget:
                continue
            r = train(arch, datasets[name], cfg, dev, 200, log=False)
            row = {"data": name, "arch": arch, "config": cfg, **{k: v for k, v in r.items() if k != "epoch_seconds"},
                   "epoch_s": sum(r["epoch_seconds"]) / len(r["epoch_seconds"])}
            print("quality", json.dumps(row), flush=True)
            out["quality"].append(row)
            save(args.out, out)
    print(f"done in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
