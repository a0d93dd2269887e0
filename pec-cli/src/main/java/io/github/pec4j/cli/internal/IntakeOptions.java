package io.github.pec4j.cli.internal;

import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.SmtpSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** What every {@code pec intake} command is given: the box, the register, the trust, the AOO's configuration, the passwords. */
public final class IntakeOptions {
    @Option(scope = ScopeType.INHERIT, names = "--imap", paramLabel = "URL", description = "The institutional box: imap://user@host:port or imaps://… (an @ in the "
            + "user is %%40; ?starttls=none for a plain loopback server). Required. Password from PEC_IMAP_PASSWORD, --imap-password-env "
            + "or --imap-password-file (a password in the URL works, but is discouraged).")
    String imap;

    @Option(scope = ScopeType.INHERIT, names = "--imap-password-env", paramLabel = "VAR", description = "The IMAP password is in environment variable VAR.")
    String imapPasswordEnv;

    @Option(scope = ScopeType.INHERIT, names = "--imap-password-file", paramLabel = "FILE", description = "The IMAP password is the first line of FILE.")
    Path imapPasswordFile;

    @Option(scope = ScopeType.INHERIT, names = "--smtp", paramLabel = "URL", description = "Where replies and notifications are submitted: smtp://user@host:port or "
            + "smtps://…; password from PEC_SMTP_PASSWORD, --smtp-password-env or --smtp-password-file.")
    String smtp;

    @Option(scope = ScopeType.INHERIT, names = "--smtp-password-env", paramLabel = "VAR", description = "The SMTP password is in environment variable VAR.")
    String smtpPasswordEnv;

    @Option(scope = ScopeType.INHERIT, names = "--smtp-password-file", paramLabel = "FILE", description = "The SMTP password is the first line of FILE.")
    Path smtpPasswordFile;

    @Option(scope = ScopeType.INHERIT, names = "--tls-trust", paramLabel = "PEM", description = "Certificates (PEM) the IMAP and SMTP servers' TLS is trusted by, "
            + "instead of the JVM's. Repeatable.")
    List<Path> tlsTrust = new ArrayList<>();

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Mixin
    TrustOptions trust = new TrustOptions();

    @Option(scope = ScopeType.INHERIT, names = "--aoo", paramLabel = "FILE", description = "The AOO's configuration (.json or .yaml, with its mailroom: section; "
            + "default: the law's defaults, the demo's register c_demo/AOO_DEMO/PG).")
    String aoo;

    @Option(scope = ScopeType.INHERIT, names = "--policy", paramLabel = "FILE", description = "The format policy (.json or .yaml; default: the Caluso-style policy).")
    String policy;

    @Option(scope = ScopeType.INHERIT, names = "--ipa", paramLabel = "DIR", description = "The IPA open-data files (the administrations' domiciles).")
    String ipa;

    /**
     * The IMAP settings of {@code --imap}, with the password and the TLS trust given.
     *
     * @throws IllegalArgumentException when the URL or the password options are wrong
     * @throws IOException when a password file cannot be read
     */
    ImapSettings imap() throws IOException {
        ImapSettings s = ImapSettings.parse(imap);
        Optional<char[]> password = Secret.resolve("--imap-password", null, imapPasswordEnv, imapPasswordFile);
        if (password.isPresent()) s = s.withPassword(password.get());
        return tlsTrust.isEmpty() ? s : s.withTrustCertificates(tlsTrust);
    }

    /** The SMTP settings of {@code --smtp}, if given, with the password and the TLS trust given. */
    Optional<SmtpSettings> smtp() throws IOException {
        if (smtp == null) return Optional.empty();
        SmtpSettings s = SmtpSettings.parse(smtp);
        Optional<char[]> password = Secret.resolve("--smtp-password", null, smtpPasswordEnv, smtpPasswordFile);
        if (password.isPresent()) s = s.withPassword(password.get());
        return Optional.of(tlsTrust.isEmpty() ? s : s.withTrustCertificates(tlsTrust));
    }
}
