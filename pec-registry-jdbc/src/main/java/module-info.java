/**
 * pec4j JDBC registry: a persistent {@code ProtocolRegistry} on an embedded H2 database (zero set-up)
 * or on PostgreSQL (several processes), with its schema migrated by Flyway.
 */
module io.github.pec4j.registry.jdbc {
    requires transitive io.github.pec4j.registry;
    requires transitive java.sql;
    // Flyway 13 publishes neither a module-info nor an Automatic-Module-Name: "flyway.core" is the name
    // the JDK derives from Maven's file name flyway-core-<version>.jar (a renamed jar changes it).
    // examples/quickstart's QuickStartIT starts this module on the module path to prove it resolves.
    requires flyway.core;
    requires com.zaxxer.hikari;
    requires static org.jspecify;

    exports io.github.pec4j.registry.jdbc;

    provides io.github.pec4j.registry.RegistryProvider with io.github.pec4j.registry.jdbc.JdbcRegistryProvider;
}
