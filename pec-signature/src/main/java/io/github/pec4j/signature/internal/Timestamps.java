package io.github.pec4j.signature.internal;

import io.github.pec4j.signature.TimestampInfo;
import io.github.pec4j.signature.Trust;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/** RFC 3161 token checks: TSA signature, critical timeStamping EKU, and the imprint against our own hash. */
final class Timestamps {

    private Timestamps() {}

    /** What is hashed to check an imprint. */
    interface Stamped {
        byte[] digest(String algorithm) throws IOException;

        static Stamped bytes(byte[] data) {
            return alg -> {
                try {
                    return MessageDigest.getInstance(alg).digest(data);
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IOException(e);
                }
            };
        }

        static Stamped file(Path file) {
            return alg -> {
                try (InputStream in = Files.newInputStream(file)) {
                    MessageDigest md = MessageDigest.getInstance(alg);
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                    }
                    return md.digest();
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IOException(e);
                }
            };
        }
    }

    /** A token from a full response or a bare token (DER), or empty when neither. */
    static Optional<TimeStampToken> parse(byte[] der) {
        if (Asn1Guard.problem(der).isPresent()) {
            return Optional.empty();
        }
        try {
            TimeStampToken t = new TimeStampResponse(der).getTimeStampToken();
            if (t != null) {
                return Optional.of(t);
            }
        } catch (Exception e) {
            // not a response: try a bare token
        }
        try {
            return Optional.of(new TimeStampToken(new CMSSignedData(der)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    static TimestampInfo check(String kind, TimeStampToken token, Stamped stamped, TrustStore trust) throws IOException {
        X509Certificate tsa = null;
        try {
            Collection<X509CertificateHolder> m = token.getCertificates().getMatches((Selector<X509CertificateHolder>) (Selector<?>) token.getSID());
            for (X509CertificateHolder h : m) {
                tsa = new JcaX509CertificateConverter().getCertificate(h);
                break;
            }
        } catch (Exception e) {
            tsa = null;
        }
        boolean signatureValid = false;
        if (tsa != null) {
            try {
                signatureValid = token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.getPublicKey()));
            } catch (Exception e) {
                signatureValid = false;
            }
        }
        boolean ekuValid = tsa != null && hasCriticalTimeStampingEku(tsa);
        String alg = CmsAttributes.algorithmName(token.getTimeStampInfo().getMessageImprintAlgOID().getId());
        boolean imprintValid;
        try {
            imprintValid = Arrays.equals(stamped.digest(alg), token.getTimeStampInfo().getMessageImprintDigest());
        } catch (IOException e) {
            imprintValid = false;
        }
        java.time.Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        Trust t = tsa == null ? (trust.isEmpty() ? Trust.UNKNOWN : Trust.UNTRUSTED) : trust.evaluate(tsa, List.of(), genTime);
        return new TimestampInfo(kind, Optional.ofNullable(tsa).map(BcProviderSignatureVerifier::describe), genTime, signatureValid,
                ekuValid, imprintValid, t);
    }

    private static boolean hasCriticalTimeStampingEku(X509Certificate c) {
        try {
            return c.getCriticalExtensionOIDs() != null && c.getCriticalExtensionOIDs().contains("2.5.29.37")
                    && c.getExtendedKeyUsage() != null && c.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.8");
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }
}
