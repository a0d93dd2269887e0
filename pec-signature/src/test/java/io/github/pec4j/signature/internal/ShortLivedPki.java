package io.github.pec4j.signature.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and provider certificates with chosen validity periods, for judging signatures at their own time. */
final class ShortLivedPki {
    private static long serial = 100;
    final KeyPair caKeys = keys("EC");
    final X509Certificate ca;

    ShortLivedPki(String name, Instant notBefore, Instant notAfter) {
        ca = certificate("CN=" + name, caKeys.getPublic(), "CN=" + name, caKeys.getPrivate(), notBefore, notAfter, true);
    }

    /** A provider certificate issued by this CA for {@code key}, valid from {@code notBefore} to {@code notAfter}. */
    X509Certificate issue(String cn, PublicKey key, Instant notBefore, Instant notAfter) {
        return certificate("CN=" + cn, key, ca.getSubjectX500Principal().getName(), caKeys.getPrivate(), notBefore, notAfter, false);
    }

    static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized X509Certificate certificate(String dn, PublicKey key, String issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, boolean ca) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(++serial),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(dn), key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
