package io.github.pec4j.testkit.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Deterministic keys and certificates for the test PKI. */
public final class Certificates {
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2000-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2100-01-01T00:00:00Z"));

    private Certificates() {}

    /** An RSA-2048 key pair derived from {@code seed}. */
    public static KeyPair rsaKeyPair(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed); // before first use: the stream is then fully determined by the seed
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is required of every Java platform", e);
        }
    }

    /** A self-signed CA certificate. */
    public static X509Certificate selfSigned(String dn, KeyPair keys, long serial) {
        X500Name name = new X500Name(dn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial), NOT_BEFORE, NOT_AFTER,
                name, keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            return sign(b, keys.getPrivate());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An end-entity signing certificate issued by {@code issuer}. */
    public static X509Certificate issued(String dn, PublicKey key, X509Certificate issuer, PrivateKey issuerKey, long serial) {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial), NOT_BEFORE, NOT_AFTER,
                new javax.security.auth.x500.X500Principal(dn), key);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            return sign(b, issuerKey);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
