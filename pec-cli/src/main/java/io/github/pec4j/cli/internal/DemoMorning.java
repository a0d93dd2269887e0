package io.github.pec4j.cli.internal;

import io.github.pec4j.directory.AddressOwner;
import io.github.pec4j.directory.IpaDirectory;
import io.github.pec4j.mailroom.OutboundDocument;
import io.github.pec4j.mailroom.OutboundRequest;
import io.github.pec4j.mailroom.Recipient;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaWriter;
import io.github.pec4j.segnatura.Soggetto;
import io.github.pec4j.simulator.Behaviour;
import io.github.pec4j.simulator.DeliveredMessage;
import io.github.pec4j.simulator.FileAttachment;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's Monday morning at the Comune di Demo: who writes to the institutional PEC box, and what
 * arrives there — a citizen's signed istanza, a region's PEC with a segnatura, a firm's notice, a
 * macro-laden form, ordinary mail, a forged receipt and the same PEC twice; and the letter the office sends
 * at 08:01 (through pec-mailroom's Outbound, to the region in the demo's IPA, a firm and a studio that no
 * longer has a box).
 */
final class DemoMorning {
    static final ZoneId ROME = ZoneId.of("Europe/Rome");
    /** Monday 16 March 2026, 08:00 in Rome: the office opens. */
    static final ZonedDateTime OPENING = ZonedDateTime.of(2026, 3, 16, 8, 0, 0, 0, ROME);
    static final RegisterId REGISTER = RegisterId.of("c_demo", "AOO_DEMO", "PG");
    static final String BOX = "protocollo@pec.comune.demo.example.it";
    static final String PASSWORD = "demo";
    static final String CITIZEN = "mario.rossi@pec.example.it";
    static final String FIRM = "amministrazione@pec.edilrossi.example.it";
    static final String REGION = "protocollo@pec.regione.demo.example.it";
    static final String SCHOOL = "segreteria@pec.istituto.demo.example.it";
    static final String ORDINARY = "lucia.bianchi@example.com";
    /** A studio tecnico whose PEC box no longer exists: the provider cannot deliver to it. */
    static final String STUDIO = "studio.neri@pec.example.it";
    /** The provider's words for it, in the errore-esteso of its avviso di mancata consegna. */
    static final String STUDIO_ERROR = "5.1.1 - Gestore di prova - utente sconosciuto: la casella studio.neri@pec.example.it non esiste";
    static final String REGION_IPA = "r_demo";
    static final String LETTER_SUBJECT = "Convocazione della conferenza dei servizi, via Roma 1";
    /** The offices' ordinary mailboxes, where their notifications arrive (as in the demo's configuration). */
    static final Map<String, String> OFFICES = Map.of("PROTOCOLLO", "protocollo@comune.demo.example.it", "TRIBUTI",
            "tributi@comune.demo.example.it", "TECNICO", "tecnico@comune.demo.example.it", "SEGRETERIA", "segreteria@comune.demo.example.it");

    /** The correspondents' PEC boxes (the studio has none any more). */
    static final List<String> CORRESPONDENTS = List.of(CITIZEN, FIRM, REGION, SCHOOL);

    /** One piece of mail as it was put in the box. */
    record Mail(Instant at, String from, String channel, String subject, String what) {}

    private DemoMorning() {}

    /** The boxes: the institutional PEC box, the correspondents' boxes and the offices' ordinary mailboxes. */
    static void boxes(PecProviderSimulator pec) {
        pec.box(BOX, PASSWORD);
        for (String correspondent : CORRESPONDENTS) pec.box(correspondent, PASSWORD);
        pec.ordinaryBox(ORDINARY, PASSWORD);
        OFFICES.values().stream().sorted().forEach(office -> pec.ordinaryBox(office, PASSWORD));
        pec.behaviour(STUDIO, Behaviour.erroreConsegna(STUDIO_ERROR));
    }

    /** The demo's IPA: the Regione Demo's AOO, an administration (a letter to it carries a segnatura). */
    static IpaDirectory ipa() {
        return IpaDirectory.of(OPENING.toLocalDate().minusDays(7), List.of(new AddressOwner.PublicAdministration(REGION, REGION_IPA,
                "Regione Demo", AddressOwner.Level.AOO, Optional.of("AOO_GIUNTA"), Optional.of("Giunta regionale"), true, Optional.empty(),
                Optional.of("80000000001"))));
    }

    /**
     * This morning's letter: the convocazione the dirigente signed (CAdES) yesterday, with a plan, to the region
     * (by its codice IPA), the firm and the studio whose box no longer exists. With {@code signed} false the primary
     * is the bare PDF, which the AOO's rule refuses.
     */
    static OutboundRequest letter(TestPki pki, boolean signed) {
        byte[] pdf = Attachments.pdf();
        OutboundDocument primary = signed
                ? OutboundDocument.of("convocazione.pdf.p7m", "application/pkcs7-mime",
                        SignedDocuments.create(pki, Clock.fixed(OPENING.minusHours(16).toInstant(), ROME)).cades(pdf))
                : OutboundDocument.of("convocazione.pdf", "application/pdf", pdf);
        return OutboundRequest.builder().subject(LETTER_SUBJECT).primary(primary)
                .attach(OutboundDocument.of("planimetria.pdf", "application/pdf", Attachments.pdf()))
                .to(Recipient.ipa(REGION_IPA)).to(Recipient.pec(FIRM).named("Edil Rossi S.r.l.")).to(Recipient.pec(STUDIO).named("Studio tecnico Neri"))
                .office("TECNICO").classification(Classification.of("VI.3"))
                .operator(Actor.of("m.bianchi", "Maria Bianchi (protocollo)")).build();
    }

