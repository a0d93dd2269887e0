#!/usr/bin/env bash
# Registration into PostgreSQL (127.0.0.1:5432, user postgres, database test) beside pgbench running the same SQL
# statements per registration (benchmarks/pgbench/registration.sql, taken from JdbcProtocolRegistry) with 2 clients,
# on the same server, in the same run: pgbench first, then IntakeBenchmark on PostgreSQL with 2 workers, then
# pgbench again (the machine's load drifts: compare with both).
# Needs: ./mvnw -B -DskipTests package -pl benchmarks -am   and pgbench (Debian: apt-get install postgresql-contrib)
# Usage: benchmarks/intake-vs-pgbench.sh [seconds per pgbench run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-20}"
SCHEMA=pec4j_pgbench
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=test
MIGRATIONS=pec-registry-jdbc/src/main/resources/db/pec4j-registry-jdbc

psql -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"
for f in "$MIGRATIONS"/V*.sql; do
  { echo "SET search_path TO $SCHEMA;"; sed -e 's/\${binary}/BYTEA/g' -e 's/\${bytewise}/COLLATE "C"/g' "$f"; } | psql -q -v ON_ERROR_STOP=1
done
psql -q -v ON_ERROR_STOP=1 -c "INSERT INTO $SCHEMA.pec4j_counter (amministrazione, aoo, registro, anno, last_number) VALUES ('c_bench', 'AOO_BENCH', 'PG', 2026, 0)"

pgbench_run() {
  PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -c 2 -j 2 -T "$SECS" -f benchmarks/pgbench/registration.sql | grep -E "^tps|latency average"
}

echo "== pgbench, 2 clients, the registry's statements per registration"
pgbench_run
echo "== IntakeBenchmark on PostgreSQL, 2 workers (registerEach/registerGrouped: one thread; intake: two mailrooms)"
java -jar benchmarks/target/benchmarks.jar 'IntakeBenchmark.(registerEach|registerGrouped|intake|fetch)$' -f 1 -wi 3 -w 2s -i 3 -r 3s \
  -p store=postgresql -p workers=2 2>&1 | grep -E "^IntakeBenchmark|^Benchmark"
echo "== pgbench again"
pgbench_run
psql -q -c "DROP SCHEMA $SCHEMA CASCADE"
