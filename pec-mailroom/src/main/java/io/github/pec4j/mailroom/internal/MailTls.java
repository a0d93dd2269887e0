package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.TransportSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Trust material for IMAP and SMTP: the given certificate files (PEM or DER, one or many a file) and
 * key store together, or the JVM's trust store when neither is given. Host names are always checked.
 */
public final class MailTls {

    private MailTls() {}

    /** A socket factory trusting exactly the given anchors, or empty to use the JVM's trust store. */
    public static Optional<SSLSocketFactory> socketFactory(List<Path> certificates, @Nullable KeyStore store)
            throws IOException {
        if (certificates.isEmpty() && store == null) {
            return Optional.empty();
        }
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int n = 0;
            for (Path file : certificates) {
                for (Certificate c : read(file)) {
                    anchors.setCertificateEntry("file-" + n++, c);
                }
            }
            if (store != null) {
                for (String alias : Collections.list(store.aliases())) {
                    Certificate c = store.getCertificate(alias);
                    if (c != null) {
                        anchors.setCertificateEntry("store-" + n++, c);
                    }
                }
            }
            if (n == 0) {
                throw new IOException("the trust material holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return Optional.of(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IOException("unusable trust material: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> read(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException("no certificate in " + file);
            }
            return certs;
        }
    }

    /**
     * Sets Angus Mail's TLS properties for {@code protocol} ("imap", "imaps", "smtp", "smtps"): host-name
     * verification on, the socket factory when one is given, STARTTLS as asked.
     */
    public static void configure(Properties props, String protocol, TransportSecurity security,
            Optional<SSLSocketFactory> factory) {
        String p = "mail." + protocol + ".";
        props.put(p + "ssl.checkserveridentity", "true");
        factory.ifPresent(f -> props.put(p + "ssl.socketFactory", f));
        switch (security) {
            case TLS:
                props.put(p + "ssl.enable", "true");
                break;
            case STARTTLS_REQUIRED:
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                break;
            case STARTTLS_OPTIONAL:
                props.put(p + "starttls.enable", "true");
                break;
            case NONE:
                props.put(p + "starttls.enable", "false");
                break;
            default:
                throw new IllegalStateException(security.name());
        }
    }
}
