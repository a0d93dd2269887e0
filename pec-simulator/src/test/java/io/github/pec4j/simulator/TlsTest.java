package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.core.PecKind;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IMAPS and SMTPS with the test CA's TLS certificate; clients trust the material the simulator exposes. */
class TlsTest {
    static final String BOX = "protocollo@pec.comune.esempio.it";
    static final String OTHER = "ufficio@pec.regione.esempio.it";
    static PecProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = PecProviderSimulator.start();
        sim.box(BOX, Wire.PASSWORD).box(OTHER, Wire.PASSWORD);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A client context built the way an integrator would, from the exposed KeyStore. */
    static SSLContext fromTrustStore() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(sim.trustStore());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static Session session(String protocol, SSLContext ctx) {
        Properties p = new Properties();
        p.put("mail." + protocol + ".ssl.socketFactory", ctx.getSocketFactory());
        p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        p.setProperty("mail." + protocol + ".auth", "true");
        p.setProperty("mail." + protocol + ".connectiontimeout", "10000");
        p.setProperty("mail." + protocol + ".timeout", "30000");
        return Session.getInstance(p);
    }

    @Test
    @DisplayName("IMAPS serves the box to a client trusting the exposed KeyStore, with host name checking on")
    void imapsWithTheExposedTrustStore() throws Exception {
        DeliveredMessage d = sim.deliverPec("mario.rossi@pec.example.it", BOX, "Su TLS");
        List<byte[]> inbox = Wire.fetch(session("imaps", fromTrustStore()), "imaps", sim.imaps(), BOX, "INBOX");
        assertThat(inbox).contains(d.raw());
    }

    @Test
    @DisplayName("SMTPS takes a submission; receipts follow as over plain SMTP")
    void smtpsSubmission() throws Exception {
        Wire.send(session("smtps", sim.clientSslContext()), "smtps", sim.smtps(), BOX,
                Wire.letter(BOX, List.of(OTHER), List.of(), "Via SMTPS", "Testo"));
        assertThat(Pec.kinds(sim.messages(BOX))).contains(PecKind.ACCETTAZIONE, PecKind.AVVENUTA_CONSEGNA);
    }

    @Test
    @DisplayName("the server certificate is issued by the exposed trust anchor for 127.0.0.1")
    void serverCertificateChainsToTheAnchor() throws Exception {
        try (SSLSocket s = (SSLSocket) sim.clientSslContext().getSocketFactory().createSocket(sim.imaps().host(), sim.imaps().port())) {
            s.startHandshake();
            X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
            leaf.verify(sim.trustAnchor().getPublicKey());
            assertThat(sim.trustAnchorPem()).startsWith("-----BEGIN CERTIFICATE-----");
        }
    }

    @Test
    @DisplayName("a client that does not trust the test CA is refused: the TLS is real")
    void untrustedClientFails() {
        assertThatThrownBy(() -> Wire.fetch(session("imaps", SSLContext.getDefault()), "imaps", sim.imaps(), BOX, "INBOX"))
                .isInstanceOf(MessagingException.class);
    }
}
