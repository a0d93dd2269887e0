package io.github.pec4j.signature;

import io.github.pec4j.signature.internal.TrustMaterial;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The PEC providers a verifier trusts. Never the JVM's {@code cacerts}: PEC trust anchors are the
 * AgID PEC CAs and the providers' certificates, supplied by the caller from PEM files or directories,
 * PKCS#12/JKS keystores, or the providers' index exported as LDIF (RFC 6109 attributes
 * {@code providerCertificate} and {@code providerCertificateHash}).
 *
 * <p>A signer is trusted when its certificate (or its SHA-1/SHA-256 fingerprint) is listed, or when it
 * chains (PKIX, at the time the signature is judged, without revocation) to a configured CA. With no
 * source at all, trust is {@link Trust#UNKNOWN} and nothing is ever trusted. Immutable and
 * thread-safe; it remembers the certificate paths it has validated (at most 512, least recently used
 * out) with the period in which all their certificates are valid, so a provider's path is built once,
 * not per message, and a signature outside that period is judged afresh. Share one instance between
 * verifiers.
 */
public final class TrustStore {
    private static final TrustStore EMPTY = new TrustStore(TrustMaterial.empty());
    private final TrustMaterial material;

    private TrustStore(TrustMaterial material) {
        this.material = material;
    }

    /**
     * No trust at all: every intact signature is {@link Verdict#VALID_UNTRUSTED_SIGNER}.
     *
     * @return an empty trust store
     */
    public static TrustStore empty() {
        return EMPTY;
    }

    /**
     * A builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * True when no trust source was configured.
     *
     * @return true when no trust source was configured
     */
    public boolean isEmpty() {
        return material.isEmpty();
    }

    /**
     * Number of CA certificates usable as anchors.
     *
     * @return number of CA certificates usable as anchors
     */
    public int anchorCount() {
        return material.anchorCount();
    }

    /**
     * Number of listed provider certificates and fingerprints.
     *
     * @return number of listed provider certificates and fingerprints
     */
    public int providerCount() {
        return material.providerCount();
    }

    /**
     * When {@code certificate} was revoked, according to a configured CRL that its issuer signed; empty
     * when no such CRL lists it (or none is configured). Revocation is checked only against CRLs given
     * here: pec4j never fetches one.
     *
     * @param certificate the certificate itself
     * @return when {@code certificate} was revoked, according to a configured CRL that its issuer signed; empty when
     *     no such CRL lists it (or none is configured)
     */
    public java.util.Optional<Instant> revocation(X509Certificate certificate) {
        return material.revocation(certificate);
    }

    /**
     * Whether {@code signer} is trusted at {@code time}; {@code extra} are certificates found in the
     * signature, usable as intermediates.
     *
     * @param signer the signer certificate, when the signature could be read
     * @param extra certificates found in the signature
     * @param time the instant trust is judged at, usually the signing time
     * @return whether {@code signer} is trusted at {@code time}; {@code extra} are certificates found in the
     *     signature, usable as intermediates
     */
    public Trust evaluate(X509Certificate signer, Collection<X509Certificate> extra, Instant time) {
        return material.evaluate(signer, extra, time);
    }

    /** Builds a {@link TrustStore}; every method reports unreadable input as an {@link IOException}. */
    public static final class Builder {
        private final List<X509Certificate> certificates = new ArrayList<>();
        private final List<String> fingerprints = new ArrayList<>();
        private final List<java.security.cert.X509CRL> crls = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a certificate: a CA becomes an anchor, an end-entity certificate a listed provider.
         *
         * @param certificate the certificate itself
         * @return this builder
         */
        public Builder addCertificate(X509Certificate certificate) {
            certificates.add(Objects.requireNonNull(certificate, "certificate"));
            return this;
        }

        /**
         * Adds a listed provider certificate by its SHA-1 or SHA-256 fingerprint (hexadecimal, colons allowed).
         *
         * @param hex the fingerprint in hexadecimal
         * @return this builder
         */
        public Builder addFingerprint(String hex) {
            fingerprints.add(TrustMaterial.normaliseFingerprint(Objects.requireNonNull(hex, "hex")));
            return this;
        }

        /**
         * Adds every certificate of a PEM/DER file, or of every {@code .pem}, {@code .crt}, {@code .cer} file of a directory.
         *
         * @param fileOrDirectory a certificate file or a directory of them
         * @return this builder
         * @throws IOException when a file cannot be read or parsed
         */
        public Builder addPem(Path fileOrDirectory) throws IOException {
            certificates.addAll(TrustMaterial.readCertificates(fileOrDirectory));
            return this;
        }

        /**
         * Adds the trusted-certificate entries of a PKCS#12 or JKS keystore.
         *
         * @param file the keystore file
         * @param password the keystore's password
         * @return this builder
         * @throws IOException when the keystore cannot be read or opened
         */
        public Builder addKeyStore(Path file, char[] password) throws IOException {
            certificates.addAll(TrustMaterial.readKeyStore(file, password));
            return this;
        }

        /**
         * Adds the providers of an LDIF export of the PEC providers' index (RFC 6109 attributes).
         *
         * @param file the LDIF file
         * @return this builder
         * @throws IOException when the file cannot be read or parsed
         */
        public Builder addLdif(Path file) throws IOException {
            TrustMaterial.Ldif ldif = TrustMaterial.readLdif(file);
            certificates.addAll(ldif.certificates());
            fingerprints.addAll(ldif.fingerprints());
            return this;
        }

        /**
         * Adds a CRL (DER or PEM file) for offline revocation checks of signers whose issuer signed it.
         *
         * @param file the CRL file
         * @return this builder
         * @throws IOException when the file cannot be read or parsed
         */
        public Builder addCrl(Path file) throws IOException {
            crls.add(TrustMaterial.readCrl(file));
            return this;
        }

        /**
         * The trust store.
         *
         * @return the trust store
         */
        public TrustStore build() {
            return new TrustStore(TrustMaterial.of(certificates, fingerprints, crls));
        }
    }
}
