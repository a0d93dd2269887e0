package io.github.pec4j.registry.jdbc.internal;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Checks that a JDBC driver is present before a registry is opened on it, so that a missing optional
 * dependency (H2 for the embedded registry) is named in the error rather than surfacing as Flyway's
 * or DriverManager's "no suitable driver".
 */
public final class Drivers {
    private Drivers() {}

    /**
     * Fails unless a registered JDBC driver accepts URLs starting with {@code urlPrefix}. Drivers are
     * found through {@link java.util.ServiceLoader}, so this holds on the class path and the module path.
     *
     * @throws IllegalStateException naming {@code artifact} and {@code purpose} when none does
     */
    public static void require(String urlPrefix, String artifact, String purpose) {
        try {
            DriverManager.getDriver(urlPrefix);
        } catch (SQLException absent) {
            throw new IllegalStateException(purpose + " needs the JDBC driver " + artifact
                    + " on the class path or module path (an optional dependency of pec-registry-jdbc: add it to"
                    + " the application, version from pec-bom)", absent);
        }
    }
}
