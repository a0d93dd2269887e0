-- pec4j JDBC registry, schema 5: H2 hands out the identities of registrations and audit entries from
-- 1,024 values reserved at a time instead of 32. Each reservation makes H2 write its whole store (every
-- change pending, as a commit does): with 32 that was one more store per group of messages taken in.
-- Values reserved and unused when the process stops are skipped; the identities only order rows (one
-- sequence, so still in the order of insertion), the protocol number is the counter's, never these.
-- PostgreSQL keeps its default: a cache there is per session and would no longer order the audit trail.
${registrationIdCache};
${auditIdCache};
