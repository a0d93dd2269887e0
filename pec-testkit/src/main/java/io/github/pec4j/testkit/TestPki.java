package io.github.pec4j.testkit;

import io.github.pec4j.testkit.internal.Certificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A throw-away PKI for tests: a test CA, a PEC provider certificate it issued, and an unrelated
 * "rogue" signer. Generated deterministically from a seed (same seed, same keys and certificates);
 * never trust it outside tests.
 */
public final class TestPki {
    private static volatile @Nullable TestPki shared;

    private final X509Certificate ca;
    private final KeyPair caKeyPair;
    private final X509Certificate provider;
    private final PrivateKey providerKey;
    private final X509Certificate other;
    private final PrivateKey otherKey;
    private final X509Certificate signer;
    private final PrivateKey signerKey;
    private final X509Certificate tsa;
    private final PrivateKey tsaKey;
    private final long seed;
    private @Nullable X509Certificate seal;
    private @Nullable PrivateKey sealKey;
    private @Nullable X509Certificate tlsServer;
    private @Nullable PrivateKey tlsServerKey;

    private TestPki(long seed) {
        this.seed = seed;
        KeyPair caKeys = Certificates.rsaKeyPair(seed);
        this.caKeyPair = caKeys;
        KeyPair providerKeys = Certificates.rsaKeyPair(seed + 1);
        KeyPair otherKeys = Certificates.rsaKeyPair(seed + 2);
        this.ca = Certificates.selfSigned("CN=pec4j Test CA, O=pec4j test, C=IT", caKeys, 1);
        this.provider = Certificates.issued("CN=Posta Certificata Test PEC, O=Test PEC S.p.A., C=IT",
                providerKeys.getPublic(), ca, caKeys.getPrivate(), 2);
        this.providerKey = providerKeys.getPrivate();
        KeyPair signerKeys = Certificates.rsaKeyPair(seed + 3);
        this.signer = Certificates.qualifiedSigner(
                "CN=Mario Rossi, SERIALNUMBER=TINIT-RSSMRA80A01H501U, GIVENNAME=Mario, SURNAME=Rossi, C=IT",
                signerKeys.getPublic(), ca, caKeys.getPrivate(), 4);
        this.signerKey = signerKeys.getPrivate();
        KeyPair tsaKeys = Certificates.rsaKeyPair(seed + 4);
        this.tsa = Certificates.tsa("CN=pec4j Test TSA, O=pec4j test, C=IT", tsaKeys.getPublic(), ca, caKeys.getPrivate(), 5);
        this.tsaKey = tsaKeys.getPrivate();
        this.other = Certificates.selfSigned("CN=Posta Certificata Rogue, O=Rogue PEC S.p.A., C=IT", otherKeys, 3);
        this.otherKey = otherKeys.getPrivate();
    }

    /**
     * The PKI shared by all tests of this JVM (seed 2005, the year of the PEC regulations).
     *
     * @return the PKI shared by all tests of this JVM (seed 2005, the year of the PEC regulations)
     */
    public static TestPki shared() {
        TestPki p = shared;
        if (p == null) {
            synchronized (TestPki.class) {
                p = shared;
                if (p == null) {
                    p = new TestPki(2005);
                    shared = p;
                }
            }
        }
        return p;
    }

    /**
     * An AOO's electronic seal issued by the test CA, for signing segnature (XAdES): made on first
     * use, the same for the same seed.
     *
     * @return an AOO's electronic seal issued by the test CA, for signing segnature (XAdES): made on first use, the
     *     same for the same seed
     */
    public synchronized X509Certificate sealCertificate() {
        if (seal == null) {
            KeyPair keys = Certificates.rsaKeyPair(seed + 5);
            seal = Certificates.issued("CN=Regione Esempio - sigillo elettronico AOO, O=Regione Esempio, C=IT", keys.getPublic(), ca,
                    caKeyPair.getPrivate(), 6);
            sealKey = keys.getPrivate();
        }
        return seal;
    }

    /**
     * The private key of {@link #sealCertificate()}.
     *
     * @return the private key of {@link #sealCertificate()}
     */
    public synchronized PrivateKey sealKey() {
        sealCertificate();
        return java.util.Objects.requireNonNull(sealKey);
    }

