"""Reads the JMH lines before-after.sh kept and prints CPU per operation, before and after, with ratios."""
import collections
import sys


def counters(path):
    """{benchmark: {counter: value}} from JMH's result lines (the primary score under 'score')."""
    out = collections.defaultdict(dict)
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if len(cols) < 4:
            continue
        name, _, counter = cols[0].partition(":")
        if name.startswith("IntakeBenchmark."):
            name += "[" + cols[1] + "]"  # the mix
        unit = cols[-1]
        value = cols[-2] if unit == "#" or cols[-3] != "±" else cols[-4]
        if cols[-3] == "±":
            value = cols[-4]
        out[name][counter or "score"] = float(value.replace(",", ""))
    return out


def per_op(c):
    """{variant: (cpu µs per op, wall figure)} for the three benchmarks' counters."""
    rows = {}
    sig = c.get("SignatureBenchmark.interleaved")
    if sig and sig.get("ops"):
        for k, label in (("sha256CpuNs", "receipt: SHA-256"), ("parseCpuNs", "receipt: parse"),
                         ("parseVerifyCpuNs", "receipt: parse + provider signature")):
            rows[label] = (sig[k] / sig["ops"] / 1000, None)
    fmt = c.get("FormatCheckBenchmark.interleaved")
    if fmt and fmt.get("messages"):
        for k, label in (("sha256Us", "format mix: SHA-256"), ("parseUs", "format mix: parse"),
                         ("parseCheckUs", "format mix: parse + format check")):
            rows[label] = (fmt[k] / fmt["messages"], None)
    for name, v in c.items():
        if name.startswith("IntakeBenchmark.") and v.get("messages"):
            variant, _, mix = name.split(".")[-1].partition("[")
            rows[mix[:-1] + " mix: " + variant] = (v["cpuUs"] / v["messages"], v.get("score"), v.get("processCpuUs", 0) / v["messages"])
    return rows


def main(work, rounds):
    for r in range(1, int(rounds) + 1):
        before = per_op(counters(f"{work}/before-{r}.txt"))
        after = per_op(counters(f"{work}/after-{r}.txt"))
        print(f"round {r}: thread CPU per operation (µs), before → after, and before ÷ after")
        for label in before:
            if label in after:
                b, a = before[label][0], after[label][0]
                wall = after[label][1]
                extra = ""
                if wall:
                    extra = f"   process CPU {before[label][2]:,.0f} → {after[label][2]:,.0f}; after: {wall:,.1f} msg/s wall"
                print(f"  {label:45s} {b:10,.1f} → {a:10,.1f}   {b / a:5.2f}×{extra}")
        for prefix, base in (("receipt: ", "receipt: parse"), ("format mix: ", "format mix: parse"), ("issue mix: ", "issue mix: parse"),
                             ("testkit mix: ", "testkit mix: parse")):
            for side, rows in (("before", before), ("after", after)):
                if base in rows:
                    ratios = ", ".join(f"{k[len(prefix):]} {v[0] / rows[base][0]:.2f}" for k, v in rows.items()
                                       if k.startswith(prefix) and k != base)
                    print(f"  {side:6s} ÷ parse, {prefix[:-2]}: {ratios}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
