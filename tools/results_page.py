#!/usr/bin/env python3
"""Writes docs/results.md from docs/results/<dataset>/results.json (written by `socialrec evaluate`)
and the hand-written findings in docs/results/findings.md.
Usage: tools/results_page.py [COMMIT] [COMMAND] [RUN TIMES]"""
import json, math, os, subprocess, sys

ROOT = os.path.join(os.path.dirname(__file__), "..")
DATASETS = [("lastfm", "Last.fm (implicit: play counts; tags as item features)"), ("filmtrust", "FilmTrust (ratings 0.5–4, relevant ≥ 3.5)"),
            ("ciao", "Ciao (ratings 1–5, relevant ≥ 4; categories as item features)")]
HERO = "social-maml"
NOTES = {}


def load(name):
    path = os.path.join(ROOT, "docs", "results", name, "results.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def estimate(r, method, k, metric, bucket="all"):
    values = [v for v in r["perSeed"].get(f"{method}|{k}|{metric}|{bucket}", []) if isinstance(v, (int, float)) and math.isfinite(v)]
    if not values:
        return None
    n = len(values)
    mean = sum(values) / n
    if n == 1:
        return mean, 0.0
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    t = [12.706, 4.303, 3.182, 2.776, 2.571][n - 2] if n <= 6 else 1.96
    return mean, t * math.sqrt(var / n)


def cell(e):
    return "—" if e is None else (f"{e[0]:.4f}" + (f" ± {e[1]:.4f}" if e[1] > 0 else ""))


def features_section():
    """social-maml with the items' features (Last.fm's tags, Ciao's categories) and without."""
    rows = []
    for name, title in [("lastfm", "Last.fm, tags"), ("ciao", "Ciao, categories")]:
        with_f, without = load(name), load(f"{name}-no-features")
        if with_f is None or without is None:
            continue
        ks = with_f["settings"]["supportSizes"]
        rows += [f"**{title}** (NDCG@10, test users, {with_f['settings']['seeds']} seeds; intra-list diversity at k = 3 in the last column):", "",
                 "| method | " + " | ".join(f"k = {k}" for k in ks) + " | ILD (k = 3) |", "|---|" + "---|" * (len(ks) + 1)]
        for label, r, m in [("social-maml, with features", with_f, HERO), ("social-maml, without", without, HERO),
                            ("content-social", with_f, "content-social"), ("content", with_f, "content"),
                            ("social-popularity", with_f, "social-popularity")]:
            if m not in r["methods"]:
                continue
            rows.append(f"| {label} | " + " | ".join(cell(estimate(r, m, k, "ndcg")) for k in ks) + f" | {cell(estimate(r, m, 3, 'ild') if r is with_f else None)} |")
        rows.append("")
    if not rows:
        return []
    return ["## With and without item features", "",
            "The same splits with the items' features imported and without them "
            "(`docs/results/<dataset>` and `docs/results/<dataset>-no-features`). Without features the content "
            "methods are not run and social-maml has no content feature; ILD needs the features, so it is given for the runs that have them.", ""] + rows


def new_items_section():
    """Item cold-start (`--cold-items 0.2`): NDCG@10 among the new items, with features and without."""
    rows = []
    for name, title in [("lastfm", "Last.fm, tags"), ("ciao", "Ciao, categories")]:
        with_f, without = load(f"{name}-new-items"), load(f"{name}-new-items-no-features")
        if with_f is None or without is None:
            continue
        ks = with_f["settings"]["supportSizes"]
        rows += [f"**{title}** ({with_f['settings']['seeds']} seeds, test users; NDCG@10 among the new items, "
                 "and in the last column NDCG@10 over the whole catalogue at k = 3):", "",
                 "| method | " + " | ".join(f"k = {k}" for k in ks) + " | whole catalogue (k = 3) |", "|---|" + "---|" * (len(ks) + 1)]
        labelled = [(f"{m}, with features" if m == HERO else m, with_f, m) for m in with_f["methods"]]
        labelled.insert(1 + with_f["methods"].index(HERO) if HERO in with_f["methods"] else len(labelled), (f"{HERO}, without", without, HERO))
        for label, r, m in labelled:
            rows.append(f"| {label} | " + " | ".join(cell(estimate(r, m, k, "ndcg-new-items")) for k in ks)
                        + f" | {cell(estimate(r, m, 3, 'ndcg'))} |")
        rows.append("")
    if not rows:
        return []
    return ["## Item cold-start", "",
            "A seeded fifth of the items that anyone chose is new (`evaluate --cold-items 0.2`): no training row and no "
            "support item holds one, and their interactions stay only in the test users' query sets. Each person's "
            "ranking of the new items alone is scored against the new items in their query "
            "(`docs/results/<dataset>-new-items`, and `-new-items-no-features` for the same splits without features).", ""] + rows


def main():
    commit = sys.argv[1] if len(sys.argv) > 1 else subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    command = sys.argv[2] if len(sys.argv) > 2 else "tools/results"
    took = f" It took {sys.argv[3]}." if len(sys.argv) > 3 else ""
    out = ["# Results: cold-start recommendation on Last.fm, FilmTrust and Ciao", "",
           f"Produced by `{command}` at commit `{commit}` (release build, this 2-core machine).{took}",
           "Each dataset's full tables, JSON and an HTML report with the NDCG@10-against-k plot are in",
           "`docs/results/<dataset>/`. Protocol: [cli.md](cli.md#evaluate) — held-out users drawn per seed, the",
           "first k of their interactions visible (by time where there are timestamps), the rest hidden from",
           "everything; every method tuned on validation users only; ranking over the whole catalogue minus",
           "the support items; mean ± 95% interval over seeds.", ""]
    findings = os.path.join(ROOT, "docs", "results", "findings.md")
    if os.path.exists(findings):
        out += [open(findings).read().rstrip(), ""]
    for name, title in DATASETS:
        r = load(name)
        out += [f"## {title}", ""]
        if r is None:
            out += ["Not run.", ""]
            continue
        ks = r["settings"]["supportSizes"]
        methods = r["methods"]
        note = NOTES.get(name, "")
        out += [f"{r['settings']['seeds']} seeds. NDCG@10 by support size k (test users scored in the last seed: "
                f"{r['users'].get(f'{methods[0]}|{ks[0]}|all', 0)}). {note}", "",
                "| method | " + " | ".join(f"k = {k}" for k in ks) + " |", "|---|" + "---|" * len(ks)]
        for m in methods:
            out.append(f"| {m} | " + " | ".join(cell(estimate(r, m, k, "ndcg")) for k in ks) + " |")
        out += ["", "Accuracy and diversity of the top-10 lists at k = 3" + (" and RMSE / MAE (rating predictors)" if any(estimate(r, m, 3, "rmse") for m in methods) else "")
                + ": catalogue coverage, novelty (mean −log₂ popularity share), the Gini index of how often items are"
                + " recommended (lower is more even) and personalisation (1 − mean Jaccard overlap of two users' lists):", "",
                "| method | Recall@10 | HR@10 | MRR | coverage | novelty | Gini | personalisation | RMSE | MAE |", "|---|" + "---|" * 9]
        k3 = 3 if 3 in ks else ks[len(ks) // 2]
        for m in methods:
            out.append(f"| {m} | " + " | ".join(cell(estimate(r, m, k3, x)) for x in
                                               ["recall", "hr", "mrr", "coverage", "novelty", "gini", "personalisation", "rmse", "mae"]) + " |")
        out += ["", "NDCG@10 by friends at k = 0 and k = 3:", "",
                "| method | " + " | ".join(f"{b} (k={k})" for k in [ks[0], k3] for b in ["0 friends", "1–4 friends", "5+ friends"]) + " |",
                "|---|" + "---|" * 6]
        for m in methods:
            out.append(f"| {m} | " + " | ".join(cell(estimate(r, m, k, "ndcg", b)) for k in [ks[0], k3] for b in ["0 friends", "1–4 friends", "5+ friends"]) + " |")
        if HERO in methods:
            out += ["", f"Where {HERO} wins and loses (NDCG@10; 'clearly' when the 95% intervals do not overlap):", ""]
            for m in methods:
                if m == HERO:
                    continue
                verdicts = []
                for k in ks:
                    a, b = estimate(r, HERO, k, "ndcg"), estimate(r, m, k, "ndcg")
                    if a is None or b is None:
                        continue
                    clear = (a[0] - a[1]) > (b[0] + b[1]) or (b[0] - b[1]) > (a[0] + a[1])
                    word = ("wins" if a[0] > b[0] else "loses") + (" clearly" if clear else "")
                    verdicts.append(f"k={k} {word} ({a[0]:.3f} vs {b[0]:.3f})")
                out.append(f"- vs {m}: " + "; ".join(verdicts))
        chosen = {m: c for m, c in r["chosenConfigurations"].items() if any(x != "default" for x in c)}
        if chosen:
            out += ["", "Chosen on validation users, per seed: " + "; ".join(f"{m}: {', '.join(c)}" for m, c in sorted(chosen.items()))]
        out.append("")
    out += features_section()
    out += new_items_section()
    with open(os.path.join(ROOT, "docs", "results.md"), "w") as f:
        f.write("\n".join(out))


main()
