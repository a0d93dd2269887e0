package io.github.pec4j.signature.internal;

import io.github.pec4j.signature.SignerCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OperatorStreamException;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Certificates found in signatures, decoded once per distinct certificate: a provider signs every message
 * with the same one, and a signed document carries its signer's and its CAs' certificates, so decoding them,
 * describing them and building the signature verifier for a key each time is work repeated per message. Keyed by the certificate's DER bytes, so what is cached is a pure
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
        private final X509CertificateHolder holder;
        private final X509Certificate certificate;
        private volatile @Nullable SignerCertificate description;
        private volatile @Nullable SignerInformationVerifier verifier;

        Decoded(X509CertificateHolder holder, X509Certificate certificate) {
            this.holder = holder;
            this.certificate = certificate;
        }

        /** Bouncy Castle's form, as first read (immutable): what a signer identifier is matched against. */
        X509CertificateHolder holder() {
            return holder;
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
                // As JcaSimpleSignerInfoVerifierBuilder.build(key), with RSA PKCS#1 checked once (see RsaOnce).
                v = new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
                        new DefaultSignatureAlgorithmIdentifierFinder(),
                        new RsaOnce(certificate.getPublicKey(), new JcaContentVerifierProviderBuilder().build(certificate.getPublicKey())),
                        new JcaDigestCalculatorProviderBuilder().build());
                verifier = v;
            }
            return v;
        }
    }

    /**
     * Bouncy Castle's JCA verifier for RSA checks every signature twice: the real check, then a throw-away one
     * through a raw cipher, whose result it discards (it frees sessions of PKCS#11 tokens, which a public-key
     * check never uses). RSA PKCS#1 v1.5 with SHA-1/2 is checked here once, with the same JCA signature and the
     * same answer and exceptions; every other algorithm goes to Bouncy Castle unchanged.
     */
    static final class RsaOnce implements ContentVerifierProvider {
        private static final java.util.Map<ASN1ObjectIdentifier, String> NAMES = java.util.Map.of(
                PKCSObjectIdentifiers.sha1WithRSAEncryption, "SHA1withRSA",
                PKCSObjectIdentifiers.sha224WithRSAEncryption, "SHA224withRSA",
                PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
                PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
                PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA");
        private final PublicKey key;
        private final ContentVerifierProvider others;

        RsaOnce(PublicKey key, ContentVerifierProvider others) {
            this.key = key;
            this.others = others;
        }

        @Override
        public boolean hasAssociatedCertificate() {
            return others.hasAssociatedCertificate();
        }

        @Override
        public X509CertificateHolder getAssociatedCertificate() {
            return others.getAssociatedCertificate();
        }

        @Override
        public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
            String name = NAMES.get(algorithm.getAlgorithm());
            ASN1Encodable params = algorithm.getParameters();
            if (name == null || !key.getAlgorithm().equals("RSA") || (params != null && !DERNull.INSTANCE.equals(params))) {
                return others.get(algorithm);
            }
            Signature sig;
            try {
                sig = Signature.getInstance(name);
                sig.initVerify(key);
            } catch (GeneralSecurityException e) {
                throw new OperatorCreationException("exception on setup: " + e, e);
            }
            return new ContentVerifier() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return algorithm;
                }

                @Override
                public OutputStream getOutputStream() {
                    return new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            try {
                                sig.update(b, off, len);
                            } catch (SignatureException e) {
                                throw new OperatorStreamException(e.getMessage(), e);
                            }
                        }
                    };
                }

                @Override
                public boolean verify(byte[] expected) {
                    try {
                        return sig.verify(expected);
                    } catch (SignatureException e) {
                        throw new RuntimeOperatorException("exception obtaining signature: " + e.getMessage(), e);
                    }
                }
            };
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
            d = new Decoded(holder, (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
            CACHE.put(key, d);
        }
        return d;
    }

    /**
     * The decoded forms of certificates given as the bytes found in a signature, or null unless every one is
     * cached. A cache key is Bouncy Castle's encoding of a certificate it parsed; bytes equal to a key parse to
     * that same certificate and encode to that same key, so a hit is what {@link #decode} would return.
     */
    static @Nullable List<Decoded> known(List<ByteBuffer> certificates) {
        List<Decoded> out = new ArrayList<>(certificates.size());
        for (ByteBuffer c : certificates) {
            Decoded d = CACHE.get(c);
            if (d == null) {
                return null;
            }
            out.add(d);
        }
        return out;
    }

    /** Forgets every certificate (for tests: the next signature is read whole, as the first one ever). */
    static void clear() {
        CACHE.clear();
    }

    /** Number of cached certificates (never above {@value #ENTRIES}). */
    static int size() {
        return CACHE.size();
    }
}
