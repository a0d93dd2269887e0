package io.github.pec4j.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The admissibility scenarios of a protocol office, as PEC messages received on the AOO's
 * institutional box {@link #AOO_BOX}: a PA over PEC only or with a segnatura, a citizen with a
 * signed {@code .p7m}, a citizen from an INAD domicile or from an unlisted PEC, a firm from INI-PEC,
 * ordinary mail in an anomalia envelope, a receipt, a macro attachment. The addresses and codici
 * fiscali are constants, so a test can set up the directories that make each case what it is.
 */
public final class AdmissionScenarios {
    /** The receiving AOO's PEC domicile (published in IPA). */
    public static final String AOO_BOX = "protocollo@pec.comune.esempio.it";
    /** A region's AOO domicile: a public administration in IPA. */
    public static final String PA_SENDER = "protocollo@pec.regione.esempio.it";
    /** The citizen whose domicile is in INAD; also the subject of {@link TestPki#signerCertificate()}. */
    public static final String CITIZEN_TAX_CODE = "RSSMRA80A01H501U";
    /** That citizen's INAD domicile. */
    public static final String CITIZEN_DOMICILE = "mario.rossi@pec.example.it";
    /** A citizen with no registered domicile. */
    public static final String UNLISTED_TAX_CODE = "VRDNNA90C41F205Z";
    /** The PEC address that citizen writes from. */
    public static final String UNLISTED_PEC = "anna.verdi@pec.example.it";
    /** A firm's domicile registered in INI-PEC. */
    public static final String FIRM_DOMICILE = "amministrazione@pec.edilrossi.example.it";
    /** The firm's partita IVA. */
    public static final String FIRM_TAX_CODE = "01234567890";

    private final PecFixtures fixtures;

    private AdmissionScenarios(PecFixtures fixtures) {
        this.fixtures = fixtures;
    }

    /**
     * Scenarios received at the fixtures' default time (15 March 2024).
     *
     * @return the scenarios
     */
    public static AdmissionScenarios create() {
        return new AdmissionScenarios(PecFixtures.create());
    }

    /**
     * Scenarios received at {@code instant} (e.g. before 17 July 2020).
     *
     * @param instant the time of receipt the messages carry
     * @return the scenarios
     */
    public static AdmissionScenarios at(Instant instant) {
        return new AdmissionScenarios(PecFixtures.create().withClock(Clock.fixed(instant, ZoneId.of("Europe/Rome"))));
    }

    private MessageBuilder envelope(String from, String subject, String id) {
        return fixtures.message(FixtureKind.POSTA_CERTIFICATA).from(from).to(AOO_BOX).subject(subject)
                .clientMessageId("scenario-" + id + "@client.example.it");
    }

    /**
     * A region writes over PEC, with a PDF and no segnatura (art. 47 lett. d).
     *
     * @return the raw message
     */
    public byte[] paOverPecOnly() {
        return envelope(PA_SENDER, "Trasmissione nota prot. 4711", "pa-pec")
                .noAttachments().attachment("nota.pdf", "application/pdf", Attachments.pdf()).build();
    }

    /**
     * A region sends a protocol message: the primary document, and the segnatura the caller made
     * for it (signed, with the primary's impronta) as {@code Segnatura.xml}.
     *
     * @param primaryPdf the primary document's bytes
     * @param segnaturaXml the segnatura the caller made for it
     * @return a region sends a protocol message: the primary document, and the segnatura the caller made for it
     *     (signed, with the primary's impronta) as {@code Segnatura.xml}
     */
    public byte[] paWithSegnatura(byte[] primaryPdf, byte[] segnaturaXml) {
        Objects.requireNonNull(primaryPdf, "primaryPdf");
        Objects.requireNonNull(segnaturaXml, "segnaturaXml");
        return envelope(PA_SENDER, "Trasmissione delibera n. 12/2024", "pa-segnatura").noAttachments()
                .attachment("delibera.pdf", "application/pdf", primaryPdf)
                .attachment("Segnatura.xml", "application/xml", segnaturaXml).build();
    }

    /**
     * A citizen sends an istanza signed with a qualified signature (art. 65 lett. a), from an unlisted PEC.
     *
     * @return the raw message
     */
    public byte[] citizenSignedP7m() {
        byte[] p7m = SignedDocuments.create().cades(Attachments.pdf());
        return envelope("m.rossi.privato@pec.example.it", "Istanza di accesso agli atti", "signed").noAttachments()
                .attachment("istanza.pdf.p7m", "application/pkcs7-mime", p7m).build();
    }

    /**
     * The citizen signs the istanza with a detached CAdES signature: {@code istanza.pdf} and, beside it,
     * {@code istanza.pdf.p7s} over exactly its bytes (art. 65 lett. a).
     *
     * @return the raw message
     */
    public byte[] citizenDetachedP7s() {
        byte[] pdf = Attachments.pdf();
        return envelope("m.rossi.privato@pec.example.it", "Istanza di accesso agli atti", "detached").noAttachments()
                .attachment("istanza.pdf", "application/pdf", pdf)
                .attachment("istanza.pdf.p7s", "application/pkcs7-signature", SignedDocuments.create().detached(pdf)).build();
    }

    /**
     * The citizen writes from the INAD domicile, unsigned PDF (art. 65 lett. c-bis, registered domicile).
     *
     * @return the raw message
     */
    public byte[] citizenFromDomicile() {
        return envelope(CITIZEN_DOMICILE, "Istanza di contributo", "inad").noAttachments()
                .attachment("istanza.pdf", "application/pdf", Attachments.pdf()).build();
    }

    /**
     * A citizen without a registered domicile writes from a PEC (c-bis by special domicile from 17 July 2020).
     *
     * @return a citizen without a registered domicile writes from a PEC (c-bis by special domicile from 17 July 2020)
     */
    public byte[] citizenFromUnlistedPec() {
        return envelope(UNLISTED_PEC, "Richiesta certificato", "unlisted").noAttachments()
                .attachment("richiesta.pdf", "application/pdf", Attachments.pdf()).build();
    }

    /**
     * The citizen writes from an unlisted PEC box with a mail client that signs with S/MIME: the original
     * ({@code postacert.eml}) is clear-signed, its {@code smime.p7s} signing the text and {@code richiesta.pdf}.
     *
     * @return the raw message
     */
    public byte[] citizenSmimeSigned() {
        return envelope(UNLISTED_PEC, "Richiesta certificato firmata", "smime").original(smimeOriginal(UNLISTED_PEC, "Richiesta certificato firmata"))
                .build();
    }

    /**
     * The original of {@link #citizenSmimeSigned()}: a mail from {@code from} to the AOO's box, clear-signed with
     * S/MIME by {@link TestPki#signerCertificate()}.
     *
     * @param from the sender
     * @param subject the Subject
     * @return the mail's bytes, CRLF line breaks
     */
    public static byte[] smimeOriginal(String from, String subject) {
        return SignedDocuments.create().clearSignedMail(smimeHeaders(from, subject), smimeBody());
    }

    /**
     * The citizen's mail client signs in opaque form ({@code smime.p7m}): the original of the PEC encapsulates the text
     * and {@code richiesta.pdf} inside the signature.
     *
     * @return the raw message
     */
    public byte[] citizenSmimeOpaque() {
        return envelope(UNLISTED_PEC, "Richiesta certificato firmata", "smime-opaque")
                .original(SignedDocuments.create().opaqueSignedMail(smimeHeaders(UNLISTED_PEC, "Richiesta certificato firmata"), smimeBody()))
                .build();
    }

    private static String smimeHeaders(String from, String subject) {
        return "From: " + from + "\r\nTo: " + AOO_BOX + "\r\nSubject: " + subject + "\r\nDate: Thu, 14 Mar 2024 09:12:00 +0100\r\n"
                + "Message-ID: <smime-original@client.example.it>\r\n";
    }

    private static byte[] smimeBody() {
        String pdf = java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(Attachments.pdf());
        String body = "Content-Type: multipart/mixed; boundary=\"mixed-1\"\r\n\r\n--mixed-1\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nBuongiorno, allego la richiesta firmata.\r\n\r\n--mixed-1\r\n"
                + "Content-Type: application/pdf; name=\"richiesta.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"richiesta.pdf\"\r\n\r\n" + pdf + "\r\n--mixed-1--\r\n";
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A firm writes from its INI-PEC domicile.
     *
     * @return a firm writes from its INI-PEC domicile
     */
    public byte[] firmFromIniPec() {
        return envelope(FIRM_DOMICILE, "Comunicazione inizio lavori", "firm").noAttachments()
                .attachment("cil.pdf", "application/pdf", Attachments.pdf()).build();
    }

    /**
     * Ordinary mail relayed by the provider in a busta di anomalia.
     *
     * @return the raw message
     */
    public byte[] ordinaryViaAnomalia() {
        return fixtures.message(FixtureKind.ANOMALIA).from("mario.rossi@example.org").to(AOO_BOX).subject("Segnalazione")
                .clientMessageId("scenario-anomalia@client.example.org").build();
    }

    /**
     * A delivery receipt for a message the AOO sent.
     *
     * @return a delivery receipt for a message the AOO sent
     */
    public byte[] receipt() {
        return fixtures.message(FixtureKind.AVVENUTA_CONSEGNA).from(AOO_BOX).to(PA_SENDER).deliveredTo(PA_SENDER)
                .clientMessageId("scenario-sent@client.comune.esempio.it").build();
    }

    /**
     * A citizen's PEC with a macro-enabled Word document.
     *
     * @return a citizen's PEC with a macro-enabled Word document
     */
    public byte[] macroAttachment() {
        byte[] docm = Attachments.violations().stream().filter(s -> "MACRO".equals(s.code())).findFirst().orElseThrow().content();
        return envelope(CITIZEN_DOMICILE, "Invio modulo", "macro").noAttachments()
                .attachment("modulo.docm", "application/vnd.ms-word.document.macroEnabled.12", docm).build();
    }
}
