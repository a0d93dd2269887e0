package io.github.pec4j.mailroom;

/**
 * How the connection to a mail server is protected. The URL forms of {@link ImapSettings} and
 * {@link SmtpSettings} choose it: {@code imaps://} and {@code smtps://} mean {@link #TLS};
 * {@code imap://} and {@code smtp://} take {@code ?starttls=required|optional|none} (optional when
 * absent).
 *
 * <p>Use {@link #TLS} or {@link #STARTTLS_REQUIRED} for a real box: with the other two a network
 * attacker can read the password. Host names are always verified against the server's certificate.
 */
public enum TransportSecurity {
    /** TLS from the first byte (IMAPS on 993, SMTPS on 465). */
    TLS,
    /** Plain connection upgraded with STARTTLS; a server that does not offer it is refused. */
    STARTTLS_REQUIRED,
    /** STARTTLS when the server offers it, otherwise plain text (the default for {@code imap://}, {@code smtp://}). */
    STARTTLS_OPTIONAL,
    /** Plain text only: for tests and loopback servers. */
    NONE
}
