package io.github.pec4j.cli.internal;

import io.github.pec4j.mailroom.ImapSettings;
import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.MailroomConfig;
import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.mailroom.SmtpSettings;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.simulator.PecProviderSimulator;
import io.github.pec4j.simulator.SimulatorOptions;
import io.github.pec4j.simulator.Submission;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code pec demo}: the protocol office of the Comune di Demo at work on a Monday morning, with zero
 * set-up — a PEC provider simulator on loopback, the institutional box and its correspondents, the
 * offices' mailboxes, the embedded register. The office sends a letter through the real outbound path
 * ({@link DemoLetter}), then the morning's mail and the letter's receipts go through the real intake
 * ({@link Mailroom} over IMAP and SMTP) and are reported: the letter's lights as its receipts are filed,
 * numbers and offices, the reply to ordinary mail, the quarantine, the receipts filed, the offices'
 * notifications and a desk. Deterministic: the simulator's clock drives
 * everything, and the register starts empty at each run.
 */
public final class DemoOffice {
    /** Where the demo writes its register, configuration and trust anchor, relative to the working directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("target", "pec-demo");
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(DemoMorning.ROME);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH).withZone(DemoMorning.ROME);

    /** A clock that reads the simulator's time: the register, the mailroom and the provider share one. */
    private static final class SimulatedClock extends Clock {
        private final Supplier<Instant> now;

