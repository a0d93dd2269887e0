-- pec4j JDBC registry, schema 2: each idempotency key remembers the fingerprint of what it
-- registered (RegistrationRequest.fingerprint, 'fp1:' + 64 hex digits), so that the same key with
-- other content is refused as an idempotency conflict instead of returned as a duplicate.
-- Keys registered before schema 2 keep NULL here: the registry then compares the fingerprint of the
-- registration itself (Registration.fingerprint, derived from its protected fields), never adopts
-- the newcomer's.
ALTER TABLE pec4j_idempotency ADD COLUMN fingerprint VARCHAR(80);
