package io.github.pec4j.testkit.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.Random;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Deterministic keys and certificates for the test PKI. */
public final class Certificates {
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2000-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2100-01-01T00:00:00Z"));

    private Certificates() {}

    /**
     * An RSA-2048 key pair derived from {@code seed}: the primes come from {@link BigInteger#probablePrime}
     * fed by a {@link Random} seeded with {@code seed}, so the key depends neither on the JDK's key-pair
     * generator internals nor on a {@code SecureRandom} implementation. Test keys only: the seed is the key.
     */
    public static KeyPair rsaKeyPair(long seed) {
        Random random = new Random(seed);
        BigInteger e = BigInteger.valueOf(65537);
        while (true) {
            BigInteger p = BigInteger.probablePrime(1024, random);
            BigInteger q = BigInteger.probablePrime(1024, random);
            if (p.equals(q)) {
                continue;
            }
            if (p.compareTo(q) < 0) {
                BigInteger t = p;
                p = q;
                q = t;
            }
            BigInteger n = p.multiply(q);
            BigInteger p1 = p.subtract(BigInteger.ONE);
            BigInteger q1 = q.subtract(BigInteger.ONE);
            if (n.bitLength() != 2048 || !e.gcd(p1).equals(BigInteger.ONE) || !e.gcd(q1).equals(BigInteger.ONE)) {
                continue;
            }
            BigInteger lambda = p1.divide(p1.gcd(q1)).multiply(q1);
            BigInteger d = e.modInverse(lambda);
            try {
                KeyFactory f = KeyFactory.getInstance("RSA");
                PublicKey pub = f.generatePublic(new RSAPublicKeySpec(n, e));
                PrivateKey priv = f.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, d.mod(p1), d.mod(q1), q.modInverse(p)));
                return new KeyPair(pub, priv);
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("RSA is required of every Java platform", ex);
            }
        }
    }

    /** A self-signed CA certificate. */
    public static X509Certificate selfSigned(String dn, KeyPair keys, long serial) {
        X500Principal name = new X500Principal(dn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial), NOT_BEFORE, NOT_AFTER,
                name, keys.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(b, keys.getPrivate());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An end-entity signing certificate issued by {@code issuer}. */
    public static X509Certificate issued(String dn, PublicKey key, X509Certificate issuer, PrivateKey issuerKey, long serial) {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial), NOT_BEFORE, NOT_AFTER,
                new X500Principal(dn), key);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            return sign(b, issuerKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A signer certificate that looks like a qualified one: subject with a codice fiscale in
     * {@code serialNumber}, QC statements {@code QcCompliance} and {@code QcSSCD}, non-repudiation.
     */
    public static X509Certificate qualifiedSigner(String dn, PublicKey key, X509Certificate issuer, PrivateKey issuerKey, long serial) {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, java.math.BigInteger.valueOf(serial), NOT_BEFORE, NOT_AFTER,
                new javax.security.auth.x500.X500Principal(dn), key);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            org.bouncycastle.asn1.ASN1EncodableVector qc = new org.bouncycastle.asn1.ASN1EncodableVector();
            qc.add(new org.bouncycastle.asn1.x509.qualified.QCStatement(org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance));
            qc.add(new org.bouncycastle.asn1.x509.qualified.QCStatement(org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD));
            b.addExtension(Extension.qCStatements, false, new org.bouncycastle.asn1.DERSequence(qc));
            return sign(b, issuerKey);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A time-stamping authority certificate: critical extended key usage id-kp-timeStamping (RFC 3161). */
    public static X509Certificate tsa(String dn, PublicKey key, X509Certificate issuer, PrivateKey issuerKey, long serial) {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, java.math.BigInteger.valueOf(serial), NOT_BEFORE, NOT_AFTER,
                new javax.security.auth.x500.X500Principal(dn), key);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            return sign(b, issuerKey);
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TLS server certificate for {@code localhost} and {@code 127.0.0.1} (subject alternative names),
     * extended key usage id-kp-serverAuth.
     */
    public static X509Certificate tlsServer(String dn, PublicKey key, X509Certificate issuer, PrivateKey issuerKey, long serial) {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial), NOT_BEFORE, NOT_AFTER,
                new X500Principal(dn), key);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            return sign(b, issuerKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL signed by {@code issuer}, revoking the given certificates at {@code thisUpdate}. */
    public static byte[] crl(X509Certificate issuer, PrivateKey issuerKey, Instant thisUpdate, X509Certificate... revoked) {
        try {
            org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder(issuer, Date.from(thisUpdate));
            b.setNextUpdate(Date.from(thisUpdate.plusSeconds(30L * 24 * 3600)));
            for (X509Certificate r : revoked) {
                b.addCRLEntry(r.getSerialNumber(), Date.from(thisUpdate), org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
            }
            return b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test CRL", e);
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
