#!/usr/bin/env bash
# Issue 15's figures before and after, measured in one run on one machine.
#
#   benchmarks/before-after.sh [REV] [ROUNDS]
#
# Builds this checkout's benchmarks and the SAME benchmark sources over pec4j at REV (default 155ff7a, the
# last commit before the performance work; registerAll did not exist then, so there `registerGrouped`
# registers one by one, as the mailroom did), each with its own local Maven repository so the old
# snapshots never reach ~/.m2. Then it runs the issue's benchmarks with the two jars in turn, ROUNDS times
# (default 1), and prints CPU time per operation of each variant with the ratios. Only CPU per operation
# and ratios within one round mean something on a loaded machine; wall figures are printed for reference.
set -euo pipefail
rev=${1:-155ff7a}
rounds=${2:-1}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
m2=${BEFORE_M2:-$work/m2} # a kept directory saves rebuilding the old snapshots next time
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true' EXIT

git -C "$root" worktree add --detach "$work/before" "$rev" >/dev/null
rm -rf "$work/before/benchmarks/src"
cp -r "$root/benchmarks/src" "$work/before/benchmarks/"
# benchmarks of internal classes that did not exist then are left out (only the issue's benchmarks run here)
rm -rf "$work/before/benchmarks/src/main/java/io/github/pec4j/formats" \
    "$work/before/benchmarks/src/main/java/io/github/pec4j/benchmarks/DetectBenchmark.java"
if ! grep -rq "registerAll" "$work/before/pec-registry-spi/src/main/java"; then
    sed -i -e 's|for (BatchResult r : registry.registerAll(requests)) bh.consume(r.orThrow());|for (RegistrationRequest q : requests) bh.consume(registry.register(q));|' \
        -e '/^import io.github.pec4j.registry.BatchResult;/d' "$work/before/benchmarks/src/main/java/io/github/pec4j/benchmarks/IntakeBenchmark.java"
fi
if ! grep -rq "fetchAhead" "$work/before/pec-mailroom/src/main/java"; then # fetching ahead came later (MRM-PREFETCH-01)
    sed -i -e 's|\.fetchAhead(fetchAhead)||' "$work/before/benchmarks/src/main/java/io/github/pec4j/benchmarks/IntakeBenchmark.java"
fi
# the same test server on both sides: the simulator without Nagle's delay (SIM-NODELAY-01, b1b3b42) if REV predates it
if ! grep -q "noDelay" "$work/before/pec-simulator/src/main/java/io/github/pec4j/simulator/internal/SimServers.java"; then
    git -C "$root" show b1b3b42 -- pec-simulator/src/main | git -C "$work/before" apply \
        || echo "the simulator at $rev keeps Nagle's delay: its intake figures count the test server's waits" >&2
fi
echo "building the benchmarks over $rev and over this checkout ..." >&2
(cd "$work/before" && ./mvnw -q -B -Dmaven.repo.local="$m2" -Dmaven.repo.local.tail="$HOME/.m2/repository" \
    -DskipTests install -pl benchmarks -am)
# no old shaded jar may stay: shading again over it keeps the classes it holds instead of the new ones
rm -rf "$root/benchmarks/target"
(cd "$root" && ./mvnw -q -B -DskipTests install -pl benchmarks -am)
cp "$work/before/benchmarks/target/benchmarks.jar" "$work/before.jar"
cp "$root/benchmarks/target/benchmarks.jar" "$work/after.jar"

run() { # jar label round
    local out="$work/$2-$3.txt"
    java -jar "$1" 'SignatureBenchmark.interleaved$' -p input=receipt-10k -f 1 -wi 10 -w 3s -i 5 -r 3s | grep -E '^SignatureBenchmark' >>"$out"
    java -jar "$1" 'FormatCheckBenchmark.interleaved$' -p pdf=classic -f 1 -wi 10 -w 2s -i 6 -r 2s | grep -E '^FormatCheckBenchmark' >>"$out"
    java -jar "$1" 'IntakeBenchmark.(sha256|parse|parseVerify|admit|registerGrouped|intake|fetch)$' -p store=h2 -p workers=1 \
        -p mixKind=issue,testkit -f 1 -wi 3 -w 2s -i 4 -r 3s | grep -E '^IntakeBenchmark' >>"$out"
}
for r in $(seq 1 "$rounds"); do
    run "$work/before.jar" before "$r"
    run "$work/after.jar" after "$r"
done
python3 "$root/benchmarks/before-after-table.py" "$work" "$rounds"
# the format check once more, the two builds taking turns in one JVM (FormatCheckAb): steadier on a noisy machine
java -Xmx1g -cp "$work/after.jar" io.github.pec4j.benchmarks.FormatCheckAb "$work/before.jar" "$work/after.jar" classic
echo "raw JMH lines: $work/{before,after}-N.txt" >&2
