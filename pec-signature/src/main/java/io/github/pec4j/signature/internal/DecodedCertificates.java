package io.github.pec4j.signature.internal;

import io.github.pec4j.signature.SignerCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.jspecify.annotations.Nullable;

/**
 * Certificates found in provider signatures, decoded once per distinct certificate: a provider signs every
 * message with the same one, so decoding it, describing it and building the signature verifier for its key
 * each time is work repeated per message. Keyed by the certificate's DER bytes, so what is cached is a pure
 * function of those bytes (no trust, no time): sharing it between verifiers and trust stores cannot change a
 * verdict. Bounded ({@value #ENTRIES} certificates, least recently used out) and safe for concurrent use.
 */
final class DecodedCertificates {
    /** Provider and CA certificates of the AgID index, with room to spare. */
    static final int ENTRIES = 512;
    private static final BoundedCache<ByteBuffer, Decoded> CACHE = new BoundedCache<>(ENTRIES);

    private DecodedCertificates() {}

    /** A certificate with what the verifier derives from it. */
    static final class Decoded {
        private final X509Certificate certificate;
        private volatile @Nullable SignerCertificate description;
        private volatile @Nullable SignerInformationVerifier verifier;

        Decoded(X509Certificate certificate) {
            this.certificate = certificate;
        }

        X509Certificate certificate() {
            return certificate;
        }

        /** The certificate as facts, made on first use (only a signer's is ever needed). */
        SignerCertificate description() {
            SignerCertificate d = description;
            if (d == null) {
                d = BcProviderSignatureVerifier.describe(certificate);
                description = d;
            }
            return d;
        }

        /**
         * The signature verifier for this certificate's public key (not the certificate: validity is judged
         * separately). Built on first use; Bouncy Castle's verifier keeps no per-use state, and two threads
         * racing here build equal verifiers.
         */
        SignerInformationVerifier verifier() throws OperatorCreationException {
            SignerInformationVerifier v = verifier;
            if (v == null) {
                v = new JcaSimpleSignerInfoVerifierBuilder().build(certificate.getPublicKey());
                verifier = v;
            }
            return v;
        }
    }

    /** The decoded form of {@code holder}, from the cache or decoded now (as Bouncy Castle's JCA converter does). */
    static Decoded decode(X509CertificateHolder holder) throws CertificateException {
        byte[] der;
        try {
            der = holder.getEncoded();
        } catch (IOException e) {
            throw new CertificateParsingException("exception parsing certificate: " + e.getMessage(), e);
        }
        ByteBuffer key = ByteBuffer.wrap(der);
        Decoded d = CACHE.get(key);
        if (d == null) {
            d = new Decoded((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
            CACHE.put(key, d);
        }
        return d;
    }

    /** Number of cached certificates (never above {@value #ENTRIES}). */
    static int size() {
        return CACHE.size();
    }
}
