package io.github.pec4j.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the simulated provider does with a message for one recipient; set with
 * {@link PecProviderSimulator#behaviour(String, Behaviour)}. The default is {@link #deliver()}.
 *
 * <p>Time-dependent behaviours ({@link Kind#DELAY}, {@link Kind#PREAVVISO}) fire when the
 * simulator's clock reaches them: {@link PecProviderSimulator#advance(Duration)} or
 * {@link PecProviderSimulator#tick()}.
 *
 * @param kind what happens
 * @param delay for {@link Kind#DELAY}, how long delivery takes; zero otherwise
 * @param erroreEsteso for {@link Kind#ERRORE_CONSEGNA} and {@link Kind#NON_ACCETTAZIONE}, the daticert
 *     {@code errore-esteso} text
 */
public record Behaviour(Kind kind, Duration delay, Optional<String> erroreEsteso) {
    private static final Duration MAX_DELAY = Duration.ofDays(365);

    /** The behaviours. */
    public enum Kind {
        /** Envelope into the recipient's INBOX, avvenuta consegna to the sender, at once. */
        DELIVER,
        /**
         * Delivered after {@link Behaviour#delay()}. Past 12 hours the sender first gets a preavviso di
         * mancata consegna; at 24 hours delivery gives up with an avviso di mancata consegna.
         */
        DELAY,
        /** Never delivered: avviso di mancata consegna with the given errore-esteso, at once. */
        ERRORE_CONSEGNA,
        /** Never delivered: preavviso di mancata consegna after 12 hours, avviso di mancata consegna after 24. */
        PREAVVISO,
        /** The recipient's provider finds a virus: avviso di mancata consegna per virus, at once. */
        VIRUS,
        /** The recipient's box is full: avviso di mancata consegna "casella piena", at once. */
        BOX_FULL,
        /** SMTP refuses the recipient at submission: {@code 553 5.7.1 Sender address rejected: not owned by user}. */
        REFUSE_SENDER,
        /** The whole message is refused at submission: avviso di non accettazione with the given errore-esteso. */
        NON_ACCETTAZIONE
    }

    /**
     * Checks that the settings fit the kind.
     *
     * @param kind what happens
     * @param delay for {@link Kind#DELAY}, how long delivery takes; zero otherwise
     * @param erroreEsteso for {@link Kind#ERRORE_CONSEGNA} and {@link Kind#NON_ACCETTAZIONE}, the daticert {@code
     *     errore-esteso} text
     */
    public Behaviour {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(erroreEsteso, "erroreEsteso");
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be between 0 and 365 days: " + delay);
        }
        if (kind != Kind.DELAY && !delay.isZero()) {
            throw new IllegalArgumentException("only DELAY has a delay: " + kind);
        }
        boolean needsText = kind == Kind.ERRORE_CONSEGNA || kind == Kind.NON_ACCETTAZIONE;
        if (needsText != erroreEsteso.isPresent()) {
            throw new IllegalArgumentException(kind + (needsText ? " needs" : " takes no") + " errore-esteso");
        }
    }

    /**
     * Delivered at once (the default).
     *
     * @return the behaviour of normal delivery
     */
    public static Behaviour deliver() {
        return new Behaviour(Kind.DELIVER, Duration.ZERO, Optional.empty());
    }

    /**
     * Delivered after {@code delay} of the simulator's clock.
     *
     * @param delay for {@link Kind#DELAY}, how long delivery takes; zero otherwise
     * @return a behaviour that delivers late by {@code delay}
     */
    public static Behaviour delay(Duration delay) {
        return new Behaviour(Kind.DELAY, delay, Optional.empty());
    }

    /**
     * Not delivered: avviso di mancata consegna, e.g. {@code "5.1.1 - Test PEC S.p.A. - utente sconosciuto"}.
     *
     * @param erroreEsteso for {@link Kind#ERRORE_CONSEGNA} and {@link Kind#NON_ACCETTAZIONE}, the daticert {@code
     *     errore-esteso} text
     * @return a behaviour that produces an avviso di mancata consegna
     */
    public static Behaviour erroreConsegna(String erroreEsteso) {
        return new Behaviour(Kind.ERRORE_CONSEGNA, Duration.ZERO, Optional.of(erroreEsteso));
    }

    /**
     * Not delivered: preavviso after 12 hours, mancata consegna after 24.
     *
     * @return a behaviour that produces a preavviso and then a mancata consegna
     */
    public static Behaviour preavviso() {
        return new Behaviour(Kind.PREAVVISO, Duration.ZERO, Optional.empty());
    }

    /**
     * A virus is found at the recipient's provider.
     *
     * @return a virus is found at the recipient's provider
     */
    public static Behaviour virus() {
        return new Behaviour(Kind.VIRUS, Duration.ZERO, Optional.empty());
    }

    /**
     * The recipient's box is full.
     *
     * @return the recipient's box is full
     */
    public static Behaviour boxFull() {
        return new Behaviour(Kind.BOX_FULL, Duration.ZERO, Optional.empty());
    }

    /**
     * SMTP rejects this recipient with 553 5.7.1 at submission.
     *
     * @return a behaviour that makes the SMTP submission fail for this recipient
     */
    public static Behaviour refuseSender() {
        return new Behaviour(Kind.REFUSE_SENDER, Duration.ZERO, Optional.empty());
    }

    /**
     * Any message to this recipient is not accepted, e.g. {@code "5.7.1 - Test PEC S.p.A. - messaggio troppo grande"}.
     *
     * @param erroreEsteso for {@link Kind#ERRORE_CONSEGNA} and {@link Kind#NON_ACCETTAZIONE}, the daticert {@code
     *     errore-esteso} text
     * @return a behaviour that produces an avviso di non accettazione
     */
    public static Behaviour nonAccettazione(String erroreEsteso) {
        return new Behaviour(Kind.NON_ACCETTAZIONE, Duration.ZERO, Optional.of(erroreEsteso));
    }
}