        SimulatedClock(Supplier<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return DemoMorning.ROME;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** What the demo found, for its test. */
    public record Facts(int inboxBefore, int inboxAfter, Map<String, Long> outcomes, int replies, Map<String, Integer> notifications,
            int notificationAttachments, int receiptsFiled, int desk, LetterFacts letter) {}

    /**
     * What became of the letter the office sent, for the test.
     *
     * @param protocol its number
     * @param messageId the Message-ID it left with
     * @param refusedWithoutNumber whether the attempt with an unsigned primary was refused before any number was used
     * @param submissions how many times the provider received it
     * @param events the transmission events in the register per recipient ({@code *} for the whole letter), in order
     * @param lights each recipient's light at the end
     */
    public record LetterFacts(ProtocolId protocol, String messageId, boolean refusedWithoutNumber, int submissions,
            Map<String, List<String>> events, Map<String, String> lights) {}

    private final Path dir;
    private final PrintStream out;

    private DemoOffice(Path dir, PrintStream out) {
        this.dir = dir;
        this.out = out;
    }

    /** Runs the demo in {@code dir} (its register is emptied first), printing to {@code out}. */
    public static Facts run(Path dir, PrintStream out) throws IOException {
        return new DemoOffice(dir, out).run();
    }

    private Facts run() throws IOException {
        Path store = dir.resolve("registry");
        Files.createDirectories(store);
        for (String f : List.of("registry.mv.db", "registry.trace.db")) Files.deleteIfExists(store.resolve(f)); // same numbers each run
        Path config = dir.resolve("aoo.yaml");
        try (InputStream in = DemoOffice.class.getResourceAsStream("demo-aoo.yaml")) {
            Files.write(config, in.readAllBytes());
        }
        try (PecProviderSimulator pec = PecProviderSimulator.start(SimulatorOptions.defaults()
                .withClock(Clock.fixed(DemoMorning.OPENING.toInstant(), DemoMorning.ROME)))) {
            Path ca = dir.resolve("test-ca.pem");
            pec.writeTrustAnchorPem(ca);
            DemoMorning.boxes(pec);
            Clock clock = new SimulatedClock(pec::now);
            TrustStore trust = TrustStore.builder().addPem(ca).build();
            try (ProtocolRegistry registry = JdbcRegistry.embedded(store, clock)) {
                intro(config);
                pec.advance(Duration.ofMinutes(1));
                DemoLetter letter = DemoLetter.send(pec, registry, trust, clock, out);
                List<DemoMorning.Mail> mail = new ArrayList<>(letter.receiptsInBox());
                pec.advance(Duration.ofMinutes(1));
                mail.addAll(DemoMorning.deliver(pec, letter.messageId(), letter.subject()));
                int before = pec.messages(DemoMorning.BOX).size();
                morning(mail);
                RoundReport report = intake(pec, registry, MailroomConfig.load(config), trust, clock, letter);
                return report(pec, registry, report, letter, before, clock.instant());
            }
        }
    }

    private void intro(Path config) {
        out.println("pec4j demo: the protocol office of the Comune di Demo at work, " + DAY.format(DemoMorning.OPENING));
        out.println();
        out.println("Zero set-up: a PEC provider on 127.0.0.1 (the simulator, signing with the testkit's throw-away CA), the");
        out.println("institutional box " + DemoMorning.BOX + ", " + DemoMorning.CORRESPONDENTS.size()
                + " correspondents' PEC boxes, a citizen's ordinary mailbox, " + DemoMorning.OFFICES.size() + " office mailboxes;");
        out.println("the embedded protocol register in " + dir.resolve("registry") + " (H2) and the AOO's configuration in " + config + ".");
    }

    private void morning(List<DemoMorning.Mail> mail) {
        out.println();
        out.println("This morning's mail in INBOX (" + mail.size() + " messages):");
        for (DemoMorning.Mail m : mail) {
            out.printf("  %s  %-42s %-8s %s%n         %s%n", HM.format(m.at()), m.from(), m.channel(), m.subject(), m.what());
        }
    }

    private RoundReport intake(PecProviderSimulator pec, ProtocolRegistry registry, MailroomConfig config, TrustStore trust, Clock clock,
            DemoLetter letter) throws IOException {
        out.println();
        out.println("The intake: one round of pec-mailroom over IMAP and SMTP (what `pec intake --once` runs), each outcome committed");
        out.println("in the register before the message leaves INBOX for its folder:");
        ImapSettings imap = ImapSettings.parse("imap://" + DemoMorning.BOX.replace("@", "%40") + "@127.0.0.1:" + pec.imap().port()
                + "?starttls=none").withPassword(DemoMorning.PASSWORD.toCharArray());
        SmtpSettings smtp = DemoLetter.smtp(pec);
        MailroomListener minuteByMinute = new MailroomListener() {
            @Override
            public void onOutcome(IntakeEntry entry) {
                letter.onOutcome(entry); // committed: the register already says what this receipt changed
                pec.advance(Duration.ofMinutes(1)); // the clock moves on after each outcome, so the next round's mail comes later
            }
        };
        try (Mailroom mailroom = Mailroom.builder(registry, config).imap(imap).smtp(smtp).trust(trust).clock(clock)
                .listener(minuteByMinute).nodeId("pec-demo").build()) {
            RoundReport report = mailroom.runOnce();
            for (IntakeEntry e : report.messages()) {
                out.printf("  %s  %-18s %-34s %s%n         %s → %s%n", HM.format(e.at()), RoundReport.outcomeId(e.outcome()),
                        e.registration().map(ProtocolId::toString).orElse("-"), e.subject().orElse("(senza oggetto)"),
                        e.sender().orElse("-"), e.folder());
            }
            return report;
        }
    }

    private Facts report(PecProviderSimulator pec, ProtocolRegistry registry, RoundReport report, DemoLetter letter, int before, Instant end)
            throws IOException {
        Map<String, Long> outcomes = new TreeMap<>();
        for (IntakeEntry e : report.messages()) outcomes.merge(RoundReport.outcomeId(e.outcome()), 1L, Long::sum);
        int after = pec.messages(DemoMorning.BOX).size();
        out.println();
        out.println("Taken in: " + outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + ". INBOX now holds " + after + " message(s); the folders: " + folders(pec) + ".");
        letter.report(end);
        numbers(registry, report);
        int replies = replies(pec);
        quarantine(report);
        int filed = receipts(registry, letter.id());
        int[] attachments = {0};
        Map<String, Integer> notifications = notifications(pec, attachments);
        int desk = desk(registry, "TRIBUTI");
        out.println();
        out.println("The register is yours to look at (the demo's register is the default of `pec register`):");
        out.println("  java -jar pec-cli/target/pec.jar track --registry " + trackUrl() + " " + letter.id() + " --at " + DemoLetter.at(end));
        out.println("  java -jar pec-cli/target/pec.jar register search --direction in");
        out.println("  java -jar pec-cli/target/pec.jar register desk TRIBUTI");
        out.println("  java -jar pec-cli/target/pec.jar register take " + report.messages().stream()
                .filter(e -> e.outcome() == IntakeEntry.Outcome.REGISTERED).findFirst().flatMap(IntakeEntry::registration).map(Object::toString)
                .orElse("PROTOCOL") + " TRIBUTI --operator g.verdi");
        return new Facts(before, after, outcomes, replies, notifications, attachments[0], filed, desk, letter.facts(end));
    }

    /** The demo register's JDBC URL, as {@code pec track --registry} takes it. */
    private String trackUrl() {
        String url = JdbcRegistry.h2Url(dir.resolve("registry").resolve("registry"));
        return url.substring(0, url.indexOf(';') < 0 ? url.length() : url.indexOf(';'));
    }

    private static String folders(PecProviderSimulator pec) {
        return pec.folders(DemoMorning.BOX).stream().filter(f -> !f.equalsIgnoreCase("INBOX"))
                .map(f -> f + " " + pec.messages(DemoMorning.BOX, f).size()).filter(f -> !f.endsWith(" 0")).collect(Collectors.joining(", "));
    }

    private void numbers(ProtocolRegistry registry, RoundReport report) throws IOException {
        out.println();
        out.println("Protocol numbers and offices:");
        for (IntakeEntry e : report.messages()) {
            if (e.outcome() != IntakeEntry.Outcome.REGISTERED) continue;
            Registration r = registry.find(e.registration().orElseThrow()).orElseThrow();
            out.printf("  %s  %s  from %s%n    \"%s\", %d document(s): %s%n    assigned to %s%n", r.id(), HM.format(r.registeredAt()),
                    r.correspondents().get(0).address().orElse(r.correspondents().get(0).name()), r.oggetto(), r.documents().size(),
                    r.documents().stream().map(d -> d.fileName()).collect(Collectors.joining(", ")),
                    r.assignments().stream().map(a -> a.office() + " per " + RegistrationReport.lower(a.kind())).collect(Collectors.joining(", ")));
        }
    }

    /** The reply the box sent to refused ordinary mail, as the provider received it. */
    private int replies(PecProviderSimulator pec) throws IOException {
        List<Submission> replies = pec.submissions().stream().filter(s -> s.recipients().contains(DemoMorning.ORDINARY)).toList();
        out.println();
        out.println("Reply to the ordinary mail (sent once, from the institutional box, as the manuale says):");
        for (Submission s : replies) {
            MimeMessage m = mime(s.raw());
            out.println("  From: " + s.sender() + "   To: " + String.join(", ", s.recipients()));
            out.println("  Subject: " + subject(m));
            body(m).lines().forEach(l -> out.println("  | " + l));
        }
        return replies.size();
    }

    private void quarantine(RoundReport report) {
        out.println();
        out.println("Quarantine (never registered unseen; an operator decides — `pec intake queue quarantine`):");
        for (IntakeEntry e : report.messages()) {
            if (e.outcome() != IntakeEntry.Outcome.QUARANTINED) continue;
            out.println("  " + e.kind() + " from " + e.sender().orElse("-") + ": \"" + e.subject().orElse("") + "\"");
            e.reasons().forEach(r -> out.println("    " + r));
        }
    }

    private int receipts(ProtocolRegistry registry, ProtocolId letter) throws IOException {
        List<TransmissionRecord> records = registry.transmissions(letter);
        out.println();
        out.println("Receipts filed on " + letter + " (byte-exact, with their impronta; never registered as mail):");
        int filed = 0;
        for (TransmissionRecord t : records) {
            out.println("  " + t.sequence() + "  " + RegistrationReport.lower(t.event().type()) + t.event().recipient().map(r -> " " + r).orElse("")
                    + "  " + HM.format(t.event().occurredAt()) + t.receipt().map(d -> "  receipt kept")
                    .orElse(""));
            if (t.receipt().isPresent()) filed++;
        }
        return filed;
    }

    /** The notifications in the offices' mailboxes, as the offices read them. */
    private Map<String, Integer> notifications(PecProviderSimulator pec, int[] attachments) throws IOException {
        out.println();
        out.println("The offices' notifications (ordinary mail to each office; the documents stay in the register):");
        Map<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<String, String> office : new TreeMap<>(DemoMorning.OFFICES).entrySet()) {
            List<byte[]> inbox = pec.messages(office.getValue());
            counts.put(office.getKey(), inbox.size());
            for (byte[] raw : inbox) {
                MimeMessage m = mime(raw);
                int n = attachments(m);
                attachments[0] += n;
                out.println("  To " + office.getValue() + "   Subject: " + subject(m) + "   (" + n + " attachment" + (n == 1 ? "" : "s") + ")");
            }
        }
        List<byte[]> tributi = pec.messages(DemoMorning.OFFICES.get("TRIBUTI"));
        if (!tributi.isEmpty()) {
            out.println("  The first, as the Ufficio Tributi reads it:");
            body(mime(tributi.get(0))).lines().forEach(l -> out.println("  | " + l));
        }
        return counts;
    }

