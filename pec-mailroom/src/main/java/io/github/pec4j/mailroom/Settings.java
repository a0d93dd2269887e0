package io.github.pec4j.mailroom;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What {@link ImapSettings} and {@link SmtpSettings} share: checks, password sources, a password-free description. */
final class Settings {

    private static final char[] NONE = new char[0];

    private Settings() {}

    static String host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a host is required");
        }
        return host.strip();
    }

    static void port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    static Supplier<char[]> fixed(char[] password) {
        char[] copy = Objects.requireNonNull(password, "password").clone();
        return copy::clone;
    }

    /** The URL's password, else the environment's, else none. */
    static Supplier<char[]> password(char @Nullable [] fromUrl, @Nullable String fromEnv) {
        if (fromUrl != null) {
            return fixed(fromUrl);
        }
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fixed(fromEnv.toCharArray());
        }
        return NONE::clone;
    }

    static String describe(String scheme, @Nullable String user, String host, int port, TransportSecurity security,
            List<Path> certificates, Optional<KeyStore> store, Duration connect, Duration read) {
        String trust = certificates.isEmpty() && store.isEmpty() ? "JVM trust store"
                : "trusting " + (certificates.isEmpty() ? "" : certificates) + (store.isEmpty() ? "" : " a key store");
        return scheme + "://" + (user == null ? "" : user + "@") + host + ":" + port
                + " (" + security + ", " + trust.strip() + ", connect timeout " + connect + ", read timeout " + read + ")";
    }
}
