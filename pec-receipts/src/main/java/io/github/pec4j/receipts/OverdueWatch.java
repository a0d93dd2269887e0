package io.github.pec4j.receipts;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a listener, once, when an outgoing registration's recipient passes a deadline without a delivery receipt:
 * {@link Deadline#DELIVERY_WARNING} (12 hours after acceptance, or a preavviso) and {@link Deadline#FINAL_NOTICE} (24
 * hours). A running mailroom, or any scheduler, calls {@link #check(Instant)} periodically; the watch keeps no state of
 * its own: what it reported is recorded in the register as a {@link TransmissionEvent.Type#DEADLINE_PASSED} event on
 * the registration (identified by recipient and deadline, so recording twice records once), and read back from there,
 * so a restarted watch does not report again (OUT-TRACK-01).
 *
 * <p>Order: the listener is called, then the event recorded. A crash between the two reports that deadline again
 * after the restart (at least once, never lost); a listener that throws leaves it unrecorded, to be reported at the
 * next check. When several nodes share a register, call it on one (the mailroom's lease holder), or each node's
 * listener may hear of the same deadline.
 */
public final class OverdueWatch {
    /** The deadlines of DPR 68/2005 art. 12. */
    public enum Deadline {
        /** No delivery receipt 12 hours after acceptance, or a preavviso came: {@link DeliveryState#OVERDUE}. */
        DELIVERY_WARNING,
        /** No delivery receipt and no final notice 24 hours after acceptance: {@link DeliveryState#TIMED_OUT}. */
        FINAL_NOTICE;

        /**
         * {@code delivery-warning} or {@code final-notice}.
         *
         * @return the kind's id in JSON and in the register
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A recipient that passed a deadline.
     *
     * @param registration the outgoing registration
     * @param messageId the message sent
     * @param deadline which deadline
     * @param due when it passed (for a preavviso before the 12 hours: the preavviso's time)
     * @param recipient the recipient's status at the check, with what to do next
     */
    public record OverdueEvent(ProtocolId registration, String messageId, Deadline deadline, Instant due, RecipientStatus recipient) {
        /**
         * Creates the record: refuses null components.
         *
         * @param registration the outgoing registration
         * @param messageId the message sent
         * @param deadline which deadline
         * @param due when it passed (for a preavviso before the 12 hours: the preavviso's time)
         * @param recipient the recipient's status at the check, with what to do next
         */
        public OverdueEvent {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(recipient, "recipient");
        }

        /**
         * What identifies this report in the register: the deadline and when it passed.
         *
         * @return what identifies this report in the register: the deadline and when it passed
         */
        public String key() {
            return deadline.id() + "@" + due;
        }
    }

    /** Hears of each deadline passed, once; e.g. counts it in a metric and tells the protocol office. */
    @FunctionalInterface
    public interface Listener {
        /**
         * A recipient passed a deadline.
         *
         * @param event the transmission event to record on it
         */
        void overdue(OverdueEvent event);
    }

    /**
     * What a check did.
     *
     * @param reported the deadlines reported to the listener and recorded, this time
     * @param failures registrations that could not be read or recorded on, or whose listener call failed, with the
     *     reason; they are tried again at the next check
     */
    public record Round(List<OverdueEvent> reported, List<String> failures) {
        /**
         * Creates the record: copies the lists.
         *
         * @param reported the deadlines reported to the listener and recorded, this time
         * @param failures registrations that could not be read or recorded on, or whose listener call failed, with
         *     the reason; they are tried again at the next check
         */
        public Round {
            reported = List.copyOf(reported);
            failures = List.copyOf(failures);
        }
    }

    /** How far back registrations are looked at by default: deadlines run from acceptance, within a day of sending. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);

    private final ProtocolRegistry registry;
    private final Actor actor;
    private final Listener listener;
    private final Duration lookback;
    private final DeliveryBoard board;

    private OverdueWatch(ProtocolRegistry registry, Actor actor, Listener listener, Duration lookback) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lookback = Objects.requireNonNull(lookback, "lookback");
        if (lookback.isNegative() || lookback.isZero()) throw new IllegalArgumentException("lookback must be positive: " + lookback);
        this.board = DeliveryBoard.of(registry);
    }

    /**
     * A watch over the outgoing registrations of the last {@link #DEFAULT_LOOKBACK}.
     *
     * @param actor who records the {@link TransmissionEvent.Type#DEADLINE_PASSED} events (the mailroom's operator)
     * @param registry the register whose outgoing registrations are watched
     * @param listener who hears each deadline passed
     * @return a watch over the outgoing registrations of the last {@link #DEFAULT_LOOKBACK}
     */
    public static OverdueWatch of(ProtocolRegistry registry, Actor actor, Listener listener) {
        return new OverdueWatch(registry, actor, listener, DEFAULT_LOOKBACK);
    }

    /**
     * This watch looking at registrations registered within {@code value} before the check (Europe/Rome days).
     *
     * @param value how far back registrations are looked at
     * @return this watch looking at registrations registered within {@code value} before the check (Europe/Rome days)
     */
    public OverdueWatch withLookback(Duration value) {
        return new OverdueWatch(registry, actor, listener, value);
    }

    /**
     * Reports every deadline passed by {@code now} and not reported before; returns what it did. Never throws for what the register holds.
     *
     * @param now the time deadlines are judged at
     * @return the deadlines reported in this round
     * @throws IOException when the register cannot be read or written
     */
    public Round check(Instant now) throws IOException {
        Objects.requireNonNull(now, "now");
        List<OverdueEvent> reported = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        LocalDate last = now.atZone(Registration.ROME).toLocalDate();
        LocalDate first = now.minus(lookback).atZone(Registration.ROME).toLocalDate();
        SearchQuery query = SearchQuery.all().registeredBetween(first, last).annulled(SearchQuery.Annulled.EXCLUDE);
        for (OutgoingDelivery d : board.deliveries(query.page(0, SearchQuery.MAX_LIMIT), now)) {
            if (!d.overdue().isEmpty()) check(d, reported, failures);
        }
        return new Round(reported, failures);
    }

    private void check(OutgoingDelivery d, List<OverdueEvent> reported, List<String> failures) {
        try {
            Set<String> done = reportedBefore(d.registration());
            for (DeliveryTracker.Overdue o : d.overdue()) {
                OverdueEvent e = event(d.registration(), o);
                if (!done.add(identity(e))) continue;
                if (report(e, failures)) reported.add(e);
            }
        } catch (IOException e) {
            failures.add(d.registration() + ": " + e.getMessage());
        }
    }

    private boolean report(OverdueEvent e, List<String> failures) throws IOException {
        try {
            listener.overdue(e);
        } catch (RuntimeException x) {
            failures.add(e.registration() + " " + e.recipient().address() + " " + e.key() + ": the listener failed ("
                    + x.getClass().getSimpleName() + (x.getMessage() == null ? "" : ": " + x.getMessage()) + "); reported again next time");
            return false;
        }
        registry.recordTransmission(e.registration(), TransmissionEvent.of(TransmissionEvent.Type.DEADLINE_PASSED,
                Optional.of(e.recipient().address()), e.due()).withIdentificativo(e.key()).withMsgid(e.messageId())
                .withNote(e.recipient().next()), Optional.empty(), actor);
        return true;
    }

    /** The deadlines already reported on a registration, read from the register. */
    private Set<String> reportedBefore(ProtocolId id) throws IOException {
        Set<String> done = new HashSet<>();
        for (TransmissionRecord t : registry.transmissions(id)) {
            TransmissionEvent e = t.event();
            if (e.type() == TransmissionEvent.Type.DEADLINE_PASSED && e.recipient().isPresent() && e.identificativo().isPresent()) {
                done.add(e.recipient().get() + " " + e.identificativo().get());
            }
        }
        return done;
    }

    private static String identity(OverdueEvent e) {
        return e.recipient().address() + " " + e.key();
    }

    private static OverdueEvent event(ProtocolId registration, DeliveryTracker.Overdue o) {
        RecipientStatus r = o.recipient();
        if (r.state() == DeliveryState.TIMED_OUT) {
            return new OverdueEvent(registration, o.messageId(), Deadline.FINAL_NOTICE, r.finalNoticeBy().orElse(r.since()), r);
        }
        // a preavviso makes a recipient overdue at its own time, which may come before the 12 hours
        Instant due = r.deliveryExpectedBy().filter(d -> !d.isAfter(r.since())).orElse(r.since());
        return new OverdueEvent(registration, o.messageId(), Deadline.DELIVERY_WARNING, due, r);
    }
}
