package io.github.pec4j.registry.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the JDBC registry lays out its data, and the connection pool it keeps when it is opened on a
 * JDBC URL.
 *
 * @param schema the database schema that holds the registry's tables, created by the migration when
 *     missing (1-63 characters of {@code [A-Za-z0-9_]}, not starting with a digit, used exactly as
 *     written); empty: the connection's current schema
 * @param contentDirectory where document and receipt bytes are kept when they live on the file
 *     system, content-addressed as {@code <dir>/ab/cd/<sha-256 hex>}; empty: in the database
 * @param maxDocumentBytes the largest document or receipt accepted, in bytes
 * @param pool the HikariCP pool of {@link JdbcRegistry#open(String, String, String, JdbcRegistryConfig,
 *     java.time.Clock)}; ignored on a {@code DataSource} of yours
 */
public record JdbcRegistryConfig(Optional<String> schema, Optional<Path> contentDirectory, long maxDocumentBytes, Pool pool) {

    /** The default size limit of a document: 1 GiB. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 1L << 30;

    /**
     * The pool's settings, with HikariCP's meaning and limits.
     *
     * @param maxPoolSize connections kept at most (at least 1)
     * @param connectionTimeout how long a registration waits for a free connection before failing
     *     (at least 250 ms)
     * @param maxLifetime the age at which an idle connection is replaced (at least 30 s), so that
     *     firewalls and database restarts never leave dead connections in the pool
     * @param leakDetectionThreshold how long a connection may be held before a warning names who
     *     borrowed it; {@link Duration#ZERO} for none, else at least 2 s and less than {@code maxLifetime}
     */
    public record Pool(int maxPoolSize, Duration connectionTimeout, Duration maxLifetime, Duration leakDetectionThreshold) {
        /**
         * Validates the settings.
         *
         * @param maxPoolSize connections kept at most (at least 1)
         * @param connectionTimeout how long a registration waits for a free connection (at least 250 ms)
         * @param maxLifetime the age at which an idle connection is replaced (at least 30 s)
         * @param leakDetectionThreshold how long a connection may be held before a warning; zero for none
         * @throws IllegalArgumentException when a setting is outside the limits above
         */
        public Pool {
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            Objects.requireNonNull(maxLifetime, "maxLifetime");
            Objects.requireNonNull(leakDetectionThreshold, "leakDetectionThreshold");
            if (maxPoolSize < 1) throw new IllegalArgumentException("maxPoolSize must be at least 1: " + maxPoolSize);
            if (connectionTimeout.toMillis() < 250) throw new IllegalArgumentException("connectionTimeout must be at least 250 ms: " + connectionTimeout);
            if (maxLifetime.toMillis() < 30_000) throw new IllegalArgumentException("maxLifetime must be at least 30 s: " + maxLifetime);
            if (!leakDetectionThreshold.isZero()
                    && (leakDetectionThreshold.toMillis() < 2_000 || leakDetectionThreshold.compareTo(maxLifetime) >= 0)) {
                throw new IllegalArgumentException("leakDetectionThreshold must be zero, or at least 2 s and less than maxLifetime: "
                        + leakDetectionThreshold);
            }
        }

        /**
         * Ten connections, 60 s to get one, replaced after 30 minutes, a warning for one held over 10 minutes.
         *
         * @return the default pool settings
         */
        public static Pool defaults() {
            return new Pool(10, Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMinutes(10));
        }
    }

    /**
     * Validates the schema name and the size limit.
     *
     * @param schema the database schema that holds the registry's tables, created by the migration when missing (1-63
     *     characters of {@code [A-Za-z0-9_]}, not starting with a digit, used exactly as written); empty: the
     *     connection's current schema
     * @param contentDirectory where document and receipt bytes are kept when they live on the file system,
     *     content-addressed as {@code <dir>/ab/cd/<sha-256 hex>}; empty: in the database
     * @param maxDocumentBytes the largest document or receipt accepted, in bytes
     * @param pool the connection pool's settings, used when the registry opens its own pool from a JDBC URL
     * @throws IllegalArgumentException on an invalid schema name or a size limit below 1
     */
    public JdbcRegistryConfig {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(contentDirectory, "contentDirectory");
        Objects.requireNonNull(pool, "pool");
        schema.ifPresent(s -> {
            if (!s.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a schema name is 1-63 characters of [A-Za-z0-9_], not starting with a digit: " + s);
            }
        });
        if (maxDocumentBytes < 1) throw new IllegalArgumentException("maxDocumentBytes must be positive: " + maxDocumentBytes);
    }

    /**
     * A configuration with the {@linkplain Pool#defaults() default pool}.
     *
     * @param schema see the record's description
     * @param contentDirectory see the record's description
     * @param maxDocumentBytes see the record's description
     * @throws IllegalArgumentException on an invalid schema name or a size limit below 1
     */
    public JdbcRegistryConfig(Optional<String> schema, Optional<Path> contentDirectory, long maxDocumentBytes) {
        this(schema, contentDirectory, maxDocumentBytes, Pool.defaults());
    }

    /**
     * The connection's current schema, content in the database, documents up to 1 GiB, the default pool.
     *
     * @return the default configuration
     */
    public static JdbcRegistryConfig defaults() {
        return new JdbcRegistryConfig(Optional.empty(), Optional.empty(), DEFAULT_MAX_DOCUMENT_BYTES, Pool.defaults());
    }

    /**
     * This configuration with the registry's tables in {@code name}.
     *
     * @param name the schema
     * @return the new configuration
     */
    public JdbcRegistryConfig withSchema(String name) {
        return new JdbcRegistryConfig(Optional.of(name), contentDirectory, maxDocumentBytes, pool);
    }

    /**
     * This configuration with document bytes kept in files below {@code directory}.
     *
     * @param directory the content directory
     * @return the new configuration
     */
    public JdbcRegistryConfig withContentDirectory(Path directory) {
        return new JdbcRegistryConfig(schema, Optional.of(directory), maxDocumentBytes, pool);
    }

    /**
     * This configuration with another size limit per document.
     *
     * @param bytes the limit
     * @return the new configuration
     */
    public JdbcRegistryConfig withMaxDocumentBytes(long bytes) {
        return new JdbcRegistryConfig(schema, contentDirectory, bytes, pool);
    }

    /**
     * This configuration with other pool settings.
     *
     * @param settings the pool's settings
     * @return the new configuration
     */
    public JdbcRegistryConfig withPool(Pool settings) {
        return new JdbcRegistryConfig(schema, contentDirectory, maxDocumentBytes, settings);
    }
}
