/**
 * pec4j JDBC registry: a persistent {@code ProtocolRegistry} on an embedded H2 database (zero set-up)
 * or on PostgreSQL (several processes), with its schema migrated by Flyway.
 */
module io.github.pec4j.registry.jdbc {
    requires transitive io.github.pec4j.registry;
    requires transitive java.sql;
    requires flyway.core;
    requires static org.jspecify;

    exports io.github.pec4j.registry.jdbc;

    provides io.github.pec4j.registry.RegistryProvider with io.github.pec4j.registry.jdbc.JdbcRegistryProvider;
}