    private int desk(ProtocolRegistry registry, String office) throws IOException {
        List<Registration> waiting = registry.desk(office, 100);
        out.println();
        out.println("The desk of " + office + " (assigned, not yet taken in charge, oldest first):");
        for (Registration r : waiting) {
            Assignment a = r.assignments().stream().filter(x -> x.office().equals(office)).findFirst().orElseThrow();
            out.println("  " + r.id() + "  " + HM.format(r.registeredAt()) + "  per " + RegistrationReport.lower(a.kind()) + "  " + r.oggetto());
        }
        return waiting.size();
    }

    private static MimeMessage mime(byte[] raw) throws IOException {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IOException("unreadable mail: " + e.getMessage(), e);
        }
    }

    private static String subject(MimeMessage m) throws IOException {
        try {
            return String.valueOf(m.getSubject());
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The first text/plain part. */
    private static String body(Part p) throws IOException {
        try {
            if (p.isMimeType("text/plain")) return String.valueOf(p.getContent()).stripTrailing();
            if (p.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    String text = body(mp.getBodyPart(i));
                    if (!text.isEmpty()) return text;
                }
            }
            return "";
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static int attachments(Part p) throws IOException {
        try {
            if (!(p.getContent() instanceof Multipart mp)) return 0;
            int n = 0;
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(b.getDisposition()) || b.getFileName() != null) n++;
                else n += attachments(b);
            }
            return n;
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
