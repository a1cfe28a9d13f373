#!/usr/bin/env python3
"""Summarizes a benchmark CSV (one row per repetition) as a markdown table: min / median / max of each value
column per group. The last --group column is the candidate; --ratio A:B adds, for every combination of the
other group columns, median(A) / median(B) of the first value column (candidate names: A and B exactly)."""
import argparse
import csv
import statistics
import sys
from collections import OrderedDict


def fmt(x):
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.3g}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--group", required=True, help="comma-separated columns; the last one is the candidate")
    ap.add_argument("--value", required=True, help="comma-separated numeric columns")
    ap.add_argument("--ratio", action="append", default=[], help="CANDIDATE_A:CANDIDATE_B")
    ap.add_argument("--ratio-value", help="the value the ratios compare (default: the first --value)")
    args = ap.parse_args()
    group = args.group.split(",")
    values = args.value.split(",")
    rows = list(csv.DictReader(open(args.csv)))
    groups = OrderedDict()
    for r in rows:
        key = tuple(r[g] for g in group)
        for v in values:
            cell = r.get(v, "")
            try:
                num = float(cell)
            except ValueError:
                continue
            groups.setdefault(key, {}).setdefault(v, []).append(num)
        groups.setdefault(key, {})
    out = sys.stdout
    out.write("| " + " | ".join(group) + " | n | " + " | ".join(f"{v} min / median / max" for v in values) + " |\n")
    out.write("|" + "---|" * (len(group) + 1 + len(values)) + "\n")
    medians = {}
    for key, cols in groups.items():
        cells = []
        n = 0
        for v in values:
            xs = cols.get(v, [])
            n = max(n, len(xs))
            if xs:
                med = statistics.median(xs)
                medians[(key, v)] = med
                cells.append(f"{fmt(min(xs))} / **{fmt(med)}** / {fmt(max(xs))}")
            else:
                cells.append("-")
        out.write("| " + " | ".join(key) + f" | {n} | " + " | ".join(cells) + " |\n")
    ratio_value = args.ratio_value or values[0]
    if args.ratio:
        out.write("\n| " + " | ".join(group[:-1]) + " | ratio (medians of " + ratio_value + ") | value |\n")
        out.write("|" + "---|" * (len(group) + 1) + "\n")
        contexts = OrderedDict((k[:-1], None) for k in groups)
        for ctx in contexts:
            for spec in args.ratio:
                a, b = spec.split(":")
                ma = medians.get((ctx + (a,), ratio_value))
                mb = medians.get((ctx + (b,), ratio_value))
                if ma is None or mb is None or mb == 0:
                    continue
                out.write("| " + " | ".join(ctx) + f" | {a} / {b} | {ma / mb:.2f} |\n")


if __name__ == "__main__":
    main()
