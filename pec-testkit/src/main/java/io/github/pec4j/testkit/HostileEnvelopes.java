package io.github.pec4j.testkit;

import io.github.pec4j.testkit.internal.CmsSigner;
import io.github.pec4j.testkit.internal.MimeText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Genuinely signed PEC envelopes (test CA provider, valid daticert) whose {@code postacert.eml} hides
 * an executable ({@value #EXE_NAME}) behind a parser limit: after thousands of parts, many MIME levels
 * deep, behind a huge header section, behind an encoded-word flood. The provider signature verifies;
 * only the content is hostile. Each envelope is addressed from {@link AdmissionScenarios#CITIZEN_DOMICILE}
 * to {@link AdmissionScenarios#AOO_BOX}.
 */
public final class HostileEnvelopes {
    /** The name of the hidden executable. */
    public static final String EXE_NAME = "fattura.exe";
    /** The hidden executable's bytes: an MZ/PE header. */
    private static final byte[] EXE = exe();

    private final PecFixtures fixtures;

    private HostileEnvelopes(PecFixtures fixtures) {
        this.fixtures = fixtures;
    }

    /**
     * Envelopes signed by the shared test PKI's provider, at the fixtures' default time.
     *
     * @return the factory
     */
    public static HostileEnvelopes create() {
        return new HostileEnvelopes(PecFixtures.create());
    }

    /**
     * Envelopes made with these fixtures (clock, PKI, provider).
     *
     * @param fixtures the clock, PKI and provider to use
     * @return the factory
     */
    public static HostileEnvelopes create(PecFixtures fixtures) {
        return new HostileEnvelopes(Objects.requireNonNull(fixtures, "fixtures"));
    }

    /**
     * {@value #EXE_NAME} after {@code parts} small text attachments (the default limit is 2,000 parts).
     *
     * @param parts how many text attachments come first
     * @return the raw envelope
     */
    public byte[] exeAfterParts(int parts) {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= parts; i++) {
            body.append("--").append(ORIGINAL_BOUNDARY).append("\r\nContent-Type: text/plain; name=\"nota-").append(i)
                    .append(".txt\"\r\nContent-Disposition: attachment; filename=\"nota-").append(i).append(".txt\"\r\n\r\nnota ")
                    .append(i).append("\r\n");
        }
        return envelope("exe-after-parts", "", body + exePart(ORIGINAL_BOUNDARY) + "--" + ORIGINAL_BOUNDARY + "--\r\n");
    }

    /**
     * {@value #EXE_NAME} inside {@code levels} nested multiparts of the original (the default limit is 24 levels).
     *
     * @param levels the nesting depth
     * @return the raw envelope
     */
    public byte[] exeNested(int levels) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 1; i <= levels; i++) {
            String b = "level-" + i;
            open.append("--").append(i == 1 ? ORIGINAL_BOUNDARY : "level-" + (i - 1)).append("\r\nContent-Type: multipart/mixed; boundary=\"")
                    .append(b).append("\"\r\n\r\n");
            close.insert(0, "--" + b + "--\r\n");
        }
        String inner = open + exePart("level-" + levels) + close + "--" + ORIGINAL_BOUNDARY + "--\r\n";
        return envelope("exe-nested", "", inner);
    }

    /**
     * {@value #EXE_NAME} behind {@code bytes} of junk header fields in postacert.eml (the default limit is 256 KiB).
     *
     * @param bytes the size of the junk header fields
     * @return the raw envelope
     */
    public byte[] exeBehindJunkHeaders(int bytes) {
        StringBuilder junk = new StringBuilder();
        for (int i = 0; junk.length() < bytes; i++) {
            junk.append("X-Junk-").append(i).append(": ").append("j".repeat(200)).append("\r\n");
        }
        return envelope("exe-junk-headers", junk.toString(), exePart(ORIGINAL_BOUNDARY) + "--" + ORIGINAL_BOUNDARY + "--\r\n");
    }

    /**
     * {@value #EXE_NAME} behind a Subject of {@code words} RFC 2047 encoded words in postacert.eml.
     *
     * @param words how many encoded words the Subject has
     * @return the raw envelope
     */
    public byte[] exeBehindEncodedWords(int words) {
        StringBuilder subject = new StringBuilder("X-Oggetto-Esteso:");
        for (int i = 0; i < words; i++) {
            subject.append(i % 4 == 0 ? "\r\n " : " ").append("=?UTF-8?B?QUFBQUFB?=");
        }
        return envelope("exe-encoded-words", subject + "\r\n", exePart(ORIGINAL_BOUNDARY) + "--" + ORIGINAL_BOUNDARY + "--\r\n");
    }

    /**
     * A signed envelope whose top-level Message-ID is {@code messageId} and whose daticert says
     * {@code identificativo}; the client's id is {@code clientMessageId}. Two calls with the same
     * Message-ID and client id but different identificativo are two different envelopes that a
     * key on the unsigned ids cannot tell apart.
     *
     * @param messageId the envelope's Message-ID
     * @param identificativo the identificativo daticert carries
     * @param clientMessageId the client's Message-ID
     * @param text the body text of the original
     * @return a signed envelope whose top-level Message-ID is {@code messageId} and whose daticert says {@code
     *     identificativo}; the client's id is {@code clientMessageId}
     */
    public byte[] withIds(String messageId, String identificativo, String clientMessageId, String text) {
        MessageBuilder facts = facts("ids").identificativo(identificativo).clientMessageId(clientMessageId);
        String original = originalHeaders(facts, "") + "--" + ORIGINAL_BOUNDARY + "\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n"
                + text + "\r\n--" + ORIGINAL_BOUNDARY + "--\r\n";
        return sign(facts, messageId, original.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ assembly

    private static final String ORIGINAL_BOUNDARY = "----=_Hostile_Original";
    private static final String MIXED_BOUNDARY = "----=_Hostile_Mixed";
    private static final String SIGNED_BOUNDARY = "----=_Hostile_Signed";
    private static final String SUBJECT = "Trasmissione fattura";

    private MessageBuilder facts(String id) {
        return fixtures.message(FixtureKind.POSTA_CERTIFICATA).from(AdmissionScenarios.CITIZEN_DOMICILE).to(AdmissionScenarios.AOO_BOX)
                .subject(SUBJECT).clientMessageId("hostile-" + id + "@client.example.it")
                .identificativo("opec-hostile-" + id + "@pec.provider.example.it");
    }

    private byte[] envelope(String id, String extraHeaders, String parts) {
        MessageBuilder facts = facts(id);
        String original = originalHeaders(facts, extraHeaders) + "--" + ORIGINAL_BOUNDARY
                + "\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\nSi trasmette la fattura.\r\n" + parts;
        return sign(facts, facts.identificativo(), original.getBytes(StandardCharsets.UTF_8));
    }

    private static String originalHeaders(MessageBuilder facts, String extraHeaders) {
        return "Date: Fri, 15 Mar 2024 10:15:29 +0100\r\nFrom: " + AdmissionScenarios.CITIZEN_DOMICILE + "\r\nTo: "
                + AdmissionScenarios.AOO_BOX + "\r\n" + extraHeaders + "Subject: " + SUBJECT + "\r\nMessage-ID: <" + facts.identificativo()
                + ">\r\nX-Riferimento-Message-ID: <" + facts.clientMessageId() + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + ORIGINAL_BOUNDARY + "\"\r\n\r\n";
    }

    private static String exePart(String boundary) {
        ByteArrayOutputStream b64 = new ByteArrayOutputStream();
        try {
            MimeText.base64(EXE, b64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "--" + boundary + "\r\nContent-Type: application/octet-stream; name=\"" + EXE_NAME + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + EXE_NAME + "\"\r\n\r\n" + b64.toString(StandardCharsets.US_ASCII);
    }

    private byte[] sign(MessageBuilder facts, String messageId, byte[] original) {
        try {
            X509Certificate cert = fixtures.pki().providerCertificate();
            PrivateKey key = fixtures.pki().providerKey();
            Instant time = Instant.now(fixtures.clock());
            CmsSigner.ContentWriter mixed = out -> writeMixed(out, facts, original);
            byte[] signature = CmsSigner.sign(mixed, false, cert, key, List.of(cert, fixtures.pki().caCertificate()), time);
            ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 16 * 1024);
            write(out, "Date: Fri, 15 Mar 2024 10:15:30 +0100\r\nFrom: \"Per conto di: " + AdmissionScenarios.CITIZEN_DOMICILE
                    + "\" <posta-certificata@" + fixtures.domain() + ">\r\nReply-To: " + AdmissionScenarios.CITIZEN_DOMICILE + "\r\nTo: "
                    + AdmissionScenarios.AOO_BOX + "\r\nSubject: POSTA CERTIFICATA: " + SUBJECT + "\r\nMessage-ID: <" + messageId
                    + ">\r\nX-Riferimento-Message-ID: <" + facts.clientMessageId() + ">\r\nX-Trasporto: posta-certificata\r\n"
                    + "X-TipoRicevuta: completa\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=\"sha-256\";\r\n\tboundary=\""
                    + SIGNED_BOUNDARY + "\"\r\n\r\nThis is an S/MIME signed message\r\n\r\n--" + SIGNED_BOUNDARY + "\r\n");
            writeMixed(out, facts, original);
            write(out, "\r\n--" + SIGNED_BOUNDARY + "\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n");
            MimeText.base64(signature, out);
            write(out, "\r\n--" + SIGNED_BOUNDARY + "--\r\n");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMixed(OutputStream out, MessageBuilder facts, byte[] original) throws IOException {
        write(out, "Content-Type: multipart/mixed; boundary=\"" + MIXED_BOUNDARY + "\"\r\n\r\n--" + MIXED_BOUNDARY + "\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\nMessaggio di posta certificata\r\n--" + MIXED_BOUNDARY + "\r\n"
                + "Content-Type: application/xml; name=\"daticert.xml\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: inline; filename=\"daticert.xml\"\r\n\r\n");
        MimeText.base64(facts.daticert().getBytes(StandardCharsets.UTF_8), out);
        write(out, "--" + MIXED_BOUNDARY + "\r\nContent-Type: message/rfc822; name=\"postacert.eml\"\r\n"
                + "Content-Disposition: inline; filename=\"postacert.eml\"\r\n\r\n");
        out.write(original);
        write(out, "\r\n--" + MIXED_BOUNDARY + "--\r\n");
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] exe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = (byte) 0x80; // e_lfanew
        b[0x80] = 'P';
        b[0x81] = 'E';
        return b;
    }
}
