-- pec4j JDBC registry, schema 4: content written from now on goes to pec4j_content_part, in parts of
-- at most 256 KiB (H2: BLOB, written once even in a large group commit; PostgreSQL: BYTEA kept
-- uncompressed, since documents arrive compressed or base64 and pglz spent the server's CPU for
-- little). pec4j_content.part_size tells the layouts apart: NULL for content written before
-- schema 4, whose 1 MiB chunks stay in pec4j_content_chunk and are read from there.
CREATE TABLE pec4j_content_part (
    chunk_key VARCHAR(64) NOT NULL,
    part_no INTEGER NOT NULL,
    part_data ${part} NOT NULL,
    CONSTRAINT pec4j_content_part_pk PRIMARY KEY (chunk_key, part_no)
);
${partStorage};
ALTER TABLE pec4j_content ADD COLUMN part_size INTEGER;
