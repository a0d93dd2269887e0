package io.github.pec4j.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.jdbc.internal.ConnectionPools;
import io.github.pec4j.registry.tck.KitRequests;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's own pool is HikariCP, with the settings of {@link JdbcRegistryConfig.Pool}. */
class ConnectionPoolTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void thePoolKeepsItsSizeAndTimeout() throws Exception {
        var settings = new JdbcRegistryConfig.Pool(1, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(2));
        try (HikariDataSource pool = ConnectionPools.open(TestStores.h2Url(directory), "", "", settings)) {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
            assertThat(pool.getMaxLifetime()).isEqualTo(30_000);
            assertThat(pool.getLeakDetectionThreshold()).isEqualTo(2_000);
            try (Connection held = pool.getConnection()) {
                assertThat(held.isValid(1)).isTrue();
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
            }
            try (Connection again = pool.getConnection()) {
                assertThat(again.getAutoCommit()).isTrue();
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsAStorageFailureAtOnce() {
        assertThatThrownBy(() -> JdbcRegistry.open("jdbc:nosuchdriver://127.0.0.1/x", "", "", JdbcRegistryConfig.defaults(), CLOCK))
                .isInstanceOf(RegistryException.class)
                .satisfies(e -> assertThat(((RegistryException) e).reason()).isEqualTo(RegistryException.Reason.STORAGE));
    }

    @Test
    void poolSettingsOutsideHikarisLimitsAreRefused() {
        assertThatThrownBy(() -> new JdbcRegistryConfig.Pool(0, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPoolSize");
        assertThatThrownBy(() -> new JdbcRegistryConfig.Pool(2, Duration.ofMillis(10), Duration.ofMinutes(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectionTimeout");
        assertThatThrownBy(() -> new JdbcRegistryConfig.Pool(2, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLifetime");
        assertThatThrownBy(() -> new JdbcRegistryConfig.Pool(2, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leakDetectionThreshold");
    }

    @Test
    void theProviderReadsThePoolProperties() throws Exception {
        RegistryOptions options = RegistryOptions.defaults().withClock(CLOCK).with("jdbc.url", TestStores.h2Url(directory))
                .with("jdbc.pool.maxSize", "3").with("jdbc.pool.connectionTimeoutMillis", "1000")
                .with("jdbc.pool.maxLifetimeMillis", "60000").with("jdbc.pool.leakDetectionMillis", "0");
        try (ProtocolRegistry registry = ProtocolRegistries.open("jdbc", options)) {
            registry.register(KitRequests.incoming(KitRequests.REGISTER, "Istanza").build());
        }
        assertThatThrownBy(() -> ProtocolRegistries.open("jdbc", options.with("jdbc.pool.maxSize", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPoolSize");
    }
}
