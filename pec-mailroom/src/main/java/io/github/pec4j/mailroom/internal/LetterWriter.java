package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.Addressee;
import io.github.pec4j.mailroom.OutboundDocument;
import io.github.pec4j.mailroom.OutboundRequest;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.GeneratedDocuments;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.Destinatario;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.Riferimento;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaWriter;
import io.github.pec4j.segnatura.Soggetto;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Writes an outgoing letter inside its registration's transaction ({@link GeneratedDocuments}): the
 * segnatura v3 when an administration is among the recipients (OUT-SEG-01) and the whole MIME message,
 * from the institutional box, with a Message-ID derived from the protocol id (OUT-ONCE-01). Both are
 * stored byte-exact with the registration; the outbox sends those bytes, never a message composed again.
 */
public final class LetterWriter {
    /** The generated document holding the message as submitted. */
    public static final String LETTER_FILE = "messaggio-inviato.eml";
    /** The segnatura's file name (AgID LG 2021 Allegato 6). */
    public static final String SEGNATURA_FILE = "Segnatura.xml";
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** What a letter is written from, besides its number. */
    public record Letter(OutboundRequest request, List<Addressee> addressees, byte[][] documents, Optional<Riferimento> answers) {}

    private final String box;
    private final String aooName;
    private final String subjectTemplate;
    private final String defaultBody;
    private final SegnaturaWriter segnatura;
    private final Session session = Session.getInstance(new Properties());

    public LetterWriter(String box, String aooName, String subjectTemplate, String defaultBody, SegnaturaWriter segnatura) {
        this.box = box;
        this.aooName = aooName;
        this.subjectTemplate = subjectTemplate;
        this.defaultBody = defaultBody;
        this.segnatura = segnatura;
    }

    /** The Message-ID of the letter registered as {@code id}: the same on every attempt and on every node. */
    public String messageId(ProtocolId id) {
        // not the "pec4j." prefix of the mailroom's own notifications and replies: their receipts are filed apart,
        // a letter's receipts on its registration
        String hex = HexFormat.of().formatHex(Impronta.sha256Digest().digest(("letter:" + id).getBytes(StandardCharsets.UTF_8)));
        return "<pec4j-letter." + hex.substring(0, 40) + "@" + box.substring(box.lastIndexOf('@') + 1) + ">";
    }

    /** The documents made once the number is known: the segnatura (if any administration is a recipient) and the message. */
    public GeneratedDocuments generated(Letter letter) {
        return (id, at) -> {
            List<DocumentRequest> out = new ArrayList<>(2);
            Optional<byte[]> seg = letter.addressees().stream().anyMatch(Addressee::administration)
                    ? Optional.of(segnatura(letter, id, at)) : Optional.empty();
            seg.ifPresent(s -> out.add(DocumentRequest.of(SEGNATURA_FILE, "application/xml", s)));
            out.add(DocumentRequest.of(LETTER_FILE, "message/rfc822", message(letter, id, at, seg)));
            return out;
        };
    }

    /** The subject: the template with {@code {number}}, {@code {year}}, {@code {date}}, {@code {protocol}} and {@code {subject}}. */
    public String subject(String template, ProtocolId id, Instant at, String subject) {
        return template.replace("{number}", id.formattedNumber()).replace("{year}", Integer.toString(id.year()))
                .replace("{date}", DAY.format(at.atZone(ROME))).replace("{protocol}", id.toString()).replace("{subject}", subject);
    }

