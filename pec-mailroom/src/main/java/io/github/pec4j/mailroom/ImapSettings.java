package io.github.pec4j.mailroom;

import io.github.pec4j.mailroom.internal.MailUrl;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the mailroom reads the institutional PEC box over IMAP.
 *
 * <p>Usually parsed from a URL; the password comes from the URL, from the {@value #PASSWORD_ENV}
 * environment variable, or from {@link #withPassword(char[])}:
 * <pre>{@code
 * // IMAP over TLS (993), password from PEC_IMAP_PASSWORD; an '@' in the user is written %40
 * ImapSettings box = ImapSettings.parse("imaps://protocollo%40pec.comune.example.it@imaps.pec.example.it");
 *
 * // STARTTLS on 143, required; the provider's CA given as a PEM file; a password from a vault
 * ImapSettings box2 = ImapSettings.parse("imap://protocollo%40pec.comune.example.it@mail.example.it:143?starttls=required")
 *         .withPassword(() -> vault.secret("pec-imap"))
 *         .withTrustCertificates(List.of(Path.of("/etc/pec4j/provider-ca.pem")))
 *         .withTimeouts(Duration.ofSeconds(20), Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>URL forms: {@code imaps://user@host[:993]} (TLS), {@code imap://user@host[:143][?starttls=required|optional|none]}
 * ({@code optional} when absent; see {@link TransportSecurity}). Without trust material the JVM's trust
 * store decides; the server's host name is always verified. {@link #toString()} never shows the password.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param security TLS, STARTTLS or plain text
 * @param user the login (often the PEC address itself)
 * @param password read each time the mailroom logs in; an empty array when none was given
 * @param trustCertificates PEM or DER files of the certificates (usually CAs) to trust; with
 *     {@code trustStore}, they replace the JVM's trust store
 * @param trustStore a key store whose certificates are trusted
 * @param connectTimeout the longest wait to open a connection
 * @param readTimeout the longest wait for a server reply (IDLE is not cut by it)
 */
public record ImapSettings(String host, int port, TransportSecurity security, String user,
        Supplier<char[]> password, List<Path> trustCertificates, Optional<KeyStore> trustStore,
        Duration connectTimeout, Duration readTimeout) {

    /** The environment variable read for the password when the URL carries none. */
    public static final String PASSWORD_ENV = "PEC_IMAP_PASSWORD";
    /** The connect timeout unless set otherwise: 30 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The read timeout unless set otherwise: 2 minutes. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Checks every setting and copies the list.
     *
     * @param host the server's host name or address
     * @param port the server's port
     * @param security TLS, STARTTLS or plain text
     * @param user the login (often the PEC address itself)
     * @param password read each time the mailroom logs in; an empty array when none was given
     * @param trustCertificates PEM or DER files of the certificates (usually CAs) to trust; with {@code trustStore},
     *     they replace the JVM's trust store
     * @param trustStore a key store whose certificates are trusted
     * @param connectTimeout the longest wait to open a connection
     * @param readTimeout the longest wait for a server reply (IDLE is not cut by it)
     */
    public ImapSettings {
        host = Settings.host(host);
        Settings.port(port);
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("an IMAP user is required");
        }
        Objects.requireNonNull(password, "password");
        trustCertificates = List.copyOf(trustCertificates);
        Objects.requireNonNull(trustStore, "trustStore");
        Settings.positive(connectTimeout, "connectTimeout");
        Settings.positive(readTimeout, "readTimeout");
    }

    /**
     * Parses an {@code imap://} or {@code imaps://} URL (see the class comment); the password is the
     * URL's, else {@value #PASSWORD_ENV}'s, else none (add one with {@link #withPassword}).
     *
     * @param url the IMAP URL
     * @return the settings
     * @throws IllegalArgumentException for a malformed URL (the message never repeats the URL) or a missing user
     */
    public static ImapSettings parse(String url) {
        return parse(url, System::getenv);
    }

    static ImapSettings parse(String url, Function<String, @Nullable String> env) {
        MailUrl u = MailUrl.parse(url, "imap", 143, "imaps", 993);
        String user = u.user().orElseThrow(() -> new IllegalArgumentException("the IMAP URL has no user (imaps://user@host)"));
        return new ImapSettings(u.host(), u.port(), u.security(), user, Settings.password(u.password(), env.apply(PASSWORD_ENV)),
                List.of(), Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /**
     * The same settings with this password (copied: the caller may wipe its array).
     *
     * @param password read at each login; an empty array when none was given
     * @return the same settings with this password (copied: the caller may wipe its array)
     */
    public ImapSettings withPassword(char[] password) {
        return withPassword(Settings.fixed(password));
    }

    /**
     * The same settings with a password read at each login (from a vault, say).
     *
     * @param password read at each login; an empty array when none was given
     * @return the same settings with a password read at each login (from a vault, say)
     */
    public ImapSettings withPassword(Supplier<char[]> password) {
        return new ImapSettings(host, port, security, user, password, trustCertificates, trustStore, connectTimeout, readTimeout);
    }

    /**
     * The same settings trusting these certificate files (PEM or DER) instead of the JVM's trust store.
     *
     * @param files the certificate files to trust
     * @return the same settings trusting these certificate files (PEM or DER) instead of the JVM's trust store
     */
    public ImapSettings withTrustCertificates(List<Path> files) {
        return new ImapSettings(host, port, security, user, password, files, trustStore, connectTimeout, readTimeout);
    }

    /**
     * The same settings trusting the certificates of this key store instead of the JVM's trust store.
     *
     * @param store the key store whose certificates are trusted
     * @return the same settings trusting the certificates of this key store instead of the JVM's trust store
     */
    public ImapSettings withTrustStore(KeyStore store) {
        return new ImapSettings(host, port, security, user, password, trustCertificates, Optional.of(store),
                connectTimeout, readTimeout);
    }

    /**
     * The same settings with these timeouts.
     *
     * @param connect the connection timeout
     * @param read the read timeout
     * @return the same settings with these timeouts
     */
    public ImapSettings withTimeouts(Duration connect, Duration read) {
        return new ImapSettings(host, port, security, user, password, trustCertificates, trustStore, connect, read);
    }

    /** The settings without the password, e.g. {@code imaps://box@host:993 (TLS, JVM trust store, ...)}. */
    @Override
    public String toString() {
        return Settings.describe(security == TransportSecurity.TLS ? "imaps" : "imap", user, host, port, security,
                trustCertificates, trustStore, connectTimeout, readTimeout);
    }
}
