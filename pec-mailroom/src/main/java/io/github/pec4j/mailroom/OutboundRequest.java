package io.github.pec4j.mailroom;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.ProtocolId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An outgoing letter to register and send from the institutional box (OUT-BOX-01). Build it with {@link
 * #builder()}.
 *
 * <pre>{@code
 * OutboundRequest letter = OutboundRequest.builder()
 *         .subject("Convocazione conferenza dei servizi")
 *         .primary(OutboundDocument.of("convocazione.pdf.p7m", "application/pkcs7-mime", signedBytes))
 *         .attach(OutboundDocument.of("planimetria.pdf", "application/pdf", pdfBytes))
 *         .to(Recipient.ipa("r_esempio"))
 *         .to(Recipient.pec("studio.bianchi@pec.example.it"))
 *         .office("URBANISTICA").classification(Classification.of("VI.3.2"))
 *         .operator(Actor.of("m.rossi", "Mario Rossi"))
 *         .build();
 * }</pre>
 *
 * @param subject the oggetto, registered and used in the mail's subject
 * @param body the mail's plain-text body; empty for the {@link Outbound}'s default text
 * @param primary the primary document
 * @param secondaries the secondary attachments, in order
 * @param recipients the recipients, at least one
 * @param office the sending office (registered as its competenza assignment), if any
 * @param classification the titolario position
 * @param answers the registration this letter answers, if any (named in the segnatura's riferimenti)
 * @param operator who sends it
 */
public record OutboundRequest(String subject, String body, OutboundDocument primary, List<OutboundDocument> secondaries,
        List<Recipient> recipients, Optional<String> office, Classification classification, Optional<ProtocolId> answers, Actor operator) {

    /**
     * Checks every value; see {@link Builder#build()}.
     *
     * @param subject the oggetto, registered and used in the mail's subject
     * @param body the mail's plain-text body; empty for the {@link Outbound}'s default text
     * @param primary the primary document
     * @param secondaries the secondary attachments, in order
     * @param recipients the recipients, at least one
     * @param office the sending office (registered as its competenza assignment), if any
     * @param classification the titolario position
     * @param answers the registration this letter answers, if any (named in the segnatura's riferimenti)
     * @param operator who sends it
     */
    public OutboundRequest {
        List<String> problems = new ArrayList<>();
        if (subject == null || subject.isBlank()) problems.add("a subject (oggetto) is mandatory");
        else if (subject.length() > 4000) problems.add("the subject is longer than 4000 characters");
        Objects.requireNonNull(body, "body");
        if (primary == null) problems.add("a primary document is mandatory");
        secondaries = List.copyOf(secondaries);
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) problems.add("at least one recipient is mandatory");
        Objects.requireNonNull(office, "office");
        if (classification == null) problems.add("a classification is mandatory");
        Objects.requireNonNull(answers, "answers");
        if (operator == null) problems.add("an operator is mandatory");
        if (!problems.isEmpty()) throw new IllegalArgumentException("outgoing letter refused: " + String.join("; ", problems));
    }

    /**
     * A new builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The primary document first, then the secondaries.
     *
     * @return the primary document first, then the secondaries
     */
    public List<OutboundDocument> documents() {
        List<OutboundDocument> all = new ArrayList<>(1 + secondaries.size());
        all.add(primary);
        all.addAll(secondaries);
        return List.copyOf(all);
    }

    /** Collects the letter; {@link #build()} reports every missing item at once. */
    public static final class Builder {
        private String subject;
        private String body = "";
        private OutboundDocument primary;
        private final List<OutboundDocument> secondaries = new ArrayList<>();
        private final List<Recipient> recipients = new ArrayList<>();
        private String office;
        private Classification classification;
        private ProtocolId answers;
        private Actor operator;

        private Builder() {}

        /**
         * The oggetto.
         *
         * @param value the oggetto
         * @return the oggetto
         */
        public Builder subject(String value) {
            subject = Objects.requireNonNull(value, "subject");
            return this;
        }

        /**
         * The mail's body (the {@link Outbound}'s default text otherwise).
         *
         * @param value the mail's body
         * @return the mail's body (the {@link Outbound}'s default text otherwise)
         */
        public Builder body(String value) {
            body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * The primary document.
         *
         * @param value the primary document
         * @return the primary document
         */
        public Builder primary(OutboundDocument value) {
            primary = Objects.requireNonNull(value, "primary");
            return this;
        }

        /**
         * Adds a secondary attachment.
         *
         * @param value the secondary attachment to add
         * @return this builder
         */
        public Builder attach(OutboundDocument value) {
            secondaries.add(Objects.requireNonNull(value, "attachment"));
            return this;
        }

        /**
         * Adds a recipient.
         *
         * @param value the recipient to add
         * @return this builder
         */
        public Builder to(Recipient value) {
            recipients.add(Objects.requireNonNull(value, "recipient"));
            return this;
        }

        /**
         * The sending office's code.
         *
         * @param value the sending office's code
         * @return the sending office's code
         */
        public Builder office(String value) {
            office = Objects.requireNonNull(value, "office");
            return this;
        }

        /**
         * The titolario position.
         *
         * @param value the titolario position
         * @return the titolario position
         */
        public Builder classification(Classification value) {
            classification = Objects.requireNonNull(value, "classification");
            return this;
        }

        /**
         * The registration this letter answers.
         *
         * @param value the registration this letter answers
         * @return the registration this letter answers
         */
        public Builder answers(ProtocolId value) {
            answers = Objects.requireNonNull(value, "answers");
            return this;
        }

        /**
         * Who sends it.
         *
         * @param value who sends it
         * @return who sends it
         */
        public Builder operator(Actor value) {
            operator = Objects.requireNonNull(value, "operator");
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException listing every missing item
         */
        public OutboundRequest build() {
            return new OutboundRequest(subject, body, primary, secondaries, recipients, Optional.ofNullable(office), classification,
                    Optional.ofNullable(answers), operator);
        }
    }
}
