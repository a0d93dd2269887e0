#!/usr/bin/env bash
# Registration into PostgreSQL (127.0.0.1:5432, user postgres, database test) beside pgbench running the same SQL
# statements per registration (benchmarks/pgbench/registration.sql, taken from JdbcProtocolRegistry) with 2 clients,
# on the same server, in the same run: pgbench first, then IntakeBenchmark on PostgreSQL with 2 workers (intake: two
# mailrooms on two threads, one registry; intakeNoImap: the same over boxes in memory, everything but the IMAP transfer;
# registerEach/registerGrouped: one thread), then pgbench again (the
# machine's load drifts: the ratio is taken against the mean of both pgbench runs).
# Half the messages of the mix are registered (8 of 16: the others are receipts, filed on their registrations), so
# registrations/s = messages/s / 2; the ratio printed is intake registrations/s over pgbench transactions/s.
# Needs: ./mvnw -B -DskipTests package -pl benchmarks -am   and pgbench (Debian: apt-get install postgresql-contrib)
# Usage: benchmarks/intake-vs-pgbench.sh [seconds per pgbench run, default 20]
#        JMH_RUN="-f 1 -wi 20 -w 3s -i 5 -r 3s" benchmarks/intake-vs-pgbench.sh 15   (a longer warm-up: steady state)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-20}"
SCHEMA=pec4j_pgbench
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=test PGOPTIONS="-c client_min_messages=warning"
MIGRATIONS=pec-registry-jdbc/src/main/resources/db/pec4j-registry-jdbc
# the PostgreSQL values of the migrations' placeholders (Dialect.POSTGRESQL)
PART_STORAGE="ALTER TABLE pec4j_content_part ALTER COLUMN part_data SET STORAGE EXTERNAL"
REG_ID_CACHE="ALTER TABLE pec4j_registration ALTER COLUMN reg_id SET CACHE 1"
AUDIT_ID_CACHE="ALTER TABLE pec4j_audit ALTER COLUMN audit_id SET CACHE 1"

psql -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"
for f in "$MIGRATIONS"/V*.sql; do
  { echo "SET search_path TO $SCHEMA;"
    sed -e 's/\${binary}/BYTEA/g' -e 's/\${bytewise}/COLLATE "C"/g' -e 's/\${part}/BYTEA/g' -e "s/\${partStorage}/$PART_STORAGE/g" \
        -e "s/\${registrationIdCache}/$REG_ID_CACHE/g" -e "s/\${auditIdCache}/$AUDIT_ID_CACHE/g" "$f"; } \
    | psql -q -v ON_ERROR_STOP=1
done
psql -q -v ON_ERROR_STOP=1 -c "INSERT INTO $SCHEMA.pec4j_counter (amministrazione, aoo, registro, anno, last_number) VALUES ('c_bench', 'AOO_BENCH', 'PG', 2026, 0)"

pgbench_run() {
  PGOPTIONS="$PGOPTIONS -c search_path=$SCHEMA" pgbench -n -c 2 -j 2 -T "$SECS" -f benchmarks/pgbench/registration.sql | grep -E "^tps|latency average" \
    | tee /dev/stderr | awk '/^tps/ {print $3}'
}

echo "== pgbench, 2 clients, the registry's statements per registration"
TPS1=$(pgbench_run)
echo "== IntakeBenchmark on PostgreSQL, 2 workers (registerEach/registerGrouped: one thread; registerGroupedWorkers: two; intake, intakeBacklog, intakeNoImap: two mailrooms)"
OUT=$(mktemp)
# shellcheck disable=SC2086 # JMH_RUN is a list of options
java -jar benchmarks/target/benchmarks.jar 'IntakeBenchmark.(registerEach|registerGrouped|registerGroupedWorkers|intake|intakeBacklog|intakeNoImap|fetch)$' ${JMH_RUN:--f 1 -wi 3 -w 2s -i 3 -r 3s} \
  -p store=postgresql -p workers=2 -p mixKind=testkit 2>&1 | grep -E "^IntakeBenchmark|^Benchmark" | tee "$OUT"
echo "== pgbench again"
TPS2=$(pgbench_run)
psql -q -c "DROP SCHEMA $SCHEMA CASCADE"

echo "== registrations per second, PostgreSQL, against pgbench (mean of $TPS1 and $TPS2 tps)"
awk -v t1="$TPS1" -v t2="$TPS2" '
  # the score is the field after the mode and the count, wherever the parameters put them
  { v = ""; for (i = 2; i < NF; i++) if ($i == "thrpt") v = $(i + 2) }
  $1 ~ /^IntakeBenchmark\.[a-zA-Z]+$/ && v != "" { score[$1] = v }
  $1 ~ /:cpuUs$/ && v != "" { split($1, p, ":"); cpu[p[1]] = v }
  $1 ~ /:messages$/ && v != "" { split($1, p, ":"); msgs[p[1]] = v }
  END {
    pg = (t1 + t2) / 2
    for (b in score) {
      if (b ~ /fetch/) continue
      regs = score[b] / 2
      printf "%-32s %8.1f registrations/s  %5.1f %% of pgbench  (thread CPU %.2f ms per registered message)\n", b, regs, 100 * regs / pg, \
        (msgs[b] > 0 ? cpu[b] / msgs[b] * 2 / 1000 : 0)
    }
  }' "$OUT"
rm -f "$OUT"
