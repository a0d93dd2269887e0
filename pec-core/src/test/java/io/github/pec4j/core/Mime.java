package io.github.pec4j.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Hand-built MIME for unit tests: exact control over every byte (the testkit builds realistic ones). */
final class Mime {
    private Mime() {}

    static final String DATICERT_ENVELOPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <postacert tipo="posta-certificata" errore="nessuno">
              <intestazione>
                <mittente>mario.rossi@pec.example.it</mittente>
                <destinatari tipo="certificato">protocollo@pec.comune.example.it</destinatari>
                <destinatari tipo="esterno">ufficio@example.org</destinatari>
                <risposte>mario.rossi@pec.example.it</risposte>
                <oggetto>Richiesta di accesso agli atti</oggetto>
              </intestazione>
              <dati>
                <gestore-emittente>Gestore Test S.p.A.</gestore-emittente>
                <data zona="+0100">
                  <giorno>15/03/2024</giorno>
                  <ora>10:15:30</ora>
                </data>
                <identificativo>opec1.20240315101530.1.1@pec.gestore.example.it</identificativo>
                <msgid>&lt;client-1@host.example.it&gt;</msgid>
                <ricevuta tipo="completa"/>
              </dati>
            </postacert>
            """;

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] b) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(b);
    }

    static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** The original message inside postacert.eml, with one PDF attachment. */
    static String original(String attachmentName, byte[] attachment) {
        return crlf("""
                From: mario.rossi@pec.example.it
                To: protocollo@pec.comune.example.it
                Subject: =?UTF-8?Q?Richiesta_di_accesso_agli_atti_=E2=82=AC?=
                Date: Fri, 15 Mar 2024 10:15:29 +0100
                Message-ID: <opec1.20240315101530.1.1@pec.gestore.example.it>
                X-Riferimento-Message-ID: <client-1@host.example.it>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="orig"

                --orig
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Buongiorno, si allega la richiesta. Citt=C3=A0 di prova.
                --orig
                Content-Type: application/pdf; name="%s"
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename="%s"

                %s
                --orig--
                """.formatted(attachmentName, attachmentName, b64(attachment)));
    }

    /** A clear-signed envelope with the given top-level PEC headers, daticert and original. */
    static String envelope(String pecHeaders, String daticert, String original) {
        StringBuilder mixed = new StringBuilder();
        mixed.append("Content-Type: multipart/mixed; boundary=\"mixed\"\r\n\r\n");
        mixed.append("--mixed\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        mixed.append("Messaggio di posta certificata.\r\n");
        if (daticert != null) {
            mixed.append("--mixed\r\nContent-Type: application/xml; name=\"daticert.xml\"\r\nContent-Transfer-Encoding: base64\r\n"
                    + "Content-Disposition: inline; filename=\"daticert.xml\"\r\n\r\n");
            mixed.append(b64(daticert)).append("\r\n");
        }
        if (original != null) {
            mixed.append("--mixed\r\nContent-Type: message/rfc822; name=\"postacert.eml\"\r\nContent-Disposition: inline; filename=\"postacert.eml\"\r\n\r\n");
            mixed.append(original);
        }
        mixed.append("--mixed--\r\n");
        return crlf(pecHeaders) + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=\"sha-256\"; boundary=\"signed\"\r\n"
                + "\r\nThis is an S/MIME signed message\r\n\r\n--signed\r\n"
                + mixed
                + "\r\n--signed\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n"
                + b64(new byte[] {0x30, (byte) 0x80, 1, 2, 3, 4}) + "\r\n--signed--\r\n";
    }

    static String envelopeHeaders() {
        return """
                From: "Per conto di: mario.rossi@pec.example.it" <posta-certificata@pec.gestore.example.it>
                To: protocollo@pec.comune.example.it
                Subject: POSTA CERTIFICATA: Richiesta di accesso agli atti
                Message-ID: <opec1.20240315101530.1.1@pec.gestore.example.it>
                X-Riferimento-Message-ID: <client-1@host.example.it>
                X-Trasporto: posta-certificata
                X-TipoRicevuta: completa
                """;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