    private byte[] message(Letter letter, ProtocolId id, Instant at, Optional<byte[]> seg) throws IOException {
        try {
            KeepIdMimeMessage m = new KeepIdMimeMessage(session);
            m.setHeader("Message-ID", messageId(id));
            m.setFrom(new InternetAddress(box, true));
            for (Addressee a : letter.addressees()) {
                m.addRecipient(a.given().perConoscenza() ? MimeMessage.RecipientType.CC : MimeMessage.RecipientType.TO, address(a));
            }
            m.setSubject(subject(subjectTemplate, id, at, letter.request().subject()), "UTF-8");
            m.setHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ROME))); // not the JVM's zone
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            String body = letter.request().body().isBlank() ? defaultBody : letter.request().body();
            // CRLF as SMTP carries it, so the stored bytes are the submitted bytes
            text.setText(subject(body, id, at, letter.request().subject()).replace("\r\n", "\n").replace("\n", "\r\n"), "UTF-8");
            mixed.addBodyPart(text);
            List<OutboundDocument> docs = letter.request().documents();
            for (int i = 0; i < docs.size(); i++) mixed.addBodyPart(attachment(docs.get(i).name(), docs.get(i).mediaType(), letter.documents()[i]));
            if (seg.isPresent()) mixed.addBodyPart(attachment(SEGNATURA_FILE, "application/xml", seg.get()));
            m.setContent(mixed);
            m.saved();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return withoutTrailingLineEnds(out.toByteArray());
        } catch (MessagingException e) {
            throw new IOException("cannot compose the letter: " + e.getMessage(), e);
        }
    }

    /**
     * The bytes without trailing line ends: SMTP DATA adds the CRLF before its closing dot and the server takes it
     * off again, so what is stored is exactly what the provider receives (and puts in {@code postacert.eml}).
     */
    private static byte[] withoutTrailingLineEnds(byte[] b) {
        int end = b.length;
        while (end > 0 && (b[end - 1] == '\r' || b[end - 1] == '\n')) end--;
        return Arrays.copyOf(b, end);
    }

    private static InternetAddress address(Addressee a) throws MessagingException {
        try {
            return a.name().equalsIgnoreCase(a.address()) ? new InternetAddress(a.address(), true)
                    : new InternetAddress(a.address(), a.name(), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8", e);
        }
    }

    private static MimeBodyPart attachment(String name, String type, byte[] bytes) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        part.setFileName(name);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    private byte[] segnatura(Letter letter, ProtocolId id, Instant at) throws IOException {
        OutboundRequest r = letter.request();
        LocalDate day = at.atZone(ROME).toLocalDate();
        Identificatore ident = Identificatore.of(id.register().amministrazione(), id.register().aoo(), id.register().registro(), id.number(), day);
        Classifica classifica = Classifica.flat(r.classification().code(), r.classification().code());
        Segnatura.Builder b = Segnatura.builder().identificatore(ident).oggetto(r.subject()).classifica(classifica)
                .mittente(Soggetto.Amministrazione.aoo(aooName, id.register().amministrazione(), id.register().aoo(), box));
        letter.answers().ifPresent(b::riferimenti);
        for (Addressee a : letter.addressees()) b.destinatario(new Destinatario(soggetto(a), a.administration(), a.given().perConoscenza()));
        List<OutboundDocument> docs = r.documents();
        b.documentoPrimario(Documento.of(docs.get(0).name(), docs.get(0).mediaType(), letter.documents()[0]));
        for (int i = 1; i < docs.size(); i++) b.allegato(Documento.of(docs.get(i).name(), docs.get(i).mediaType(), letter.documents()[i]));
        try {
            return segnatura.withClock(Clock.fixed(at, ZoneOffset.UTC)).write(b.build());
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot write the segnatura: " + e.getMessage(), e);
        }
    }

    private static Soggetto soggetto(Addressee a) {
        if (a.administration()) {
            return new Soggetto.Amministrazione(a.name(), a.ipaCode().get(), a.codiceAoo(), Optional.empty(), Optional.of(a.address()));
        }
        return new Soggetto.PersonaGiuridica(a.name(), a.taxCode(), Optional.of(a.address()));
    }

    /** The riferimento to the registration a letter answers. */
    public static Riferimento riferimento(Registration answered) {
        ProtocolId id = answered.id();
        Identificatore ident = Identificatore.of(id.register().amministrazione(), id.register().aoo(), id.register().registro(), id.number(),
                answered.registeredAt().atZone(ROME).toLocalDate());
        String code = answered.classification().code();
        return Riferimento.of(ident, answered.oggetto(), Classifica.flat(code, code));
    }

    /** Reads every document's bytes once, so the pre-flight, the registry, the MIME and the segnatura see the same bytes. */
    public static byte[][] read(OutboundRequest request) throws IOException {
        List<OutboundDocument> docs = request.documents();
        byte[][] out = new byte[docs.size()][];
        for (int i = 0; i < docs.size(); i++) {
            try (InputStream in = docs.get(i).content().open()) {
                out[i] = in.readAllBytes();
            }
        }
        return out;
    }
}