    /**
     * A TLS server certificate issued by the test CA for {@code localhost} and {@code 127.0.0.1}
     * (extended key usage serverAuth), for test mail servers: a client that trusts
     * {@link #caCertificate()} accepts it. Made on first use, the same for the same seed.
     *
     * @return a TLS server certificate issued by the test CA for {@code localhost} and {@code 127.0.0.1} (extended
     *     key usage serverAuth), for test mail servers: a client that trusts {@link #caCertificate()} accepts it
     */
    public synchronized X509Certificate tlsServerCertificate() {
        if (tlsServer == null) {
            KeyPair keys = Certificates.rsaKeyPair(seed + 6);
            tlsServer = Certificates.tlsServer("CN=localhost, O=pec4j test, C=IT", keys.getPublic(), ca, caKeyPair.getPrivate(), 7);
            tlsServerKey = keys.getPrivate();
        }
        return tlsServer;
    }

    /**
     * The private key of {@link #tlsServerCertificate()}.
     *
     * @return the private key of {@link #tlsServerCertificate()}
     */
    public synchronized PrivateKey tlsServerKey() {
        tlsServerCertificate();
        return java.util.Objects.requireNonNull(tlsServerKey);
    }

    /**
     * A PKI generated from {@code seed}.
     *
     * @param seed the seed of the key generator: the same seed gives the same keys
     * @return a PKI generated from {@code seed}
     */
    public static TestPki generate(long seed) {
        return new TestPki(seed);
    }

    /**
     * The test CA: the trust anchor for messages signed by {@link #providerCertificate()}.
     *
     * @return the test CA: the trust anchor for messages signed by {@link #providerCertificate()}
     */
    public X509Certificate caCertificate() {
        return ca;
    }

    /**
     * The PEC provider's signing certificate, issued by the test CA.
     *
     * @return the PEC provider's signing certificate, issued by the test CA
     */
    public X509Certificate providerCertificate() {
        return provider;
    }

    /**
     * A citizen's signing certificate issued by the test CA, looking qualified: codice fiscale
     * {@code RSSMRA80A01H501U} in the subject serial number, QC statements QcCompliance and QcSSCD.
     *
     * @return a citizen's signing certificate issued by the test CA, looking qualified: codice fiscale {@code
     *     RSSMRA80A01H501U} in the subject serial number, QC statements QcCompliance and QcSSCD
     */
    public X509Certificate signerCertificate() {
        return signer;
    }

    /**
     * The citizen signer's private key.
     *
     * @return the citizen signer's private key
     */
    public PrivateKey signerKey() {
        return signerKey;
    }

    /**
     * The time-stamping authority's certificate (critical EKU id-kp-timeStamping), issued by the test CA.
     *
     * @return the time-stamping authority's certificate (critical EKU id-kp-timeStamping), issued by the test CA
     */
    public X509Certificate tsaCertificate() {
        return tsa;
    }

    /**
     * The time-stamping authority's private key.
     *
     * @return the time-stamping authority's private key
     */
    public PrivateKey tsaKey() {
        return tsaKey;
    }

    /**
     * The provider's private key.
     *
     * @return the provider's private key
     */
    public PrivateKey providerKey() {
        return providerKey;
    }

    /**
     * A self-signed signer that no trust source knows: for forged-receipt tests.
     *
     * @return a self-signed signer that no trust source knows: for forged-receipt tests
     */
    public X509Certificate otherCertificate() {
        return other;
    }

    /**
     * The rogue signer's private key.
     *
     * @return the rogue signer's private key
     */
    public PrivateKey otherKey() {
        return otherKey;
    }

    /**
     * A CRL (DER) issued by the test CA at {@code thisUpdate}, revoking {@code revoked} as of that time,
     * for revocation tests.
     *
     * @param thisUpdate the CRL's issue time, also the revocation time
     * @param revoked the certificates to revoke
     * @return a CRL (DER) issued by the test CA at {@code thisUpdate}, revoking {@code revoked} as of that time, for
     *     revocation tests
     */
    public byte[] crl(java.time.Instant thisUpdate, X509Certificate... revoked) {
        KeyPair caKeys = caKeyPair;
        return io.github.pec4j.testkit.internal.Certificates.crl(ca, caKeys.getPrivate(), thisUpdate, revoked);
    }

    /**
     * Writes the CA certificate as PEM, to configure it as a trust anchor.
     *
     * @param file the PEM file to write, replaced if present
     * @throws IOException when the file cannot be written
     */
    public void writeTrustAnchorPem(Path file) throws IOException {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
    }
}
