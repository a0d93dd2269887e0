#!/usr/bin/env bash
# Runs a time-boxed Jazzer campaign on one @FuzzTest class (one target at a time: a campaign uses a whole core).
#
#   tools/fuzz.sh <module> <FuzzTestClass> [seconds]      e.g. tools/fuzz.sh pec-core PecParserFuzzTest 600
#
# The module's upstream modules must be installed first (./mvnw install -DskipTests -pl <module> -am).
# Extra Maven options (e.g. -o, -Dmaven.repo.local=...) come from $FUZZ_MAVEN_OPTS.
# Jazzer keeps the inputs it finds in <module>/.cifuzz-corpus/ and writes a crashing input next to the
# seeds (src/test/resources/.../<Class>Inputs/<method>/crash-*): both are git-ignored; rename a crash
# file to a meaningful seed name when it is fixed, and commit it. The log is target/fuzz-<Class>.log.
set -euo pipefail
module=${1:?module, e.g. pec-core}
test=${2:?fuzz test class, e.g. PecParserFuzzTest}
seconds=${3:-600}
cd "$(dirname "$0")/.."
mkdir -p "$module/target"
log="$module/target/fuzz-$test.log"
# jazzer.internal.arg.N are libFuzzer arguments appended after @FuzzTest's own, so they override its
# maxDuration; -timeout turns an input that takes longer than 30 s into a finding (a hang).
JAZZER_FUZZ=1 ./mvnw -B ${FUZZ_MAVEN_OPTS:-} test -pl "$module" -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Dpec4j.skipUnitTests=true \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" -Djazzer.internal.arg.2=-timeout=30 \
    -Djazzer.internal.arg.3=-print_final_stats=1 2>&1 | tee "$log"
echo "campaign log: $log"
grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|== Java Exception|Tests run:' "$log" || true
