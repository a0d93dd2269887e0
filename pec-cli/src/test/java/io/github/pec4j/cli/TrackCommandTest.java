package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pec track}: a sent message and its receipts, per recipient, as text and as one JSON object. */
class TrackCommandTest {
    static final String ID = "20240315101525.7f3a9c@client.comune.esempio.it";
    static final String OTHER_ID = "20240315101801.0b44e2@client.comune.esempio.it";
    static final String SENDER = "protocollo@pec.comune.esempio.it";
    static final String A = "ufficio.tributi@pec.regione.esempio.it";
    static final String B = "protocollo@pec.provincia.esempio.it";
    static final String C = "segreteria@pec.scuola.esempio.it";
    static final String X = "mario.rossi@example.org";
    static final String SUBJECT = "Richiesta documentazione pratica n. 2024/0123";
    /** The testkit dates its receipts 2024-03-15T10:15:30+01:00; the message was sent five seconds before. */
    static final String ACCEPTED_AT = "2024-03-15T09:15:30Z";
    static final String NOON = "2024-03-15T12:00:00+01:00";
    static final PecFixtures FIXTURES = PecFixtures.create();

    @TempDir
    static Path dir;
    static Path sent;
    static Path sentWithEsterno;
    static Path accettazione;
    static Path consegnaA;
    static Path consegnaB;
    static Path consegnaC;
    static Path erroreB;
    static Path esternoAccettazione;
    static Path otherMessage;
    static Path envelope;

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            assertThat(out.strip()).as("one JSON object on one line").doesNotContain("\n");
            return new ObjectMapper().readTree(out);
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The message as the AOO's client submitted it: a plain RFC 5322 text. */
    static String sentEml(String to, String cc) {
        return "Message-ID: <" + ID + ">\r\n"
                + "Date: Fri, 15 Mar 2024 10:15:25 +0100\r\n"
                + "From: \"Comune di Esempio - Protocollo\" <" + SENDER + ">\r\n"
                + "To: " + to + "\r\n"
                + (cc.isEmpty() ? "" : "Cc: " + cc + "\r\n")
                + "Subject: " + SUBJECT + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "Si trasmette la richiesta in oggetto.\r\n";
    }

    static MessageBuilder receipt(FixtureKind kind) {
        return FIXTURES.message(kind).from(SENDER).to(A, B).cc(C).subject(SUBJECT).clientMessageId(ID);
    }

    static Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @BeforeAll
    static void files() throws Exception {
        sent = write("sent.eml", sentEml("\"Regione\" <" + A + ">, " + B, C).getBytes(StandardCharsets.UTF_8));
        sentWithEsterno = write("sent-esterno.eml", sentEml(A + ", \"Mario Rossi\" <" + X + ">", "").getBytes(StandardCharsets.UTF_8));
        accettazione = write("accettazione.eml", receipt(FixtureKind.ACCETTAZIONE).build());
        consegnaA = write("consegna-a.eml", receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(A).build());
        consegnaB = write("consegna-b.eml", receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(B).build());
        consegnaC = write("consegna-c.eml", receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(C).build());
        erroreB = write("errore-b.eml",
                receipt(FixtureKind.ERRORE_CONSEGNA).deliveredTo(B).errore("no-dest").erroreEsteso("5.1.1 - utente sconosciuto").build());
        esternoAccettazione = write("accettazione-esterno.eml",
                FIXTURES.message(FixtureKind.ACCETTAZIONE).from(SENDER).to(A).esterno(X).subject(SUBJECT).clientMessageId(ID).build());
        otherMessage = write("consegna-other.eml", receipt(FixtureKind.AVVENUTA_CONSEGNA).clientMessageId(OTHER_ID).deliveredTo(A).build());
        envelope = write("envelope.eml", receipt(FixtureKind.POSTA_CERTIFICATA).build());
    }

