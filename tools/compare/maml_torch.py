#!/usr/bin/env python3
"""The meta-training loop of mlbench, in PyTorch on one CPU thread, for comparison.

Same shapes as Sources/mlbench/MetaLearningBench.swift: 2,000 items, embedding 32, user state 32
(adapted), MLP 64-64 on [item embedding, user state] (adapted), MSE on ratings, support 20,
query 20, one inner step (SGD, rate 0.01), meta-batch 32, Adam (1e-3) outside.

Prints one line per algorithm, `<name> <tasks per second>`:
  maml2    MAML, exact second-order meta-gradient (autograd.grad with create_graph=True)
  maml1    first-order MAML (inner gradients detached)
  reptile  Reptile: one SGD step on every parameter per task, θ ← θ + β(mean θ' − θ)
Run with OMP_NUM_THREADS=1; the script also calls torch.set_num_threads(1). Timed in process CPU
time (best of three rounds), like mlbench.
"""
import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

ITEMS, EMBEDDING, USER, HIDDEN = 2000, 32, 32, (64, 64)
SUPPORT, QUERY, BATCH, INNER_RATE, REPTILE_RATE = 20, 20, 32, 0.01, 0.5


def make_parameters(generator):
    """Item embeddings (global) and the adapted list [u, W1, b1, W2, b2, w3, b3]."""
    embeddings = (torch.randn(ITEMS, EMBEDDING, generator=generator) * 0.1).requires_grad_()
    adapted = [(torch.randn(USER, generator=generator) * 0.1)]
    fan_in = EMBEDDING + USER
    for width in HIDDEN + (1,):
        bound = fan_in ** -0.5
        shape = (fan_in, width) if width > 1 else (fan_in,)
        adapted.append((torch.rand(*shape, generator=generator) * 2 - 1) * bound)
        adapted.append((torch.rand(width if width > 1 else (), generator=generator) * 2 - 1) * bound)
        fan_in = width
    return embeddings, [p.requires_grad_() for p in adapted]


def scores(embeddings, adapted, items):
    u, w1, b1, w2, b2, w3, b3 = adapted
    x = torch.cat([embeddings[items], u.expand(items.shape[0], -1)], dim=1)
    h = torch.relu(x @ w1 + b1)
    h = torch.relu(h @ w2 + b2)
    return h @ w3 + b3


def make_tasks(count, generator):
    """Per-user linear tastes over hidden item features, as in the Swift benchmark."""
    features = torch.randn(ITEMS, 8, generator=generator)
    tasks = []
    for _ in range(count):
        taste = torch.randn(8, generator=generator)
        support = torch.randint(0, ITEMS, (SUPPORT,), generator=generator)
        query = torch.randint(0, ITEMS, (QUERY,), generator=generator)
        tasks.append((support, features[support] @ taste, query, features[query] @ taste))
    return tasks


def maml_step(embeddings, adapted, optimizer, batch, second_order):
    optimizer.zero_grad()
    total = 0.0
    for support, support_y, query, query_y in batch:
        inner = F.mse_loss(scores(embeddings, adapted, support), support_y)
        grads = torch.autograd.grad(inner, adapted, create_graph=second_order)
        fast = [p - INNER_RATE * g for p, g in zip(adapted, grads)]
        total = total + F.mse_loss(scores(embeddings, fast, query), query_y)
    (total / len(batch)).backward()
    optimizer.step()


def reptile_step(embeddings, adapted, batch):
    params = [embeddings] + adapted
    mean_adapted = [torch.zeros_like(p) for p in params]
    for support, support_y, _, _ in batch:
        clone = [p.detach().clone().requires_grad_() for p in params]
        inner = F.mse_loss(scores(clone[0], clone[1:], support), support_y)
        grads = torch.autograd.grad(inner, clone)
        with torch.no_grad():
            for m, p, g in zip(mean_adapted, clone, grads):
                m += (p - INNER_RATE * g) / len(batch)
    with torch.no_grad():
        for p, m in zip(params, mean_adapted):
            p += REPTILE_RATE * (m - p)


def throughput(name, seconds, generator):
    embeddings, adapted = make_parameters(generator)
    optimizer = torch.optim.Adam([embeddings] + adapted, lr=1e-3)
    batches = [make_tasks(BATCH, generator) for _ in range(8)]

    def step(i):
        batch = batches[i % len(batches)]
        if name == "reptile":
            reptile_step(embeddings, adapted, batch)
        else:
            maml_step(embeddings, adapted, optimizer, batch, second_order=(name == "maml2"))

    for i in range(2):
        step(i)
    # Process CPU time, as mlbench uses for one thread: other processes on a shared machine
    # do not inflate it.
    best = 0.0
    for _ in range(3):
        steps, start = 0, time.process_time()
        while time.process_time() - start < seconds / 3:
            step(steps)
            steps += 1
        best = max(best, steps * BATCH / (time.process_time() - start))
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="timed seconds per algorithm")
    args = parser.parse_args()
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)
    for name in ("maml2", "maml1", "reptile"):
        print(f"{name} {throughput(name, args.seconds, generator):.1f}", flush=True)


if __name__ == "__main__":
    main()
