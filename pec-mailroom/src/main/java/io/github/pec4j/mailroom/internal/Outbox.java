package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.Office;
import io.github.pec4j.receipts.InteropAnswers;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.OutboxEntry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.InteropMessages;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail the mailroom sends after a commit — offices' notifications (MRM-NOTIF-01) and replies to refused
 * ordinary mail (MRM-ORD-01) — queued in the registry's outbox under ids that say what they are for
 * ({@code notify:<protocol>:<office>}, {@code reply:<key>}), so queuing again never sends again
 * (MRM-NOTIF-02, MRM-ORD-02), then sent with retries and back-off.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ITALIAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ITALIAN);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final PipelineSettings s;
    private final Optional<MailSender> sender;
    private final MailComposer composer;
    private boolean warnedNoSender;

    Outbox(PipelineSettings s, Optional<MailSender> sender) {
        this.s = s;
        this.sender = sender;
        this.composer = new MailComposer(s.registry());
    }

    /** One notification per assigned office that has a mailbox. */
    List<OutboxEntry> notificationsFor(Registration r) {
        List<OutboxEntry> out = new ArrayList<>();
        for (Assignment a : r.assignments()) {
            Office office = s.offices().get(a.office());
            if (office == null || office.email().isEmpty()) continue; // its desk shows it; nobody to mail
            String id = "notify:" + r.id() + ":" + office.code();
            out.add(OutboxEntry.pending(id, OutboxEntry.Kind.NOTIFICATION, s.notificationSender(), office.email().get(),
                    Optional.of(r.id()), Optional.of(office.code()), notificationSubject(r, a), notificationBody(r, a, office),
                    office.withAttachments(), Optional.empty(), messageId(id, s.notificationSender()), s.clock().instant()));
        }
        return out;
    }

    /**
     * OUT-INTEROP-01: the conferma di ricezione of an incoming registration, from the institutional box to the sender,
     * under {@link InteropAnswers#confermaOutboxId} (queued twice, sent once); the body carries the XML, which the
     * composer attaches as {@code Conferma.xml}.
     */
    OutboxEntry conferma(Registration incoming, ConfermaRicezione conferma, String to) {
        String id = InteropAnswers.confermaOutboxId(incoming.id());
        String xml = new String(InteropMessages.write(conferma), StandardCharsets.UTF_8);
        String subject = "Conferma di ricezione: protocollo n. " + incoming.id().formattedNumber() + " del "
                + DAY.format(incoming.registeredAt().atZone(ROME));
        return OutboxEntry.pending(id, OutboxEntry.Kind.CONFERMA, s.box(), to, Optional.of(incoming.id()), Optional.empty(), subject, xml, false,
                Optional.empty(), messageId(id, s.box()), s.clock().instant());
    }

    /** The configured answer to a refused message, from the institutional box. */
    OutboxEntry replyTo(String key, String to, Optional<String> subject, Optional<String> messageId) {
        String id = "reply:" + key;
        String subj = s.replySubjectPrefix() + subject.filter(x -> !x.isBlank()).orElse("(senza oggetto)");
        return OutboxEntry.pending(id, OutboxEntry.Kind.REPLY, s.box(), to, Optional.empty(), Optional.empty(),
                subj.length() > 300 ? subj.substring(0, 300) : subj, s.replyText(), false, messageId, messageId(id, s.box()), s.clock().instant());
    }

    /** Queues what is not queued yet (an entry with the same id stays as it is). */
    void enqueue(List<OutboxEntry> entries) throws IOException {
        for (OutboxEntry e : entries) s.state().enqueue(e);
    }

    /**
     * Sends the entries due now that are the mailroom's ({@link OutboxRoute#MAILROOM}: letters are the outbound side's) and leave
     * from the box or the notification sender.
     */
    void dispatchDue() throws IOException {
        if (sender.isEmpty()) {
            if (!warnedNoSender) LOG.warn("no SMTP server configured for {}: notifications and replies wait in the outbox", s.box());
            warnedNoSender = true;
            return;
        }
        Set<String> ours = new HashSet<>(List.of(s.box(), s.notificationSender()));
        for (OutboxEntry e : s.state().due(s.clock().instant(), 200, OutboxRoute.MAILROOM.kinds(), ours)) {
            if (OutboxRoute.MAILROOM.sends(e) && ours.contains(e.from().toLowerCase(Locale.ROOT))) send(e);
        }
    }

    private void send(OutboxEntry e) throws IOException {
        OutboxEntry after;
        try {
            MimeMessage m = composer.compose(e);
            sender.get().send(m);
            after = s.state().markSent(e.id(), s.clock().instant());
            LOG.info("outbox id={} kind={} to={} state=sent", e.id(), kind(e), e.to());
        } catch (MailSender.Refused refused) {
            after = s.state().markFailed(e.id(), refused.getMessage(), Optional.empty());
            LOG.warn("outbox id={} kind={} to={} state=failed refused by the server: {}", e.id(), kind(e), e.to(), refused.getMessage());
        } catch (MessagingException | RuntimeException bad) {
            after = s.state().markFailed(e.id(), "cannot compose: " + bad, Optional.empty());
            LOG.warn("outbox id={} kind={} to={} state=failed cannot compose: {}", e.id(), kind(e), e.to(), bad.toString());
        } catch (IOException failed) {
            if (failed instanceof io.github.pec4j.registry.RegistryException r && r.reason() == io.github.pec4j.registry.RegistryException.Reason.STORAGE) {
                throw failed;
            }
            int attempt = e.attempts() + 1;
            Optional<Instant> retry = attempt >= s.maxAttempts() ? Optional.empty() : Optional.of(s.clock().instant().plus(backoff(attempt)));
            after = s.state().markFailed(e.id(), String.valueOf(failed.getMessage()), retry);
            LOG.warn("outbox id={} kind={} to={} state={} attempt {} failed: {}", e.id(), kind(e), e.to(),
                    retry.isPresent() ? "retry at " + retry.get() : "failed", attempt, failed.toString());
        }
        OutboxEntry done = after;
        s.metrics().outbox(done);
        Listeners.call(() -> s.listener().onOutbox(done));
    }

    private Duration backoff(int attempt) {
        Duration d = s.retryBase().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private static String kind(OutboxEntry e) {
        return e.kind().name().toLowerCase(Locale.ROOT);
    }

    private String notificationSubject(Registration r, Assignment a) {
        String subj = "Protocollo n. " + r.id().formattedNumber() + " del " + DAY.format(r.registeredAt().atZone(ROME)) + " assegnato "
                + kindWords(a) + ": " + r.oggetto();
        return subj.length() > 300 ? subj.substring(0, 297) + "..." : subj;
    }

    private String notificationBody(Registration r, Assignment a, Office office) {
        String consult = s.consultHint().replace("{protocol}", r.id().toString()).replace("{number}", r.id().formattedNumber())
                .replace("{year}", Integer.toString(r.id().year()));
        StringBuilder b = new StringBuilder();
        b.append("Gentile ").append(office.name()).append(",\n\n");
        b.append("al vostro ufficio è stato assegnato ").append(kindWords(a)).append(" il seguente documento protocollato.\n\n");
        b.append("Protocollo: ").append(r.id()).append('\n');
        b.append("Numero: ").append(r.id().formattedNumber()).append('\n');
        b.append("Data di registrazione: ").append(TIME.format(r.registeredAt().atZone(ROME))).append('\n');
        b.append("Mittente: ").append(sender(r)).append('\n');
        b.append("Oggetto: ").append(r.oggetto()).append('\n');
        b.append("Assegnazione: ").append(kindWords(a)).append("\n\n");
        if (office.withAttachments()) {
            b.append("I documenti registrati sono allegati a questo messaggio. Sono consultabili anche nel registro di protocollo:\n");
        } else {
            b.append("I documenti non sono allegati a questo messaggio: consultarli nel registro di protocollo:\n");
        }
        b.append("  ").append(consult).append("\n\n");
        b.append("Messaggio generato automaticamente dal sistema di protocollo: non rispondere.\n");
        return b.toString();
    }

    private static String kindWords(Assignment a) {
        return a.kind() == Assignment.Kind.COMPETENZA ? "per competenza" : "per conoscenza";
    }

    private static String sender(Registration r) {
        if (r.correspondents().isEmpty()) return "-";
        Correspondent c = r.correspondents().get(0);
        return c.address().filter(x -> !x.equalsIgnoreCase(c.name())).map(x -> c.name() + " <" + x + ">").orElse(c.name());
    }

    /** Whether a (bare) Message-ID is one this mailroom gives its replies and notifications. */
    boolean isOwn(String messageId) {
        String id = messageId.trim().toLowerCase(Locale.ROOT);
        if (id.startsWith("<")) id = id.substring(1, id.length() - (id.endsWith(">") ? 1 : 0));
        if (!id.startsWith("pec4j.")) return false;
        String domain = id.substring(id.lastIndexOf('@') + 1);
        return domain.equals(domainOf(s.box())) || domain.equals(domainOf(s.notificationSender()));
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** A Message-ID derived from the entry's id: the same on every attempt and on every node. */
    static String messageId(String id, String from) {
        String hex = HexFormat.of().formatHex(Impronta.sha256Digest().digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        int at = from.lastIndexOf('@');
        return "<pec4j." + hex + "@" + (at >= 0 ? from.substring(at + 1) : "pec4j.invalid") + ">";
    }
}
