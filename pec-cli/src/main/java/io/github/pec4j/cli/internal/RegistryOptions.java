package io.github.pec4j.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The protocol register a command works on, and the database password, from the environment or a file. Its options are
 * inherited: on {@code pec register} they are given after the subcommand's name, and set here.
 */
public final class RegistryOptions {
    @Option(scope = ScopeType.INHERIT, names = "--registry", paramLabel = "JDBC-URL", description = "The register: jdbc:postgresql://host/db or jdbc:h2:file:PATH "
            + "(default: see the command's description). The user comes from the URL or PEC_REGISTRY_USER.")
    String url;

    @Option(scope = ScopeType.INHERIT, names = "--registry-password-env", paramLabel = "VAR", defaultValue = Registers.PASSWORD_ENV,
            description = "The database password is in environment variable VAR (default: ${DEFAULT-VALUE}, if set).")
    String passwordEnv;

    @Option(scope = ScopeType.INHERIT, names = "--registry-password-file", paramLabel = "FILE", description = "The database password is the first line of FILE.")
    Path passwordFile;

    /** The URL given, if any. */
    Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The database password: from the file, else from the variable when it is set, else none.
     *
     * @throws IOException when the file cannot be read
     */
    Optional<char[]> password() throws IOException {
        if (passwordFile != null) return Secret.resolve("--registry-password", null, null, passwordFile);
        String v = passwordEnv == null ? null : System.getenv(passwordEnv);
        return Optional.ofNullable(v).map(String::toCharArray);
    }
}
