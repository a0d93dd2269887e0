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
 * Where and how the mailroom submits mail (replies from the institutional box, notifications to
 * offices) over SMTP. It authenticates (SMTP AUTH) when a user is set.
 *
 * <pre>{@code
 * // submission on 587 with STARTTLS required, password from PEC_SMTP_PASSWORD
 * SmtpSettings pec = SmtpSettings.parse("smtp://protocollo%40pec.comune.example.it@smtps.pec.example.it:587?starttls=required");
 *
 * // SMTPS (465), the password given by the application
 * SmtpSettings pec2 = SmtpSettings.parse("smtps://protocollo%40pec.comune.example.it@smtps.pec.example.it")
 *         .withPassword(passwordChars);
 *
 * // the town hall's own relay for notifications to offices: no user, no AUTH
 * SmtpSettings relay = SmtpSettings.parse("smtp://relay.comune.example.it:25?starttls=required");
 * }</pre>
 *
 * <p>URL forms: {@code smtps://[user@]host[:465]} (TLS), {@code smtp://[user@]host[:587][?starttls=required|optional|none]}
 * ({@code optional} when absent; see {@link TransportSecurity}). The password comes from the URL, from
 * {@value #PASSWORD_ENV} or from {@link #withPassword(char[])}. Without trust material the JVM's trust
 * store decides; the host name is always verified. {@link #toString()} never shows the password.
 *
 * @param host the server's host name or address
 * @param port the server's port
 * @param security TLS, STARTTLS or plain text
 * @param user the login for SMTP AUTH; empty to send without AUTH
 * @param password read at each login; an empty array when none was given
 * @param trustCertificates PEM or DER files of the certificates to trust
 * @param trustStore a key store whose certificates are trusted
 * @param connectTimeout the longest wait to open a connection
 * @param readTimeout the longest wait for a server reply
 */
public record SmtpSettings(String host, int port, TransportSecurity security, Optional<String> user,
        Supplier<char[]> password, List<Path> trustCertificates, Optional<KeyStore> trustStore,
        Duration connectTimeout, Duration readTimeout) {

    /** The environment variable read for the password when the URL carries none. */
    public static final String PASSWORD_ENV = "PEC_SMTP_PASSWORD";
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
     * @param user the login for SMTP AUTH; empty to send without AUTH
     * @param password read at each login; an empty array when none was given
     * @param trustCertificates PEM or DER files of the certificates to trust
     * @param trustStore a key store whose certificates are trusted
     * @param connectTimeout the longest wait to open a connection
     * @param readTimeout the longest wait for a server reply
     */
    public SmtpSettings {
        host = Settings.host(host);
        Settings.port(port);
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(user, "user");
        if (user.isPresent() && user.get().isBlank()) {
            throw new IllegalArgumentException("a blank SMTP user: give none (empty) to send without AUTH");
        }
        Objects.requireNonNull(password, "password");
        trustCertificates = List.copyOf(trustCertificates);
        Objects.requireNonNull(trustStore, "trustStore");
        Settings.positive(connectTimeout, "connectTimeout");
        Settings.positive(readTimeout, "readTimeout");
    }

    /**
     * Parses an {@code smtp://} or {@code smtps://} URL (see the class comment).
     *
     * @param url the SMTP URL
     * @return the settings
     * @throws IllegalArgumentException for a malformed URL (the message never repeats the URL)
     */
    public static SmtpSettings parse(String url) {
        return parse(url, System::getenv);
    }

    static SmtpSettings parse(String url, Function<String, @Nullable String> env) {
        MailUrl u = MailUrl.parse(url, "smtp", 587, "smtps", 465);
        return new SmtpSettings(u.host(), u.port(), u.security(), u.user(),
                Settings.password(u.password(), env.apply(PASSWORD_ENV)),
                List.of(), Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /**
     * The same settings with this password (copied: the caller may wipe its array).
     *
     * @param password read at each login; an empty array when none was given
     * @return the same settings with this password (copied: the caller may wipe its array)
     */
    public SmtpSettings withPassword(char[] password) {
        return withPassword(Settings.fixed(password));
    }

    /**
     * The same settings with a password read at each login.
     *
     * @param password read at each login; an empty array when none was given
     * @return the same settings with a password read at each login
     */
    public SmtpSettings withPassword(Supplier<char[]> password) {
        return new SmtpSettings(host, port, security, user, password, trustCertificates, trustStore, connectTimeout, readTimeout);
    }

    /**
     * The same settings trusting these certificate files (PEM or DER) instead of the JVM's trust store.
     *
     * @param files the certificate files to trust
     * @return the same settings trusting these certificate files (PEM or DER) instead of the JVM's trust store
     */
    public SmtpSettings withTrustCertificates(List<Path> files) {
        return new SmtpSettings(host, port, security, user, password, files, trustStore, connectTimeout, readTimeout);
    }

    /**
     * The same settings trusting the certificates of this key store instead of the JVM's trust store.
     *
     * @param store the key store whose certificates are trusted
     * @return the same settings trusting the certificates of this key store instead of the JVM's trust store
     */
    public SmtpSettings withTrustStore(KeyStore store) {
        return new SmtpSettings(host, port, security, user, password, trustCertificates, Optional.of(store),
                connectTimeout, readTimeout);
    }

    /**
     * The same settings with these timeouts.
     *
     * @param connect the connection timeout
     * @param read the read timeout
     * @return the same settings with these timeouts
     */
    public SmtpSettings withTimeouts(Duration connect, Duration read) {
        return new SmtpSettings(host, port, security, user, password, trustCertificates, trustStore, connect, read);
    }

    /** The settings without the password, e.g. {@code smtps://box@host:465 (TLS, JVM trust store, ...)}. */
    @Override
    public String toString() {
        return Settings.describe(security == TransportSecurity.TLS ? "smtps" : "smtp", user.orElse(null), host, port, security,
                trustCertificates, trustStore, connectTimeout, readTimeout);
    }
}
