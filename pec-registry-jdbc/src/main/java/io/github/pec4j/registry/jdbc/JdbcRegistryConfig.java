package io.github.pec4j.registry.jdbc;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the JDBC registry lays out its data.
 *
 * @param schema the database schema that holds the registry's tables, created by the migration when
 *     missing (1-63 characters of {@code [A-Za-z0-9_]}, not starting with a digit, used exactly as
 *     written); empty: the connection's current schema
 * @param contentDirectory where document and receipt bytes are kept when they live on the file
 *     system, content-addressed as {@code <dir>/ab/cd/<sha-256 hex>}; empty: in the database
 * @param maxDocumentBytes the largest document or receipt accepted, in bytes
 */
public record JdbcRegistryConfig(Optional<String> schema, Optional<Path> contentDirectory, long maxDocumentBytes) {

    /** The default size limit of a document: 1 GiB. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 1L << 30;

    /**
     * Validates the schema name and the size limit.
     *
     * @param schema the database schema that holds the registry's tables, created by the migration when missing (1-63
     *     characters of {@code [A-Za-z0-9_]}, not starting with a digit, used exactly as written); empty: the
     *     connection's current schema
     * @param contentDirectory where document and receipt bytes are kept when they live on the file system,
     *     content-addressed as {@code <dir>/ab/cd/<sha-256 hex>}; empty: in the database
     * @param maxDocumentBytes the largest document or receipt accepted, in bytes
     */
    public JdbcRegistryConfig {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(contentDirectory, "contentDirectory");
        schema.ifPresent(s -> {
            if (!s.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a schema name is 1-63 characters of [A-Za-z0-9_], not starting with a digit: " + s);
            }
        });
        if (maxDocumentBytes < 1) throw new IllegalArgumentException("maxDocumentBytes must be positive: " + maxDocumentBytes);
    }

    /**
     * The connection's current schema, content in the database, documents up to 1 GiB.
     *
     * @return the connection's current schema, content in the database, documents up to 1 GiB
     */
    public static JdbcRegistryConfig defaults() {
        return new JdbcRegistryConfig(Optional.empty(), Optional.empty(), DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /**
     * This configuration with the registry's tables in {@code name}.
     *
     * @param name the schema's name
     * @return this configuration with the registry's tables in {@code name}
     */
    public JdbcRegistryConfig withSchema(String name) {
        return new JdbcRegistryConfig(Optional.of(name), contentDirectory, maxDocumentBytes);
    }

    /**
     * This configuration with document bytes kept in files below {@code directory}.
     *
     * @param directory the directory of the database file, created when missing
     * @return this configuration with document bytes kept in files below {@code directory}
     */
    public JdbcRegistryConfig withContentDirectory(Path directory) {
        return new JdbcRegistryConfig(schema, Optional.of(directory), maxDocumentBytes);
    }

    /**
     * This configuration with another size limit per document.
     *
     * @param bytes the largest document accepted, in bytes
     * @return this configuration with another size limit per document
     */
    public JdbcRegistryConfig withMaxDocumentBytes(long bytes) {
        return new JdbcRegistryConfig(schema, contentDirectory, bytes);
    }
}
