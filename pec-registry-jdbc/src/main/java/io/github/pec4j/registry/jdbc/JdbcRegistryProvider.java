package io.github.pec4j.registry.jdbc;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.RegistryProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The provider with id {@value #ID}. {@link #open} reads these properties, all optional:
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>property</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code jdbc.url}</td><td>the database, e.g. {@code jdbc:postgresql://db:5432/protocollo}</td>
 *       <td>{@link JdbcRegistry#h2Url H2} in {@code ./pec4j-registry/registry.mv.db}</td></tr>
 *   <tr><td>{@code jdbc.user}, {@code jdbc.password}</td><td>credentials</td><td>none</td></tr>
 *   <tr><td>{@code jdbc.schema}</td><td>schema of the registry's tables</td><td>the connection's</td></tr>
 *   <tr><td>{@code jdbc.maxDocumentBytes}</td><td>size limit per document</td><td>1 GiB</td></tr>
 *   <tr><td>{@code jdbc.pool.maxSize}</td><td>connections the pool keeps at most</td><td>10</td></tr>
 *   <tr><td>{@code jdbc.pool.connectionTimeoutMillis}</td><td>wait for a free connection</td><td>60000</td></tr>
 *   <tr><td>{@code jdbc.pool.maxLifetimeMillis}</td><td>age at which a connection is replaced</td><td>1800000</td></tr>
 *   <tr><td>{@code jdbc.pool.leakDetectionMillis}</td><td>held longer: a warning naming the borrower; 0 for none</td>
 *       <td>600000</td></tr>
 *   <tr><td>{@code content.store}</td><td>{@code database} or {@code filesystem}</td><td>{@code database}</td></tr>
 *   <tr><td>{@code content.dir}</td><td>directory of the file-system store</td><td>{@code ./pec4j-registry/content}</td></tr>
 * </table>
 *
 * <p>Relative paths are resolved against the working directory. An unknown property is refused, so
 * that a misspelt {@code jdbc.url} never opens an empty default register instead of yours.
 */
public final class JdbcRegistryProvider implements RegistryProvider {
    /** This provider's id. */
    public static final String ID = "jdbc";

    private static final Set<String> KNOWN = Set.of("jdbc.url", "jdbc.user", "jdbc.password", "jdbc.schema",
            "jdbc.maxDocumentBytes", "jdbc.pool.maxSize", "jdbc.pool.connectionTimeoutMillis", "jdbc.pool.maxLifetimeMillis",
            "jdbc.pool.leakDetectionMillis", "content.store", "content.dir");

    /** Found by {@link java.util.ServiceLoader}. */
    public JdbcRegistryProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    /**
     * Opens the registry the properties describe (see the class description).
     *
     * @throws IllegalArgumentException on an unknown property or an invalid value
     * @throws IOException when the database cannot be reached or migrated
     */
    @Override
    public ProtocolRegistry open(RegistryOptions options) throws IOException {
        Set<String> unknown = new TreeSet<>(options.properties().keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown properties for the jdbc registry: " + unknown + "; known: " + new TreeSet<>(KNOWN));
        }
        JdbcRegistryConfig config = JdbcRegistryConfig.defaults();
        if (options.property("jdbc.schema").isPresent()) config = config.withSchema(options.property("jdbc.schema").get());
        if (options.property("jdbc.maxDocumentBytes").isPresent()) {
            config = config.withMaxDocumentBytes(Long.parseLong(options.property("jdbc.maxDocumentBytes").get().trim()));
        }
        config = config.withPool(pool(options, config.pool()));
        String store = options.property("content.store").orElse("database");
        switch (store) {
            case "database" -> {
                if (options.property("content.dir").isPresent()) {
                    throw new IllegalArgumentException("content.dir is set but content.store is database");
                }
            }
            case "filesystem" -> config = config.withContentDirectory(
                    options.property("content.dir").map(Path::of).orElse(JdbcRegistry.DEFAULT_DIRECTORY.resolve("content")));
            default -> throw new IllegalArgumentException("content.store must be database or filesystem: " + store);
        }
        String url = options.property("jdbc.url").orElseGet(() -> JdbcRegistry.h2Url(JdbcRegistry.DEFAULT_DIRECTORY.resolve("registry")));
        return JdbcRegistry.open(url, options.property("jdbc.user").orElse(""), options.property("jdbc.password").orElse(""),
                config, options.clock());
    }

    private static JdbcRegistryConfig.Pool pool(RegistryOptions options, JdbcRegistryConfig.Pool defaults) {
        return new JdbcRegistryConfig.Pool(
                options.property("jdbc.pool.maxSize").map(v -> Integer.parseInt(v.trim())).orElse(defaults.maxPoolSize()),
                millis(options, "jdbc.pool.connectionTimeoutMillis").orElse(defaults.connectionTimeout()),
                millis(options, "jdbc.pool.maxLifetimeMillis").orElse(defaults.maxLifetime()),
                millis(options, "jdbc.pool.leakDetectionMillis").orElse(defaults.leakDetectionThreshold()));
    }

    private static Optional<Duration> millis(RegistryOptions options, String property) {
        return options.property(property).map(v -> Duration.ofMillis(Long.parseLong(v.trim())));
    }
}
