package io.github.pec4j.simulator.internal;

import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The servers' TLS key and the clients' trust, both from the test PKI. */
public final class TlsMaterial {
    private static final char[] NO_PASSWORD = new char[0];
    private static final String CA_ALIAS = "pec4j-test-ca";

    private final TestPki pki;
    private final SSLContext server;

    public TlsMaterial(TestPki pki) {
        this.pki = pki;
        this.server = serverContext(pki);
    }

    /** The context the IMAPS and SMTPS servers use: the PKI's TLS server certificate and key. */
    public SSLContext serverContext() {
        return server;
    }

    /** The trust anchor clients need. */
    public X509Certificate caCertificate() {
        return pki.caCertificate();
    }

    /** A PKCS#12 key store (no password) holding the CA certificate as a trusted entry. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, NO_PASSWORD);
            ks.setCertificateEntry(CA_ALIAS, pki.caCertificate());
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("PKCS12 key stores are required of every Java platform", e);
        }
    }

    /** A client context trusting only the test CA. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the client TLS context", e);
        }
    }

    /** The CA certificate as PEM. */
    public String caPem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pki.caCertificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the test CA", e);
        }
    }

    private static SSLContext serverContext(TestPki pki) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, NO_PASSWORD);
            ks.setKeyEntry("server", pki.tlsServerKey(), NO_PASSWORD,
                    new Certificate[] {pki.tlsServerCertificate(), pki.caCertificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, NO_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }
}
