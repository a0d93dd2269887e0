package io.github.pec4j.admission;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The three independent answers for one incoming message, each explained by the rules it applied:
 * must it be registered (DPR 445/2000 art. 53, CAD art. 40-bis), is it valid as an istanza or a
 * PA communication (CAD art. 65 / art. 47), and can the AOO receive it (ricevibilità).
 *
 * @param registration whether to register
 * @param istanza validity as an istanza (art. 65) or provenance of a PA communication (art. 47)
 * @param receivability whether the AOO can take it in, or the anomaly code towards the sender
 * @param receivedAt the time of receipt the rules were evaluated at
 * @param rules the version of the rule data
 */
public record AdmissionDecision(RegistrationDecision registration, IstanzaDecision istanza, ReceivabilityDecision receivability,
        Instant receivedAt, String rules) {

    public AdmissionDecision {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(istanza, "istanza");
        Objects.requireNonNull(receivability, "receivability");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(rules, "rules");
    }

    /** Must the message get a protocol number? */
    public enum RegistrationOutcome {
        /** Register it. */
        REGISTER,
        /** A receipt or interoperability message: attach it to the outgoing registration. */
        RECEIPT_ONLY,
        /** Already registered: the existing registration stands. */
        DUPLICATE,
        /** Not registered, with the reason (art. 53 c.5, or the manuale's choice). */
        EXCLUDED,
        /**
         * Not registered automatically: an operator must look first, because part of the message was not
         * read (a limit crossed, a part cut or unreadable, the daticert refused) or its segnatura was
         * refused. Fail closed: unread content is unknown, whatever the provider signature says.
         */
        NEEDS_OPERATOR;

        /** The lower-case id used in JSON: {@code register}, {@code receipt-only}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Validity as an istanza (art. 65) or provenance of a PA communication (art. 47). */
    public enum IstanzaOutcome {
        /** Valid, by the letter given. */
        VALID,
        /** No letter holds (still registered: the procedure owner asks for regularisation). */
        NOT_VALID,
        /** An operator must confirm something the rules cannot know (listed). */
        NEEDS_OPERATOR,
        /** A receipt or service message: nothing to assess. */
        NOT_APPLICABLE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param outcome register, receipt-only, duplicate or excluded
     * @param reasons the rules applied
     * @param existing for a duplicate, the existing registration's protocol id
     */
    public record RegistrationDecision(RegistrationOutcome outcome, List<Reason> reasons, Optional<String> existing) {
        public RegistrationDecision {
            Objects.requireNonNull(outcome, "outcome");
            reasons = List.copyOf(reasons);
            Objects.requireNonNull(existing, "existing");
        }
    }

    /**
     * @param outcome valid, not valid, needs an operator, or not applicable
     * @param article {@code art. 65} or {@code art. 47} (empty when not applicable)
     * @param letter the letter that made it valid (the first that holds, in the law's order)
     * @param lettersHolding every letter that holds, for the audit
     * @param operatorChecks what an operator must confirm
     * @param electedDomicile for c-bis by special domicile: the address elected for the procedure's replies
     * @param reasons the rules applied
     */
    public record IstanzaDecision(IstanzaOutcome outcome, Optional<String> article, Optional<String> letter, List<String> lettersHolding,
            List<String> operatorChecks, Optional<String> electedDomicile, List<Reason> reasons) {
        public IstanzaDecision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(article, "article");
            Objects.requireNonNull(letter, "letter");
            lettersHolding = List.copyOf(lettersHolding);
            operatorChecks = List.copyOf(operatorChecks);
            Objects.requireNonNull(electedDomicile, "electedDomicile");
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param anomaly empty when receivable; else the Allegato 6 anomaly code, in the spelling sent
     *     to another AOO (e.g. {@code 000_Irricevibile}, {@code 002_AnomaliaImpronte})
     * @param needsOperator true when the rules cannot decide because part of the message was not read:
     *     an operator decides (never receivable by itself)
     * @param reasons the rules applied
     */
    public record ReceivabilityDecision(Optional<String> anomaly, boolean needsOperator, List<Reason> reasons) {
        /** The outcome of a message an operator must assess. */
        public static final String NEEDS_OPERATOR = "needs-operator";

        public ReceivabilityDecision {
            Objects.requireNonNull(anomaly, "anomaly");
            reasons = List.copyOf(reasons);
        }

        /** A decision the rules could make (no operator needed). */
        public ReceivabilityDecision(Optional<String> anomaly, List<Reason> reasons) {
            this(anomaly, false, reasons);
        }

        /** {@code receivable}, the anomaly code, or {@value #NEEDS_OPERATOR}. */
        public String outcome() {
            return anomaly.orElse(needsOperator ? NEEDS_OPERATOR : "receivable");
        }

        /** True only when no anomaly was found and no operator is needed. */
        public boolean receivable() {
            return anomaly.isEmpty() && !needsOperator;
        }
    }
}
