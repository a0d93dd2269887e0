package io.github.pec4j.mailroom;

import io.github.pec4j.formats.FormatPolicy;
import java.util.Objects;
import java.util.Set;

/**
 * The AOO's rules for outgoing letters, checked by the pre-flight (OUT-PRE-01, OUT-PRE-02).
 *
 * @param signedPrimary what happens when the primary document is not signed with a valid signature
 * @param signedPrimaryFormats the signature formats accepted on the primary ({@code cades}, {@code pades}, ...)
 *     when {@code signedPrimary} is {@link Requirement#REQUIRE}; empty for any
 * @param secondaryTypes the media types secondary attachments must have (detected from their content); empty for any
 *     the format policy admits
 * @param digitalDomicile whether every recipient must have a digital domicile: {@link Requirement#REQUIRE} refuses an
 *     ordinary e-mail address, {@link Requirement#WARN} lets it through with the warning that delivery will not be provable
 * @param formats the format policy every document is checked against (names, types, sizes, active content)
 * @param providerLimitBytes the provider's limit on the message size times its recipients
 */
public record OutboundPolicy(Requirement signedPrimary, Set<String> signedPrimaryFormats, Set<String> secondaryTypes,
        Requirement digitalDomicile, FormatPolicy formats, long providerLimitBytes) {

    /** How strictly a rule applies. */
    public enum Requirement {
        /** Not checked. */
        NONE,
        /** Checked; a failure is a warning and the letter leaves. */
        WARN,
        /** Checked; a failure stops the letter before any number is used. */
        REQUIRE
    }

    /** The usual provider limit: 30 MB times the recipients. */
    public static final long DEFAULT_PROVIDER_LIMIT = 30L * 1024 * 1024;

    /**
     * Checks and copies.
     *
     * @param signedPrimary what happens when the primary document is not signed with a valid signature
     * @param signedPrimaryFormats the signature formats accepted on the primary ({@code cades}, {@code pades}, ...)
     *     when {@code signedPrimary} is {@link Requirement#REQUIRE}; empty for any
     * @param secondaryTypes the media types secondary attachments must have (detected from their content); empty for
     *     any the format policy admits
     * @param digitalDomicile whether every recipient must have a digital domicile: {@link Requirement#REQUIRE}
     *     refuses an ordinary e-mail address, {@link Requirement#WARN} lets it through with the warning that delivery
     *     will not be provable
     * @param formats the format policy every document is checked against (names, types, sizes, active content)
     * @param providerLimitBytes the provider's limit on the message size times its recipients
     */
    public OutboundPolicy {
        Objects.requireNonNull(signedPrimary, "signedPrimary");
        signedPrimaryFormats = Set.copyOf(signedPrimaryFormats);
        secondaryTypes = Set.copyOf(secondaryTypes);
        Objects.requireNonNull(digitalDomicile, "digitalDomicile");
        Objects.requireNonNull(formats, "formats");
        if (providerLimitBytes < 1) throw new IllegalArgumentException("providerLimitBytes must be positive");
    }

    /**
     * The default (OUT-PRE-02 is an office policy, not law): an unsigned primary warns, ordinary
     * addresses are allowed with a warning, the Caluso format policy, 30 MB.
     *
     * @return the default (OUT-PRE-02 is an office policy, not law): an unsigned primary warns, ordinary addresses
     *     are allowed with a warning, the Caluso format policy, 30 MB
     */
    public static OutboundPolicy defaults() {
        return new OutboundPolicy(Requirement.WARN, Set.of(), Set.of(), Requirement.WARN, FormatPolicy.caluso(), DEFAULT_PROVIDER_LIMIT);
    }

    /**
     * Mogliano's rule (seed 000): "l'invio corretto di una PEC è possibile solo in presenza di un documento firmato
     * digitalmente (primario), in formato p7m, al quale possono essere allegati altri documenti in formato pdf" —
     * a signed primary (CAdES {@code .p7m} or PAdES) required, PDF secondaries, recipients chosen "per invio PEC"
     * only (no ordinary addresses).
     *
     * @return the policy
     */
    public static OutboundPolicy mogliano() {
        return new OutboundPolicy(Requirement.REQUIRE, Set.of("cades", "pades"), Set.of("application/pdf"), Requirement.REQUIRE,
                FormatPolicy.caluso(), DEFAULT_PROVIDER_LIMIT);
    }

    /**
     * This policy with another provider limit.
     *
     * @param bytes the provider's size limit in bytes
     * @return this policy with another provider limit
     */
    public OutboundPolicy withProviderLimit(long bytes) {
        return new OutboundPolicy(signedPrimary, signedPrimaryFormats, secondaryTypes, digitalDomicile, formats, bytes);
    }

    /**
     * This policy with another format policy.
     *
     * @param value the attachment format policy
     * @return this policy with another format policy
     */
    public OutboundPolicy withFormats(FormatPolicy value) {
        return new OutboundPolicy(signedPrimary, signedPrimaryFormats, secondaryTypes, digitalDomicile, value, providerLimitBytes);
    }

    /**
     * This policy refusing ({@link Requirement#REQUIRE}) or allowing with a warning ({@link Requirement#WARN})
     * ordinary e-mail recipients.
     *
     * @param value whether a recipient without a digital domicile refuses the letter or only warns
     * @return this policy refusing ({@link Requirement#REQUIRE}) or allowing with a warning ({@link
     *     Requirement#WARN}) ordinary e-mail recipients
     */
    public OutboundPolicy withDigitalDomicile(Requirement value) {
        return new OutboundPolicy(signedPrimary, signedPrimaryFormats, secondaryTypes, value, formats, providerLimitBytes);
    }

    /**
     * Whether an ordinary address is refused.
     *
     * @return whether an ordinary address is refused
     */
    public boolean refusesOrdinaryRecipients() {
        return digitalDomicile == Requirement.REQUIRE;
    }
}