    /**
     * Puts the morning's mail in the institutional box, a few minutes apart; returns it in order. The forged receipt
     * claims that the letter sent as {@code letterId} (a Message-ID in angle brackets) reached the studio.
     */
    static List<Mail> deliver(PecProviderSimulator pec, String letterId, String letterSubject) {
        List<Mail> mail = new ArrayList<>();
        TestPki pki = pec.options().pki();
        byte[] istanza = SignedDocuments.create(pki, Clock.fixed(OPENING.minusDays(2).toInstant(), ROME)).cades(Attachments.pdf());
        DeliveredMessage tari = pec.deliverPec(CITIZEN, BOX, "Istanza di rimborso TARI 2025",
                FileAttachment.of("istanza.pdf.p7m", "application/pkcs7-mime", istanza));
        mail.add(new Mail(pec.now(), CITIZEN, "PEC", "Istanza di rimborso TARI 2025", "istanza.pdf.p7m, signed (CAdES)"));
        pec.advance(Duration.ofMinutes(4));
        byte[] delibera = Attachments.pdf();
        pec.deliverPec(REGION, BOX, "Trasmissione delibera n. 12/2026",
                FileAttachment.of("delibera.pdf", "application/pdf", delibera),
                FileAttachment.of("Segnatura.xml", "application/xml", segnatura(pki, delibera)));
        mail.add(new Mail(pec.now(), REGION, "PEC", "Trasmissione delibera n. 12/2026", "delibera.pdf, Segnatura.xml (sealed)"));
        pec.advance(Duration.ofMinutes(7));
        pec.deliverPec(FIRM, BOX, "Comunicazione inizio lavori, via Roma 1",
                FileAttachment.of("cil.pdf", "application/pdf", Attachments.pdf()));
        mail.add(new Mail(pec.now(), FIRM, "PEC", "Comunicazione inizio lavori, via Roma 1", "cil.pdf"));
        pec.advance(Duration.ofMinutes(3));
        pec.deliverOrdinary(ORDINARY, BOX, "Segnalazione lampione guasto",
                "Buongiorno, in via Garibaldi il lampione davanti al civico 12 è spento da una settimana.\nLucia Bianchi", Map.of());
        mail.add(new Mail(pec.now(), ORDINARY, "e-mail", "Segnalazione lampione guasto", "ordinary mail, no PEC"));
        pec.advance(Duration.ofMinutes(5));
        pec.deliverPec(SCHOOL, BOX, "Invio modulo iscrizione mensa",
                FileAttachment.of("modulo.docm", "application/vnd.ms-word.document.macroEnabled.12", macroDocument()));
        mail.add(new Mail(pec.now(), SCHOOL, "PEC", "Invio modulo iscrizione mensa", "modulo.docm, with VBA macros"));
        pec.advance(Duration.ofMinutes(2));
        String clientId = letterId.substring(1, letterId.length() - 1);
        pec.deliver(BOX, FixtureKind.AVVENUTA_CONSEGNA, b -> b.from(BOX).to(STUDIO).deliveredTo(STUDIO)
                .clientMessageId(clientId).subject(letterSubject).signedBy(pki.otherCertificate(), pki.otherKey()));
        mail.add(new Mail(pec.now(), "posta-certificata@" + pec.options().domain(), "receipt", "CONSEGNA: " + letterSubject,
                "a consegna to " + STUDIO + ", signed by a certificate no provider owns (forged)"));
        pec.advance(Duration.ofMinutes(6));
        pec.deliverRaw(BOX, tari.raw());
        mail.add(new Mail(pec.now(), CITIZEN, "PEC", "Istanza di rimborso TARI 2025", "the same envelope again (delivered twice)"));
        pec.advance(Duration.ofMinutes(12));
        return mail;
    }

    /** The region's segnatura for its delibera, sealed with the test PKI's seal and naming the Segreteria as destination office. */
    private static byte[] segnatura(TestPki pki, byte[] delibera) {
        Segnatura s = Segnatura.builder()
                .identificatore(Identificatore.of("r_demo", "AOO_GIUNTA", "PG", 4711, OPENING.toLocalDate().minusDays(3)))
                .oggetto("Trasmissione delibera n. 12/2026")
                .classifica(Classifica.flat("Atti della Giunta", "I.6"))
                .mittente(Soggetto.Amministrazione.aoo("Regione Demo", "r_demo", "AOO_GIUNTA", REGION))
                .destinatario(new Soggetto.Amministrazione("Comune di Demo", "c_demo", Optional.of("AOO_DEMO"), Optional.of("UO_SEGRETERIA"),
                        Optional.of(BOX)))
                .documentoPrimario(Documento.of("delibera.pdf", "application/pdf", delibera))
                .build();
        return SegnaturaWriter.create(SealKey.of(pki.sealKey(), pki.sealCertificate())).write(s);
    }

    /** A Word document with a VBA project (built here: the testkit's whole violation set takes seconds to generate). */
    private static byte[] macroDocument() {
        String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml"
                + ".document.main+xml\"/><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>";
        return Attachments.zip(new String[] {"[Content_Types].xml", types}, new String[] {"word/document.xml", "<document/>"},
                new String[] {"word/vbaProject.bin", "VBA project: Sub AutoOpen()"});
    }

    static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    static LocalDate today() {
        return OPENING.toLocalDate();
    }
}
