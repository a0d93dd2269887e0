package io.github.pec4j.cli.internal;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegistryException;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * How the commands reach the protocol register: a JDBC URL given with {@code --registry}, or the
 * embedded H2 register the demo writes. Database credentials come from the URL or from {@code
 * PEC_REGISTRY_USER} / {@code PEC_REGISTRY_PASSWORD}, and are never printed.
 */
public final class Registers {
    /** The directory of the demo's embedded register, relative to the working directory. */
    public static final Path DEMO_DIRECTORY = DemoOffice.DEFAULT_DIRECTORY.resolve("registry");

    /** The environment variable the database user is read from. */
    public static final String USER_ENV = "PEC_REGISTRY_USER";
    /** The environment variable the database password is read from by default. */
    public static final String PASSWORD_ENV = "PEC_REGISTRY_PASSWORD";

    /** Opens a register from its JDBC URL. */
    @FunctionalInterface
    public interface Opener {
        /**
         * Opens the register at {@code jdbcUrl}, the credentials from the URL or the environment.
         *
         * @param jdbcUrl the URL
         * @param clock the register's clock
         * @return the register
         * @throws IOException when it cannot be reached
         */
        ProtocolRegistry open(String jdbcUrl, Clock clock) throws IOException;

        /**
         * Opens the register at {@code jdbcUrl} with {@code password} (from {@code --registry-password-file} or
         * {@code -env}); an opener that ignores credentials (a test's) opens as {@link #open(String, Clock)}.
         *
         * @param jdbcUrl the URL
         * @param password the database password
         * @param clock the register's clock
         * @return the register
         * @throws IOException when it cannot be reached
         */
        default ProtocolRegistry open(String jdbcUrl, char[] password, Clock clock) throws IOException {
            return open(jdbcUrl, clock);
        }
    }

    /** The JDBC registry, the user from {@value #USER_ENV}, the password given or from {@value #PASSWORD_ENV}. */
    private static final class JdbcOpener implements Opener {
        @Override
        public ProtocolRegistry open(String jdbcUrl, Clock clock) throws IOException {
            return open(jdbcUrl, env(PASSWORD_ENV).toCharArray(), clock);
        }

        @Override
        public ProtocolRegistry open(String jdbcUrl, char[] password, Clock clock) throws IOException {
            return JdbcRegistry.open(jdbcUrl, env(USER_ENV), new String(password), JdbcRegistryConfig.defaults(), clock);
        }
    }

    /**
     * A test seam: how a JDBC URL becomes a registry. The CLI's tests replace it to run the commands
     * over another registry (e.g. the in-memory one).
     */
    public static volatile Opener opener = new JdbcOpener();

    private Registers() {}

    /** The JDBC URL of the demo's embedded register. */
    public static String demoUrl() {
        return JdbcRegistry.h2Url(DEMO_DIRECTORY.resolve("registry"));
    }

    /**
     * Opens the register at {@code url}, or the demo's embedded one when absent; the embedded one must
     * already exist (a typo never opens an empty register in its place).
     *
     * @throws NoSuchFileException when the default register does not exist
     * @throws IllegalArgumentException when {@code url} is not a {@code jdbc:} URL
     */
    public static ProtocolRegistry open(Optional<String> url, Clock clock) throws IOException {
        return open(url, Optional.empty(), clock);
    }

    /**
     * As {@link #open(Optional, Clock)}, with the database password when one was given on the command line's terms.
     *
     * @throws NoSuchFileException when the default register does not exist
     * @throws IllegalArgumentException when {@code url} is not a {@code jdbc:} URL
     */
    public static ProtocolRegistry open(Optional<String> url, Optional<char[]> password, Clock clock) throws IOException {
        if (url.isPresent()) {
            if (!url.get().startsWith("jdbc:")) {
                throw new IllegalArgumentException("--registry takes a JDBC URL (jdbc:h2:file:…, jdbc:postgresql://…)");
            }
            return password.isPresent() ? opener.open(url.get(), password.get(), clock) : opener.open(url.get(), clock);
        }
        if (!Files.exists(DEMO_DIRECTORY.resolve("registry.mv.db"))) {
            throw new NoSuchFileException(DEMO_DIRECTORY.resolve("registry.mv.db").toString(), null,
                    "no register there: run pec demo first, or give --registry JDBC-URL");
        }
        return opener.open(demoUrl(), clock);
    }

    /**
     * Opens the register at {@code url}, or the demo's embedded one when absent, creating it if it does
     * not exist yet (the intake's default).
     */
    public static ProtocolRegistry openOrCreate(Optional<String> url, Optional<char[]> password, Clock clock) throws IOException {
        if (url.isPresent()) return open(url, password, clock);
        Files.createDirectories(DEMO_DIRECTORY);
        return opener.open(demoUrl(), clock);
    }

    /** A URL as it may be shown: user information and password parameters hidden. */
    public static String redacted(String url) {
        return url.replaceAll("(?i)((?:password|passwd)=)[^;&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
    }

    /** The one-line reason a registry refused an operation, without the reason's prefix. */
    static String refusal(RegistryException e) {
        String m = e.getMessage();
        String prefix = e.reason() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static String env(String name) {
        return Optional.ofNullable(System.getenv(name)).orElse("");
    }
}
