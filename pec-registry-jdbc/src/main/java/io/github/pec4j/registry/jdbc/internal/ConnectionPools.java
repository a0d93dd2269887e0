package io.github.pec4j.registry.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.RegistryException.Reason;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import java.util.concurrent.atomic.AtomicInteger;

/** The HikariCP pool the registry keeps when it is opened on a JDBC URL. */
public final class ConnectionPools {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private ConnectionPools() {}

    /**
     * A started pool on {@code jdbcUrl}; the registry closes it.
     *
     * @throws RegistryException STORAGE when no first connection can be made (bad URL, no driver, refused)
     */
    public static HikariDataSource open(String jdbcUrl, String user, String password, JdbcRegistryConfig.Pool settings)
            throws RegistryException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pec4j-registry-" + POOLS.incrementAndGet());
        config.setJdbcUrl(jdbcUrl);
        if (!user.isEmpty()) config.setUsername(user);
        if (!password.isEmpty()) config.setPassword(password);
        config.setMaximumPoolSize(settings.maxPoolSize());
        // a couple kept open: an embedded H2 file closes with its last connection and reopening it costs
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setLeakDetectionThreshold(settings.leakDetectionThreshold().toMillis());
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config); // fails fast: it makes one connection now
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RegistryException(Reason.STORAGE, "connecting to the registry database failed: " + cause.getMessage(), e);
        }
    }
}