    /** {@code pec track --json --at AT SENT RECEIPT...}, which must exit 0. */
    static JsonNode track(String at, Path sentFile, Path... receipts) throws Exception {
        List<String> args = new ArrayList<>(List.of("track", "--json", "--at", at, sentFile.toString()));
        for (Path p : receipts) args.add(p.toString());
        Run r = run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return r.json();
    }

    /** As {@link #track(String, Path, Path...)} at noon on the day of sending, three hours after the accettazione. */
    static JsonNode track(Path sentFile, Path... receipts) throws Exception {
        return track(NOON, sentFile, receipts);
    }

    static JsonNode recipient(JsonNode status, String address) {
        for (JsonNode r : status.path("recipients")) {
            if (r.path("address").asText().equals(address)) return r;
        }
        throw new AssertionError("no recipient " + address + " in " + status);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.path(field).asText()));
        return out;
    }

    @Test
    @Tag("REC-DLV-01")
    @DisplayName("REC-DLV-01 all receipts: every recipient delivered, each with its type, since and next; overall green")
    void allDelivered() throws Exception {
        JsonNode s = track(sent, consegnaC, accettazione, consegnaA, consegnaB);
        assertThat(s.path("messageId").asText()).isEqualTo(ID);
        assertThat(s.path("overall").asText()).isEqualTo("green");
        assertThat(s.path("acceptedAt").asText()).isEqualTo(ACCEPTED_AT);
        assertThat(s.path("identificativo").asText()).isNotBlank();
        assertThat(s.path("at").asText()).isEqualTo("2024-03-15T11:00:00Z");
        assertThat(texts(s.path("recipients"), "address")).containsExactly(A, B, C);
        for (JsonNode x : s.path("recipients")) {
            assertThat(x.path("type").asText()).isEqualTo("certificato");
            assertThat(x.path("status").asText()).isEqualTo("delivered");
            assertThat(x.path("since").asText()).isEqualTo(ACCEPTED_AT);
            assertThat(x.path("next").asText()).contains("proof");
            assertThat(x.path("deliveryExpectedBy").asText()).isEqualTo("2024-03-15T21:15:30Z");
            assertThat(x.path("finalNoticeBy").asText()).isEqualTo("2024-03-16T09:15:30Z");
            assertThat(x.path("smtpCode").isNull()).isTrue();
        }
        assertThat(recipient(s, C).path("cc").asBoolean()).isTrue();
        assertThat(s.path("unmatched")).isEmpty();
        assertThat(texts(s.path("receipts"), "outcome")).containsOnly("matched");
    }

    @Test
    @Tag("REC-DLV-01")
    @DisplayName("REC-DLV-01 one recipient failed (5.1.1): that recipient delivery-failed with its SMTP code and detail, the others delivered, red")
    void oneFailed() throws Exception {
        JsonNode s = track(sent, accettazione, consegnaA, erroreB, consegnaC);
        assertThat(s.path("overall").asText()).isEqualTo("red");
        JsonNode b = recipient(s, B);
        assertThat(b.path("status").asText()).isEqualTo("delivery-failed");
        assertThat(b.path("smtpCode").asText()).isEqualTo("5.1.1");
        assertThat(b.path("detail").asText()).contains("no-dest").contains("utente sconosciuto");
        assertThat(b.path("next").asText()).contains("check the address");
        assertThat(recipient(s, A).path("status").asText()).isEqualTo("delivered");
        assertThat(recipient(s, C).path("status").asText()).isEqualTo("delivered");
    }

    @Test
    @Tag("REC-TIME-01")
    @DisplayName("REC-TIME-01 a missing consegna: accepted before 12 h, overdue 13 h after the accettazione, timed-out at 25 h")
    void deadlines() throws Exception {
        JsonNode at1 = track("2024-03-15T10:15:30Z", sent, accettazione, consegnaA, consegnaC);
        assertThat(recipient(at1, B).path("status").asText()).isEqualTo("accepted");
        assertThat(at1.path("overall").asText()).isEqualTo("yellow");

        // a local date-time is Italian time: 23:15:30 in Rome (CET) is 13 hours after 09:15:30Z
        JsonNode at13 = track("2024-03-15T23:15:30", sent, accettazione, consegnaA, consegnaC);
        assertThat(at13.path("at").asText()).isEqualTo("2024-03-15T22:15:30Z");
        JsonNode b13 = recipient(at13, B);
        assertThat(b13.path("status").asText()).isEqualTo("overdue");
        assertThat(b13.path("since").asText()).isEqualTo("2024-03-15T21:15:30Z");
        assertThat(at13.path("overall").asText()).isEqualTo("yellow");
        assertThat(recipient(at13, A).path("status").asText()).isEqualTo("delivered");

        JsonNode at25 = track("2024-03-16T10:15:30Z", sent, accettazione, consegnaA, consegnaC);
        JsonNode b25 = recipient(at25, B);
        assertThat(b25.path("status").asText()).isEqualTo("timed-out");
        assertThat(b25.path("since").asText()).isEqualTo("2024-03-16T09:15:30Z");
        assertThat(at25.path("overall").asText()).isEqualTo("red");
    }

    @Test
    @DisplayName("an esterno recipient: forwarded, type esterno, no deadlines; overall stays yellow")
    void esterno() throws Exception {
        JsonNode s = track("2024-03-17T12:00:00+01:00", sentWithEsterno, esternoAccettazione, consegnaA);
        JsonNode x = recipient(s, X);
        assertThat(x.path("type").asText()).isEqualTo("esterno");
        assertThat(x.path("status").asText()).isEqualTo("forwarded");
        assertThat(x.path("deliveryExpectedBy").isNull()).isTrue();
        assertThat(recipient(s, A).path("type").asText()).isEqualTo("certificato");
        assertThat(recipient(s, A).path("status").asText()).isEqualTo("delivered");
        assertThat(s.path("overall").asText()).isEqualTo("yellow");
    }

    @Test
    @Tag("REC-DLV-02")
    @Tag("REC-CORR-02")
    @DisplayName("REC-DLV-02 REC-CORR-02 a receipt of another message with the same Subject is unmatched and blocks nothing; a non-receipt is listed")
    void unmatched() throws Exception {
        // consegna-other.eml carries the same Subject and recipient as the sent message: only its Message-ID differs
        JsonNode s = track(sent, otherMessage, accettazione, envelope, consegnaA, consegnaB, consegnaC);
        assertThat(s.path("overall").asText()).isEqualTo("green");
        JsonNode unmatched = s.path("unmatched");
        assertThat(texts(unmatched, "file")).containsExactly(otherMessage.toString(), envelope.toString());
        assertThat(unmatched.get(0).path("kind").asText()).isEqualTo("avvenuta-consegna");
        assertThat(unmatched.get(0).path("reason").asText()).contains("no sent message").contains(OTHER_ID);
        assertThat(unmatched.get(1).path("kind").asText()).isEqualTo("posta-certificata");
        assertThat(unmatched.get(1).path("reason").asText()).isEqualTo("not a receipt: posta-certificata");
        assertThat(recipient(s, A).path("history")).hasSize(2);
    }

    @Test
    @Tag("REC-CORR-02")
    @DisplayName("REC-CORR-02 a receipt whose Subject differs from the sent message still matches by Message-ID")
    void notBySubject() throws Exception {
        Path renamed = write("consegna-renamed.eml",
                receipt(FixtureKind.AVVENUTA_CONSEGNA).subject("Oggetto riscritto dal gestore").deliveredTo(A).build());
        JsonNode s = track(sent, accettazione, renamed);
        assertThat(recipient(s, A).path("status").asText()).isEqualTo("delivered");
        assertThat(s.path("unmatched")).isEmpty();
    }

    @Test
    @Tag("REC-CORR-01")
    @DisplayName("REC-CORR-01 a consegna without client Message-ID or msgid, dated before the accettazione and given first, matches by identificativo")
    void byIdentificativo() throws Exception {
        String identificativo = receipt(FixtureKind.ACCETTAZIONE).identificativo();
        // the recipient's provider's clock is 20 seconds behind
        PecFixtures skewed = PecFixtures.create().withClock(java.time.Clock.fixed(java.time.Instant.parse(ACCEPTED_AT).minusSeconds(20),
                java.time.ZoneId.of("Europe/Rome")));
        byte[] consegna = skewed.message(FixtureKind.AVVENUTA_CONSEGNA).from(SENDER).to(A, B).cc(C).clientMessageId(ID)
                .identificativo(identificativo).deliveredTo(B).build();
        Path bare = write("consegna-b-identificativo.eml", withoutClientMessageId(consegna));
        JsonNode inspected = new ObjectMapper().readTree(run("inspect", "--json", bare.toString()).out());
        assertThat(inspected.path("riferimentoMessageId").isNull()).as(inspected.toString()).isTrue();
        assertThat(inspected.path("daticert").path("msgid").isNull()).as(inspected.toString()).isTrue();
        assertThat(inspected.path("daticert").path("identificativo").asText()).isEqualTo(identificativo);
        JsonNode s = track(sent, bare, accettazione);
        assertThat(s.path("unmatched")).isEmpty();
        assertThat(recipient(s, B).path("status").asText()).isEqualTo("delivered");
        assertThat(recipient(s, B).path("since").asText()).isEqualTo("2024-03-15T09:15:10Z");
    }

    /** The receipt without its X-Riferimento-Message-ID header and daticert msgid: only the identificativo ties it to the message. */
    static byte[] withoutClientMessageId(byte[] receipt) {
        String s = new String(receipt, StandardCharsets.ISO_8859_1);
        String header = "\r\nX-Riferimento-Message-ID: <" + ID + ">\r\n";
        s = s.replace(header, "\r\n");
        String part = "filename=\"daticert.xml\"\r\n\r\n";
        int start = s.indexOf(part) + part.length();
        int end = s.indexOf("\r\n--", start);
        String xml = new String(Base64.getMimeDecoder().decode(s.substring(start, end)), StandardCharsets.UTF_8);
        assertThat(xml).contains("<msgid>");
        xml = xml.replaceAll("\\s*<msgid>[^<]*</msgid>", "");
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(xml.getBytes(StandardCharsets.UTF_8));
        return (s.substring(0, start) + encoded + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("text output: a table of recipients with type, status, since and next, the overall light and the unmatched files")
    void text() {
        Run r = run("track", "--at", NOON, sent.toString(), accettazione.toString(), consegnaA.toString(),
                erroreB.toString(), otherMessage.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("overall   RED", "ADDRESS", "TYPE", "STATUS", "SINCE", "NEXT", "5.1.1 - utente sconosciuto [5.1.1]",
                "unmatched", otherMessage.toString());
        assertThat(r.out().lines().filter(l -> l.contains(A) && l.contains("certificato") && l.contains("delivered"))).hasSize(1);
        assertThat(r.out().lines().filter(l -> l.contains(B) && l.contains("delivery-failed"))).hasSize(1);
        assertThat(r.out().lines().filter(l -> l.contains(C + " (cc)") && l.contains("accepted") && l.contains("wait for"))).hasSize(1);
    }

    @Test
    @DisplayName("usage errors exit 2; an unreadable receipt exits 3 after printing the rest; an unreadable sent message exits 3")
    void errors() throws Exception {
        assertThat(run("track").status()).isEqualTo(2);
        assertThat(run("track", "--json").status()).isEqualTo(2);
        assertThat(run("track", "--at", "yesterday", sent.toString()).status()).isEqualTo(2);
        assertThat(run("track", sent.toString(), "--at").status()).isEqualTo(2);
        assertThat(run("track", "--bogus", sent.toString()).status()).isEqualTo(2);
        Run receiptFirst = run("track", accettazione.toString(), sent.toString());
        assertThat(receiptFirst.status()).isEqualTo(2);
        assertThat(receiptFirst.err()).contains("is a receipt");

        Run missing = run("track", "--json", "--at", NOON, sent.toString(), accettazione.toString(),
                dir.resolve("nope.eml").toString());
        assertThat(missing.status()).isEqualTo(3);
        assertThat(missing.err()).contains("nope.eml: file not found").doesNotContain("Exception");
        JsonNode s = missing.json();
        assertThat(s.path("overall").asText()).isEqualTo("yellow");
        assertThat(s.path("unmatched").get(0).path("kind").asText()).isEqualTo("unreadable");
        assertThat(s.path("unmatched").get(0).path("reason").asText()).isEqualTo("file not found");

        assertThat(run("track", dir.resolve("nope.eml").toString(), accettazione.toString()).status()).isEqualTo(3);
        Path noId = write("no-id.eml", "From: a@b.it\r\nTo: c@d.it\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        Run noMessageId = run("track", noId.toString(), accettazione.toString());
        assertThat(noMessageId.status()).isEqualTo(3);
        assertThat(noMessageId.err()).contains("no Message-ID");
    }
    /** The receipt with its outer Message-ID replaced by {@code id} (the header is outside the provider's signature). */
    static byte[] withMessageId(byte[] receipt, String id) {
        String s = new String(receipt, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Message-ID: <([^>]*)>").matcher(s);
        assertThat(m.find()).as("a Message-ID header").isTrue();
        return (s.substring(0, m.start(1)) + id + s.substring(m.end(1))).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @Tag("REC-DLV-02")
    @DisplayName("REC-DLV-02 a delivery receipt reusing the accettazione's Message-ID is applied, and the reuse is a warning in the JSON")
    void reusedMessageId() throws Exception {
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("(?m)^Message-ID: <([^>]*)>")
                .matcher(Files.readString(accettazione, StandardCharsets.ISO_8859_1));
        assertThat(header.find()).isTrue();
        String accId = header.group(1);
        assertThat(accId).isNotBlank().isNotEqualTo(ID);
        Path reused = write("consegna-b-reused-id.eml", withMessageId(receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(B).build(), accId));
        JsonNode s = track(sent, accettazione, reused, consegnaA);
        assertThat(recipient(s, B).path("status").asText()).isEqualTo("delivered");
        assertThat(s.path("unmatched")).isEmpty();
        JsonNode entry = s.path("receipts").get(1);
        assertThat(entry.path("file").asText()).isEqualTo(reused.toString());
        assertThat(entry.path("outcome").asText()).isEqualTo("matched");
        assertThat(entry.path("warnings")).singleElement().satisfies(w -> assertThat(w.asText()).contains(accId).contains("reused"));
        assertThat(s.path("warnings")).singleElement().satisfies(w -> {
            assertThat(w.path("file").asText()).isEqualTo(reused.toString());
            assertThat(w.path("warning").asText()).contains("accettazione");
        });
        assertThat(s.path("receipts").get(0).path("warnings")).isEmpty();
        assertThat(recipient(s, B).path("history")).hasSize(2);
        assertThat(recipient(s, B).path("history").get(1).asText()).startsWith("avvenuta-consegna").contains("warning");
        Run text = run("track", "--at", NOON, sent.toString(), accettazione.toString(), reused.toString());
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("warnings:", reused + "  Message-ID " + accId + " reused");
        assertThat(text.err()).contains(reused + ": warning: Message-ID " + accId + " reused");
    }

    @Test
    @Tag("REC-CORR-01")
    @DisplayName("REC-CORR-01 a receipt whose references name another message, with our identificativo, is left unmatched as contradictory")
    void contradictoryKeys() throws Exception {
        String identificativo = receipt(FixtureKind.ACCETTAZIONE).identificativo();
        Path odd = write("consegna-a-contradictory.eml",
                receipt(FixtureKind.AVVENUTA_CONSEGNA).clientMessageId(OTHER_ID).identificativo(identificativo).deliveredTo(A).build());
        JsonNode s = track(sent, odd, accettazione);
        assertThat(recipient(s, A).path("status").asText()).isEqualTo("accepted");
        assertThat(s.path("unmatched")).singleElement().satisfies(u -> {
            assertThat(u.path("file").asText()).isEqualTo(odd.toString());
            assertThat(u.path("reason").asText()).contains("contradictory").contains(OTHER_ID).contains(ID);
        });
        Run text = run("track", "--at", NOON, sent.toString(), accettazione.toString(), odd.toString());
        assertThat(text.out()).contains("unmatched", odd.toString(), "contradictory");
    }

    @Test
    @Tag("REC-CORR-02")
    @DisplayName("REC-CORR-02 a receipt that only its Subject could match (another Message-ID and identificativo) is not applied")
    void subjectOnly() throws Exception {
        Path lookalike = write("consegna-b-lookalike.eml", receipt(FixtureKind.AVVENUTA_CONSEGNA).clientMessageId(OTHER_ID).deliveredTo(B).build());
        JsonNode s = track(sent, accettazione, lookalike);
        assertThat(recipient(s, B).path("status").asText()).isEqualTo("accepted");
        assertThat(texts(s.path("unmatched"), "file")).containsExactly(lookalike.toString());
    }

    @Test
    @DisplayName("hostile receipts in a batch: each file reported, no stack trace, the good receipts applied")
    void hostileBatch() throws Exception {
        byte[] good = receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(A).build();
        List<Path> files = new ArrayList<>(List.of(accettazione));
        files.add(write("cut.eml", io.github.pec4j.testkit.Hostile.truncated(good, good.length / 2)));
        files.add(write("nested.eml", io.github.pec4j.testkit.Hostile.deeplyNestedMultipart(300)));
        files.add(write("huge-header.eml", io.github.pec4j.testkit.Hostile.hugeHeader(300_000)));
        files.add(write("empty.eml", new byte[0]));
        for (io.github.pec4j.testkit.Quirk q : List.of(io.github.pec4j.testkit.Quirk.MISSING_DATICERT,
                io.github.pec4j.testkit.Quirk.HOSTILE_DATICERT_XXE, io.github.pec4j.testkit.Quirk.STRAY_TEXT_IN_DATICERT)) {
            files.add(write("consegna-c-" + q + ".eml", receipt(FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(C).quirk(q).build()));
        }
        files.add(consegnaB);
        List<String> args = new ArrayList<>(List.of("track", "--json", "--at", NOON, sent.toString()));
        files.forEach(f -> args.add(f.toString()));
        Run r = run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isIn(0, 3);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:");
        JsonNode s = r.json();
        assertThat(texts(s.path("receipts"), "file")).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
        assertThat(recipient(s, B).path("status").asText()).isEqualTo("delivered");
        assertThat(recipient(s, A).path("status").asText()).as("half a consegna is no proof of delivery").isEqualTo("accepted");
        // no daticert, or a refused one: not applied; stray text in the daticert is only a warning of the parser
        assertThat(s.path("receipts").get(5).path("outcome").asText()).isEqualTo("unmatched");
        assertThat(s.path("receipts").get(6).path("outcome").asText()).isEqualTo("unmatched");
        assertThat(s.path("receipts").get(7).path("outcome").asText()).isEqualTo("matched");
        JsonNode cut = s.path("receipts").get(1);
        assertThat(cut.path("outcome").asText()).isEqualTo("unmatched");
        assertThat(cut.path("reason").asText()).contains("could not be read in full");
    }
}
