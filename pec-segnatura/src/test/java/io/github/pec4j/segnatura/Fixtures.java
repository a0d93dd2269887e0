package io.github.pec4j.segnatura;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Shared test material: a seal PKI made with Bouncy Castle, a sample segnatura and its files. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-03-14T09:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final byte[] PRIMARIO = "%PDF-1.7 determina n. 42\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ALLEGATO = "allegato tecnico".getBytes(StandardCharsets.UTF_8);

    private static volatile Pki pki;

    private Fixtures() {}

    /**
     * A test seal PKI: a CA ("pec4j Segnatura Test CA") and an AOO seal certificate it issued (EC P-256), plus a
     * self-signed seal nobody trusts.
     */
    record Pki(X509Certificate ca, SealKey seal, SealKey rogue) {}

    static Pki pki() {
        Pki p = pki;
        if (p == null) {
            synchronized (Fixtures.class) {
                p = pki;
                if (p == null) {
                    p = makePki();
                    pki = p;
                }
            }
        }
        return p;
    }

    private static Pki makePki() {
        try {
            KeyPair caKeys = ecKeys();
            X509Certificate ca = certificate("CN=pec4j Segnatura Test CA, O=pec4j test, C=IT", caKeys,
                    "CN=pec4j Segnatura Test CA, O=pec4j test, C=IT", caKeys.getPrivate(), 1, true);
            KeyPair sealKeys = ecKeys();
            X509Certificate seal = certificate("CN=Comune di Esempio - AOO Protocollo, O=Comune di Esempio, "
                    + "OID.2.5.4.97=VATIT-01234567890, C=IT", sealKeys, "CN=pec4j Segnatura Test CA, O=pec4j test, C=IT",
                    caKeys.getPrivate(), 2, false);
            KeyPair rogueKeys = ecKeys();
            X509Certificate rogue = certificate("CN=Rogue AOO, C=IT", rogueKeys, "CN=Rogue AOO, C=IT", rogueKeys.getPrivate(), 3, false);
            return new Pki(ca, SealKey.of(sealKeys.getPrivate(), seal, ca), SealKey.of(rogueKeys.getPrivate(), rogue));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey issuerKey, long serial,
            boolean ca) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Principal(issuer), BigInteger.valueOf(serial),
                Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2040-01-01T00:00:00Z")),
                new X500Principal(subject), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    static Identificatore identificatore() {
        return Identificatore.of("c_x000", "aoo_prot", "PG", 42, LocalDate.of(2025, 3, 14)).withOra(LocalTime.of(10, 15, 30));
    }

    static Soggetto.Amministrazione mittente() {
        return new Soggetto.Amministrazione("Comune di Esempio", "c_x000", Optional.of("aoo_prot"), Optional.empty(),
                Optional.of("protocollo@pec.comune.esempio.it"));
    }

    static Soggetto.Amministrazione destinatario() {
        return Soggetto.Amministrazione.aoo("Regione Esempio", "r_esemp", "aoo_giunta", "giunta@pec.regione.esempio.it");
    }

    static Segnatura.Builder builder() {
        return Segnatura.builder().identificatore(identificatore()).oggetto("Determina n. 42: affidamento servizi")
                .classifica(Classifica.flat("Contratti", "VI.3.2")).mittente(mittente()).destinatario(destinatario())
                .documentoPrimario(Documento.of("determina.pdf", "application/pdf", PRIMARIO).withDescrizione("la determina"))
                .allegato(Documento.of("allegato.txt", "text/plain", ALLEGATO));
    }

    static Segnatura segnatura() {
        return builder().build();
    }

    static Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("determina.pdf", PRIMARIO);
        m.put("allegato.txt", ALLEGATO);
        return m;
    }

    static SegnaturaWriter writer() {
        return SegnaturaWriter.create(pki().seal()).withClock(CLOCK);
    }

    static byte[] sealed() {
        return writer().write(segnatura());
    }

    static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
