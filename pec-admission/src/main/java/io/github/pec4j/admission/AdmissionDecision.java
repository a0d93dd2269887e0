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

    /**
     * Creates the record: refuses null components.
     *
     * @param registration whether to register
     * @param istanza validity as an istanza (art. 65) or provenance of a PA communication (art. 47)
     * @param receivability whether the AOO can take it in, or the anomaly code towards the sender
     * @param receivedAt the time of receipt the rules were evaluated at
     * @param rules the version of the rule data
     */
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

        /**
         * The lower-case id used in JSON: {@code register}, {@code receipt-only}, ...
         *
         * @return the constant's name in lower case with hyphens, such as {@code receipt-only}
         */
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

        /**
         * The lower-case id used in JSON.
         *
         * @return the constant's name in lower case with hyphens, such as {@code not-applicable}
         */
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
        /**
         * Creates the record: copies the lists and refuses null components.
         *
         * @param outcome register, receipt-only, duplicate or excluded
         * @param reasons the rules applied
         * @param existing for a duplicate, the existing registration's protocol id
         */
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
     * @param electedDomicile the special digital domicile for the replies (CAD art. 6 c.1): elected
     *     expressly in the istanza (art. 3-bis c.4-quinquies), else by sending from it (c-bis)
     * @param reasons the rules applied
     */
    public record IstanzaDecision(IstanzaOutcome outcome, Optional<String> article, Optional<String> letter, List<String> lettersHolding,
            List<String> operatorChecks, Optional<String> electedDomicile, List<Reason> reasons) {
        /**
         * Creates the record: copies the lists and refuses null components.
         *
         * @param outcome valid, not valid, needs an operator, or not applicable
         * @param article {@code art. 65} or {@code art. 47} (empty when not applicable)
         * @param letter the letter that made it valid (the first that holds, in the law's order)
         * @param lettersHolding every letter that holds, for the audit
         * @param operatorChecks what an operator must confirm
         * @param electedDomicile the special digital domicile for the replies (CAD art. 6 c.1): elected expressly in
         *     the istanza (art. 3-bis c.4-quinquies), else by sending from it (c-bis)
         * @param reasons the rules applied
         */
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
     * @param anomaly the Allegato 6 anomaly code, in the spelling sent to another AOO (e.g. {@code
     *     000_Irricevibile}, {@code 002_AnomaliaImpronte}); only towards another AOO and only from
     *     2022-01-01 (Linee guida AgID), empty otherwise
     * @param reasons the rules applied
     * @param refused the AOO does not take the message in (with or without an anomaly code)
     * @param needsOperator true when the rules cannot decide because part of the message was not read:
     *     an operator decides (never receivable by itself)
     */
    public record ReceivabilityDecision(Optional<String> anomaly, List<Reason> reasons, boolean refused, boolean needsOperator) {
        /** The outcome of a message an operator must assess. */
        public static final String NEEDS_OPERATOR = "needs-operator";

        /**
         * Creates the record: copies the lists, refuses null components and refuses values out of range.
         *
         * @param anomaly the Allegato 6 anomaly code, in the spelling sent to another AOO (e.g. {@code
         *     000_Irricevibile}, {@code 002_AnomaliaImpronte}); only towards another AOO and only from 2022-01-01
         *     (Linee guida AgID), empty otherwise
         * @param reasons the rules applied
         * @param refused the AOO does not take the message in (with or without an anomaly code)
         * @param needsOperator true when the rules cannot decide because part of the message was not read: an
         *     operator decides (never receivable by itself)
         */
        public ReceivabilityDecision {
            Objects.requireNonNull(anomaly, "anomaly");
            reasons = List.copyOf(reasons);
            if (anomaly.isPresent() && !refused) throw new IllegalArgumentException("an anomaly code means refused: " + anomaly.get());
        }

        /**
         * Refused exactly when an anomaly code is given.
         *
         * @param anomaly the Allegato 6 anomaly code, in the spelling sent to another AOO (e.g. {@code
         *     000_Irricevibile}, {@code 002_AnomaliaImpronte}); only towards another AOO and only from 2022-01-01
         *     (Linee guida AgID), empty otherwise
         * @param reasons the rules applied
         */
        public ReceivabilityDecision(Optional<String> anomaly, List<Reason> reasons) {
            this(anomaly, reasons, anomaly.isPresent());
        }

        /**
         * A decision the rules could make (no operator needed).
         *
         * @param anomaly the Allegato 6 anomaly code, in the spelling sent to another AOO (e.g. {@code
         *     000_Irricevibile}, {@code 002_AnomaliaImpronte}); only towards another AOO and only from 2022-01-01
         *     (Linee guida AgID), empty otherwise
         * @param reasons the rules applied
         * @param refused the AOO does not take the message in (with or without an anomaly code)
         */
        public ReceivabilityDecision(Optional<String> anomaly, List<Reason> reasons, boolean refused) {
            this(anomaly, reasons, refused, false);
        }

        /**
         * A message the rules cannot judge because part of it was not read.
         *
         * @param reasons the rules applied
         * @return a message the rules cannot judge because part of it was not read
         */
        public static ReceivabilityDecision forOperator(List<Reason> reasons) {
            return new ReceivabilityDecision(Optional.empty(), reasons, false, true);
        }

        /**
         * {@code receivable}, the anomaly code, {@code not-receivable} when refused without a code, or
         * {@value #NEEDS_OPERATOR}.
         *
         * @return the ricevibilità outcome as one word or anomaly code
         */
        public String outcome() {
            return anomaly.orElse(refused ? "not-receivable" : needsOperator ? NEEDS_OPERATOR : "receivable");
        }

        /**
         * True only when the message is neither refused nor waiting for an operator.
         *
         * @return true only when the message is neither refused nor waiting for an operator
         */
        public boolean receivable() {
            return !refused && !needsOperator;
        }
    }
}
