package io.github.pec4j.spring.boot;

import io.github.pec4j.registry.ProtocolRegistries;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryOptions;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import java.io.IOException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The protocol registry. With {@code pec4j.registry.store=AUTO} (the default) it is the JDBC registry on
 * Boot's {@link DataSource} when the context has one (H2 or PostgreSQL; the tables in {@code
 * pec4j.registry.schema}, migrated by the registry's own Flyway history, apart from the application's),
 * and otherwise the embedded H2 register in {@code pec4j.registry.embedded-directory}: a registry is a
 * legal record, so the default keeps it on disk; the in-memory registry is only had by asking for it
 * ({@code MEMORY}). An application's own {@link ProtocolRegistry} bean replaces it.
 */
@AutoConfiguration(after = Pec4jAutoConfiguration.class,
        afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "pec4j", name = "enabled", havingValue = "true", matchIfMissing = true)
public class Pec4jRegistryAutoConfiguration {

    /** Creates the auto-configuration (Spring does). */
    public Pec4jRegistryAutoConfiguration() {}

    /**
     * The registry, closed with the context (before the DataSource it uses).
     *
     * @param properties the {@code pec4j.*} settings
     * @param dataSource Boot's DataSource, if any
     * @param clock the clock registrations are dated by
     * @return the registry
     * @throws IOException when the database cannot be reached or migrated
     */
    @Bean
    @ConditionalOnMissingBean
    public ProtocolRegistry protocolRegistry(Pec4jProperties properties, ObjectProvider<DataSource> dataSource, Clock clock)
            throws IOException {
        Pec4jProperties.Registry r = properties.getRegistry();
        switch (r.getStore()) {
            case MEMORY:
                return ProtocolRegistries.open("memory", RegistryOptions.defaults().withClock(clock));
            case EMBEDDED:
                return JdbcRegistry.embedded(r.getEmbeddedDirectory(), clock);
            case DATASOURCE:
                return JdbcRegistry.open(dataSource.getObject(), jdbcConfig(r), clock);
            default:
                DataSource ds = dataSource.getIfUnique();
                return ds != null ? JdbcRegistry.open(ds, jdbcConfig(r), clock) : JdbcRegistry.embedded(r.getEmbeddedDirectory(), clock);
        }
    }

    private static JdbcRegistryConfig jdbcConfig(Pec4jProperties.Registry r) {
        JdbcRegistryConfig config = JdbcRegistryConfig.defaults().withMaxDocumentBytes(r.getMaxDocumentBytes());
        if (r.getSchema() != null && !r.getSchema().isBlank()) config = config.withSchema(r.getSchema());
        if (r.getContentDirectory() != null) config = config.withContentDirectory(r.getContentDirectory());
        return config;
    }
}
