package io.github.pec4j.registry.jdbc;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.internal.Drivers;
import io.github.pec4j.registry.jdbc.internal.JdbcProtocolRegistry;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pec4j.registry.jdbc.internal.ConnectionPools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Opens the JDBC protocol registry: on a {@link DataSource} of yours, on a JDBC URL, or embedded in an
 * H2 file with zero set-up. Opening creates or migrates the schema (Flyway, history table {@code
 * pec4j_schema_history}); H2 2.x and PostgreSQL are supported.
 *
 * <p>On H2 (a file, one process at a time) the registry declares {@code PERSISTENT}; on PostgreSQL
 * also {@code MULTI_PROCESS}: any number of JVMs may register against the same database, and numbers
 * stay unique and gapless.
 *
 * <p>On both it declares {@code DESK} (presa in carico and rifiuto, kept on the assignments) and
 * {@code MAILROOM}: {@code mailroom()} keeps {@code pec-mailroom}'s intake journal, outbox and mailbox
 * leases in tables of the same database (schema 3). On PostgreSQL, queuing a mail and taking a lease
 * hold across processes: {@code enqueue} inserts only if absent, {@code acquire} locks the lease's row.
 * Registrations made before schema 3 read back with no presa in carico.
 */
public final class JdbcRegistry {
    /**
     * The directory of the embedded default when nothing else is configured: {@code pec4j-registry},
     * relative to the working directory.
     */
    public static final Path DEFAULT_DIRECTORY = Path.of("pec4j-registry");

    /** Connections the registry's own pool keeps at most by default, when it is opened on a URL. */
    public static final int POOL_SIZE = 10;

    private JdbcRegistry() {}

    /**
     * A registry on connections from {@code dataSource}, which the caller owns and closes after the
     * registry. When {@code config} names a schema, the registry sets it on every connection it
     * borrows.
     *
     * @param clock the clock that dates registrations
     * @param dataSource the caller's connection source
     * @param config the schema, content store and limits
     * @return a registry on connections from {@code dataSource}, which the caller owns and closes after the registry
     * @throws IOException when the database cannot be reached or migrated
     * @throws IllegalArgumentException when the database is neither H2 nor PostgreSQL, or was set up
     *     with the other content store
     */
    public static ProtocolRegistry open(DataSource dataSource, JdbcRegistryConfig config, Clock clock) throws IOException {
        return JdbcProtocolRegistry.open(Objects.requireNonNull(dataSource, "dataSource"), false, config, clock);
    }

    /**
     * A registry on {@code jdbcUrl} with a HikariCP pool of its own, sized and timed by {@link
     * JdbcRegistryConfig#pool()} ({@value #POOL_SIZE} connections at most by default), closed with the
     * registry.
     *
     * @param jdbcUrl the database
     * @param user the database user; empty for none
     * @param password the password; empty for none
     * @param config the layout and the pool's settings
     * @param clock the registry's clock
     * @return the open registry
     * @throws IOException when the database cannot be reached or migrated
     */
    public static ProtocolRegistry open(String jdbcUrl, String user, String password, JdbcRegistryConfig config, Clock clock)
            throws IOException {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(config, "config");
        HikariDataSource pool = ConnectionPools.open(jdbcUrl, user, password, config.pool());
        try {
            return JdbcProtocolRegistry.open(pool, true, config, clock);
        } catch (IOException | RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The embedded registry: an H2 database in {@code directory} (file {@code registry.mv.db}),
     * created on first use, document content inside it. One process at a time.
     *
     * <p>H2 is an optional dependency of this module: the application adds {@code com.h2database:h2}
     * (its version comes from {@code pec-bom}).
     *
     * @param directory the directory of the database file, created when missing
     * @param clock the clock that dates registrations
     * @return the registry, open; close it to release the database file
     * @throws IOException when the database cannot be opened or migrated
     * @throws IllegalStateException when H2 is not on the class or module path
     */
    public static ProtocolRegistry embedded(Path directory, Clock clock) throws IOException {
        Drivers.require("jdbc:h2:", "com.h2database:h2", "the embedded registry");
        return open(h2Url(directory.resolve("registry")), "", "", JdbcRegistryConfig.defaults(), clock);
    }

    /**
     * The URL of an H2 database in file mode at {@code databaseFile} (H2 adds {@code .mv.db}), with
     * the settings the registry relies on:
     * <ul>
     *   <li>{@code WRITE_DELAY=0}: a transaction is written to the file before its commit returns, so
     *       a {@code kill -9} of the process loses nothing committed. H2's default (500 ms) keeps the
     *       last half second of commits in memory only, and the crash test loses them. H2 does not
     *       force the file to the disk at each commit: a power cut may still cost recent commits (use
     *       PostgreSQL where that matters).
     *   <li>{@code LOCK_TIMEOUT=30000}: registrations queueing for the number wait up to 30 s rather
     *       than H2's default of 2 s.
     *   <li>{@code QUERY_CACHE_SIZE=256}: each connection keeps its parsed statements; H2's default (8)
     *       is fewer than the registry and the mailroom use in one message's intake, so it parsed most
     *       statements again every time (≈ 8 % of the intake's CPU, measured with JFR).
     * </ul>
     *
     * @param databaseFile the database file without its {@code .mv.db} suffix
     * @return the JDBC URL
     */
    public static String h2Url(Path databaseFile) {
        String path = databaseFile.toString();
        if (!databaseFile.isAbsolute() && !path.startsWith(".")) path = "." + databaseFile.getFileSystem().getSeparator() + path;
        return "jdbc:h2:file:" + path + ";WRITE_DELAY=0;LOCK_TIMEOUT=30000;QUERY_CACHE_SIZE=256";
    }
}
