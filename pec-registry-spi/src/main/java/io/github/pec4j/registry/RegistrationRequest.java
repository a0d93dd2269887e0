package io.github.pec4j.registry;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to register. Build with {@link #incoming}, {@link #outgoing} or {@link #internal}; the number
 * and the registration time are never part of a request: the registry assigns them.
 *
 * <p>{@link Builder#build()} enforces DPR 445/2000 art. 53 c.1 and the AgID LG: at least one
 * correspondent, an oggetto, a classification, and at least one document on a telematic channel;
 * it reports every missing item at once.
 *
 * @param register where to register
 * @param direction incoming, outgoing or internal
 * @param channel how the document arrived or leaves
 * @param correspondents senders (incoming) or recipients (outgoing, {@linkplain Correspondent#perConoscenza() in copy} included)
 * @param oggetto the subject
 * @param senderReference the sender's own protocol number and date, if available
 * @param documents the primary document first, then the attachments
 * @param classification titolario position
 * @param fascicolo the fascicolo to file it into, if any
 * @param assignments initial assignments to offices
 * @param receivedAt when the document arrived (for PEC: the daticert time), if incoming
 * @param idempotencyKey makes a repeated registration of the same content return the first one
 *     (see {@link #fingerprint(List)}); the same key with other content is refused
 * @param riservato restricted access
 * @param operator who registers (a person or the intake's system account)
 * @param generated documents made inside the transaction once the number is known (e.g. segnatura)
 * @param emergency set only when recovering an emergency-register entry
 */
public record RegistrationRequest(
        RegisterId register,
        Direction direction,
        Channel channel,
        List<Correspondent> correspondents,
        String oggetto,
        Optional<SenderReference> senderReference,
        List<DocumentRequest> documents,
        Classification classification,
        Optional<String> fascicolo,
        List<Assignment> assignments,
        Optional<Instant> receivedAt,
        Optional<IdempotencyKey> idempotencyKey,
        boolean riservato,
        Actor operator,
        Optional<GeneratedDocuments> generated,
        Optional<EmergencyLink> emergency) {

    /**
     * Creates the record: copies the lists, refuses null components and refuses values out of range.
     *
     * @param register where to register
     * @param direction incoming, outgoing or internal
     * @param channel how the document arrived or leaves
     * @param correspondents senders (incoming) or recipients (outgoing, {@linkplain Correspondent#perConoscenza() in
     *     copy} included)
     * @param oggetto the subject
     * @param senderReference the sender's own protocol number and date, if available
     * @param documents the primary document first, then the attachments
     * @param classification titolario position
     * @param fascicolo the fascicolo to file it into, if any
     * @param assignments initial assignments to offices
     * @param receivedAt when the document arrived (for PEC: the daticert time), if incoming
     * @param idempotencyKey makes a repeated registration of the same content return the first one (see {@link
     *     #fingerprint(List)}); the same key with other content is refused
     * @param riservato restricted access
     * @param operator who registers (a person or the intake's system account)
     * @param generated documents made inside the transaction once the number is known (e.g. segnatura)
     * @param emergency set only when recovering an emergency-register entry
     */
    public RegistrationRequest {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(channel, "channel");
        correspondents = List.copyOf(correspondents);
        Objects.requireNonNull(oggetto, "oggetto");
        Objects.requireNonNull(senderReference, "senderReference");
        documents = List.copyOf(documents);
        Objects.requireNonNull(fascicolo, "fascicolo");
        assignments = List.copyOf(assignments);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(generated, "generated");
        Objects.requireNonNull(emergency, "emergency");
        List<String> problems = new ArrayList<>();
        if (classification == null) problems.add("classification is mandatory (AgID LG 2021)");
        if (operator == null) problems.add("operator is mandatory (every operation is attributed)");
        if (correspondents.isEmpty()) {
            problems.add(direction == Direction.INCOMING ? "mittente is mandatory (art. 53 c.1 c)" : "destinatari are mandatory (art. 53 c.1 c)");
        }
        if (oggetto.isBlank()) problems.add("oggetto is mandatory (art. 53 c.1 d)");
        if (oggetto.length() > 4000) problems.add("oggetto longer than 4000 characters");
        if (channel.telematic() && documents.isEmpty()) {
            problems.add("a document received or sent telematically needs its impronta (art. 53 c.1 f): no document given");
        }
        fascicolo.ifPresent(f -> {
            if (f.isBlank()) problems.add("fascicolo is blank");
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("registration request refused: " + String.join("; ", problems));
        }
    }

    /**
     * Starts an incoming registration.
     *
     * @param register the register to number in
     * @param channel how the documents arrived
     * @return a builder
     */
    public static Builder incoming(RegisterId register, Channel channel) {
        return new Builder(register, Direction.INCOMING, channel);
    }

    /**
     * Starts an outgoing registration.
     *
     * @param register the register to number in
     * @param channel how the documents are sent
     * @return a builder
     */
    public static Builder outgoing(RegisterId register, Channel channel) {
        return new Builder(register, Direction.OUTGOING, channel);
    }

    /**
     * Starts an internal registration (documents exchanged between offices).
     *
     * @param register the register to number in
     * @return a builder
     */
    public static Builder internal(RegisterId register) {
        return new Builder(register, Direction.INTERNAL, Channel.PAPER);
    }

    /**
     * The fingerprint of what this request registers, given the impronte of its {@link #documents()}
     * in order (as the registry computed them from the bytes it stored). A registry keeps it with
     * the idempotency key: the same key with another fingerprint is an {@link
     * RegistryException.Reason#IDEMPOTENCY_CONFLICT}, never a duplicate.
     *
     * <p>It is the SHA-256 of a versioned, length-prefixed encoding (value prefix {@code fp1:}) of
     * what the message <em>is</em>: register, direction, channel, each correspondent's name, address
     * and per-conoscenza flag in order, oggetto, the sender's reference, the received-at time (to the
     * millisecond) and the documents' impronte in order. It leaves out what a retry may legitimately
     * decide differently: classification, fascicolo, assignments, riservato, the operator, the
     * generated documents (they carry the new number and time), the emergency link, file names and
     * media types (renamed or re-detected by a newer parser; the impronta already names the bytes),
     * and correspondents' tax and IPA codes (looked up in directories that change).
     *
     * @param documentImpronte the SHA-256 of each document's bytes, in the order of {@link #documents()}
     * @return {@code fp1:} followed by 64 lower-case hex digits
     * @throws IllegalArgumentException when the count differs from the number of documents
     */
    public String fingerprint(List<Impronta> documentImpronte) {
        if (documentImpronte.size() != documents.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + documentImpronte.size() + " impronte");
        }
        return Fingerprints.of(register, direction, channel, correspondents, oggetto, senderReference, receivedAt,
                List.copyOf(documentImpronte));
    }

    /**
     * {@link #fingerprint(List)} over the documents' bytes, read here from their {@link
     * ContentSource}s (a declared impronta is not trusted: it is the bytes that must be the same).
     *
     * @return the fingerprint as lower-case hexadecimal
     * @throws IOException when a document cannot be read
     */
    public String fingerprint() throws IOException {
        List<Impronta> impronte = new ArrayList<>(documents.size());
        for (DocumentRequest d : documents) {
            try (java.io.InputStream in = d.content().open()) {
                impronte.add(Impronta.of(in));
            }
        }
        return fingerprint(impronte);
    }

    /**
     * This request with another idempotency key (used for emergency recovery).
     *
     * @param key the message's intake key (see {@code PecAdmission.intakeKey}); for a message without any identifier,
     *     a key over its bytes
     * @return this request with another idempotency key (used for emergency recovery)
     */
    public RegistrationRequest withIdempotencyKey(IdempotencyKey key) {
        return new RegistrationRequest(register, direction, channel, correspondents, oggetto, senderReference, documents,
                classification, fascicolo, assignments, receivedAt, Optional.of(key), riservato, operator, generated, emergency);
    }

    /**
     * This request as the recovery of an emergency entry.
     *
     * @param link the emergency entry this request recovers
     * @return this request as the recovery of an emergency entry
     */
    public RegistrationRequest withEmergency(EmergencyLink link) {
        return new RegistrationRequest(register, direction, channel, correspondents, oggetto, senderReference, documents,
                classification, fascicolo, assignments, receivedAt, idempotencyKey, riservato, operator, generated, Optional.of(link));
    }

    /** Collects the optional settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final RegisterId register;
        private final Direction direction;
        private Channel channel;
        private final List<Correspondent> correspondents = new ArrayList<>();
        private String oggetto = "";
        private SenderReference senderReference;
        private final List<DocumentRequest> documents = new ArrayList<>();
        private Classification classification;
        private String fascicolo;
        private final List<Assignment> assignments = new ArrayList<>();
        private Instant receivedAt;
        private IdempotencyKey idempotencyKey;
        private boolean riservato;
        private Actor operator;
        private GeneratedDocuments generated;

        private Builder(RegisterId register, Direction direction, Channel channel) {
            this.register = Objects.requireNonNull(register, "register");
            this.direction = direction;
            this.channel = Objects.requireNonNull(channel, "channel");
        }

        /**
         * Adds a sender (incoming) or recipient (outgoing).
         *
         * @param correspondent the correspondent to add
         * @return this builder
         */
        public Builder correspondent(Correspondent correspondent) {
            correspondents.add(Objects.requireNonNull(correspondent, "correspondent"));
            return this;
        }

        /**
         * Sets the oggetto.
         *
         * @param oggetto the subject of the registration
         * @return this builder
         */
        public Builder oggetto(String oggetto) {
            this.oggetto = Objects.requireNonNull(oggetto, "oggetto");
            return this;
        }

        /**
         * Sets the sender's own protocol reference.
         *
         * @param reference the sender's number and date
         * @return this builder
         */
        public Builder senderReference(SenderReference reference) {
            this.senderReference = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /**
         * Adds a document: the first one added is the primary document.
         *
         * @param document the document to add
         * @return this builder
         */
        public Builder document(DocumentRequest document) {
            documents.add(Objects.requireNonNull(document, "document"));
            return this;
        }

        /**
         * Sets the classification.
         *
         * @param classification the position in the AOO's titolario
         * @return this builder
         */
        public Builder classification(Classification classification) {
            this.classification = Objects.requireNonNull(classification, "classification");
            return this;
        }

        /**
         * Sets the fascicolo the registration is filed into.
         *
         * @param fascicolo the fascicolo's identifier
         * @return this builder
         */
        public Builder fascicolo(String fascicolo) {
            this.fascicolo = Objects.requireNonNull(fascicolo, "fascicolo");
            return this;
        }

        /**
         * Adds an assignment.
         *
         * @param assignment the office assignment to add
         * @return this builder
         */
        public Builder assign(Assignment assignment) {
            assignments.add(Objects.requireNonNull(assignment, "assignment"));
            return this;
        }

        /**
         * Sets when the documents were received (incoming only).
         *
         * @param receivedAt the time of receipt
         * @return this builder
         */
        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
            return this;
        }

        /**
         * Sets the idempotency key: registering twice with it returns the first registration.
         *
         * @param key the key under which registering again returns the first registration
         * @return this builder
         */
        public Builder idempotencyKey(IdempotencyKey key) {
            this.idempotencyKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Marks the registration confidential.
         *
         * @param riservato true for a confidential registration
         * @return this builder
         */
        public Builder riservato(boolean riservato) {
            this.riservato = riservato;
            return this;
        }

        /**
         * Sets who registers.
         *
         * @param operator the operator or system account
         * @return this builder
         */
        public Builder operator(Actor operator) {
            this.operator = Objects.requireNonNull(operator, "operator");
            return this;
        }

        /**
         * Sets the documents generated inside the registration, such as a segnatura.
         *
         * @param generated the generator
         * @return this builder
         */
        public Builder generated(GeneratedDocuments generated) {
            this.generated = Objects.requireNonNull(generated, "generated");
            return this;
        }

        /**
         * Builds the request, checking every setting.
         *
         * @return the request
         * @throws IllegalArgumentException listing every missing or invalid item
         */
        public RegistrationRequest build() {
            return new RegistrationRequest(register, direction, channel, correspondents, oggetto,
                    Optional.ofNullable(senderReference), documents, classification, Optional.ofNullable(fascicolo),
                    assignments, Optional.ofNullable(receivedAt), Optional.ofNullable(idempotencyKey), riservato, operator,
                    Optional.ofNullable(generated), Optional.empty());
        }
    }
}
