-- One registration as JdbcProtocolRegistry.register() writes it on PostgreSQL (schema 4), statement for
-- statement: an envelope of the mix (messaggio.eml, :env bytes) with one attachment (:att bytes), each
-- content in parts of 256 KiB (pec4j_content_part, stored uncompressed) then its row in pec4j_content, one
-- correspondent, one assignment, an idempotency key and the audit entry, in one transaction. Bytes are made
-- by the server (repeat), where the registry sends them over the connection and hashes them; the parts of
-- one content go in one INSERT ... SELECT, where the registry sends a batch of INSERTs in one round trip:
-- pgbench does strictly less work.
-- Run by benchmarks/intake-vs-pgbench.sh on the registry's own schema (its Flyway migrations).
\set env random(140000, 1400000)
\set att random(100000, 1000000)
\set n random(1, 1000000000)
BEGIN;
SELECT reg_id, fingerprint FROM pec4j_idempotency WHERE idempotency_key = 'pgbench-' || :client_id || '-' || :n || '-' || txid_current();
INSERT INTO pec4j_content_part (chunk_key, part_no, part_data) SELECT 'e' || txid_current(), g, convert_to(repeat('x', least(262144, :env - g * 262144)), 'UTF8') FROM generate_series(0, (:env - 1) / 262144) g;
INSERT INTO pec4j_content (sha256, size_bytes, chunk_key, chunk_count, part_size) VALUES (md5('e' || txid_current()) || md5('e' || :n), :env, 'e' || txid_current(), (:env + 262143) / 262144, 262144) ON CONFLICT (sha256) DO NOTHING;
INSERT INTO pec4j_content_part (chunk_key, part_no, part_data) SELECT 'a' || txid_current(), g, convert_to(repeat('y', least(262144, :att - g * 262144)), 'UTF8') FROM generate_series(0, (:att - 1) / 262144) g;
INSERT INTO pec4j_content (sha256, size_bytes, chunk_key, chunk_count, part_size) VALUES (md5('a' || txid_current()) || md5('a' || :n), :att, 'a' || txid_current(), (:att + 262143) / 262144, 262144) ON CONFLICT (sha256) DO NOTHING;
UPDATE pec4j_counter SET last_number = last_number + 1 WHERE amministrazione = 'c_bench' AND aoo = 'AOO_BENCH' AND registro = 'PG' AND anno = 2026 RETURNING last_number \gset
INSERT INTO pec4j_registration (register_key, amministrazione, aoo, registro, anno, numero, registered_s, registered_n, registration_day, direction, channel, oggetto, oggetto_lc, sender_number, sender_date, classification, fascicolo, received_s, received_n, riservato, registered_by_id, registered_by_name, emergency_register_id, emergency_number, emergency_s, emergency_n) VALUES ('c_bench/AOO_BENCH/PG', 'c_bench', 'AOO_BENCH', 'PG', 2026, :last_number, extract(epoch from now())::bigint, 0, current_date, 'INCOMING', 'PEC', 'Istanza n. ' || :n, 'istanza n. ' || :n, NULL, NULL, 'I.1', NULL, extract(epoch from now())::bigint, 0, false, 'system:bench', 'bench', NULL, NULL, NULL, NULL) RETURNING reg_id \gset
INSERT INTO pec4j_correspondent (reg_id, item_no, corr_name, corr_name_lc, address, address_lc, tax_code, ipa_code, per_conoscenza) VALUES (:reg_id, 0, 'cittadino@pec.example.it', 'cittadino@pec.example.it', 'cittadino@pec.example.it', 'cittadino@pec.example.it', NULL, NULL, false);
INSERT INTO pec4j_document (reg_id, doc_index, doc_role, file_name, media_type, size_bytes, sha256) VALUES (:reg_id, 0, 'PRIMARY', 'messaggio.eml', 'message/rfc822', :env, md5('e' || txid_current()) || md5('e' || :n)), (:reg_id, 1, 'ATTACHMENT', 'istanza.pdf', 'application/pdf', :att, md5('a' || txid_current()) || md5('a' || :n));
INSERT INTO pec4j_assignment (reg_id, item_no, office, assignment_kind, person, deadline, taken_by_id, taken_by_name, taken_at_s, taken_at_n) VALUES (:reg_id, 0, 'PROTOCOLLO', 'COMPETENZA', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO pec4j_idempotency (idempotency_key, reg_id, fingerprint) VALUES ('pgbench-' || :client_id || '-' || :n || '-' || txid_current(), :reg_id, 'fp1:' || md5(:n::text));
INSERT INTO pec4j_audit (reg_id, at_s, at_n, actor_id, actor_name, audit_action, before_value, after_value) VALUES (:reg_id, extract(epoch from now())::bigint, 0, 'system:bench', 'bench', 'REGISTERED', NULL, 'Istanza n. ' || :n);
COMMIT;
