package io.github.pec4j.admission;

import io.github.pec4j.core.Completeness;
import io.github.pec4j.formats.FileReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts the decisions are made from, whatever the channel. {@link PecAdmission} collects them
 * from a parsed PEC message and its signature, format and segnatura reports; an integrator's portal
 * or paper intake fills them in directly.
 *
 * @param channel how the message arrived
 * @param kind a document, a PEC receipt, or an interoperability message
 * @param receivedAt when it was received (for PEC: the daticert time): the date the law is read at
 * @param sender the sender's address, when there is one
 * @param receivedOn the mailboxes it was addressed to
 * @param subject the subject (the original's, for PEC)
 * @param providerIdentityAttested the PEC provider attests the holder's identity in the message
 *     (the pre-2020 "PEC-ID" of art. 65 c-bis)
 * @param signatures the signatures found on the documents
 * @param portal for portal submissions: the authentication of the submitter
 * @param handwrittenWithIdentityDocument a handwritten signature with a copy of an identity
 *     document (art. 65 lett. c), as confirmed by an operator or an upstream check
 * @param declarantTaxCode the declarant's codice fiscale, when known (from the form, a signature,
 *     the operator)
 * @param segnatura the segnatura check, when the message carries one
 * @param files the format reports of the files
 * @param duplicateOf the protocol id of an earlier registration of the same message
 * @param electedDomicile a special digital domicile the istanza elects expressly (CAD art. 3-bis
 *     c.4-quinquies), as read from the form or confirmed by an operator
 * @param completeness whether the message was read completely; content behind a gap is unknown, so
 *     an incomplete message is never receivable nor registered without an operator
 */
public record Evidence(
        Channel channel,
        Kind kind,
        Instant receivedAt,
        Optional<String> sender,
        List<String> receivedOn,
        Optional<String> subject,
        boolean providerIdentityAttested,
        List<SignatureFact> signatures,
        Optional<PortalAuthentication> portal,
        boolean handwrittenWithIdentityDocument,
        Optional<String> declarantTaxCode,
        Optional<SegnaturaFact> segnatura,
        List<FileReport> files,
        Optional<String> duplicateOf,
        Optional<String> electedDomicile,
        Completeness completeness) {

    /** How a message arrived. */
    public enum Channel {
        /** A genuine PEC envelope (posta-certificata), provider signature verified. */
        PEC,
        /** A PEC envelope whose provider signature does not verify: treated as uncertified. */
        PEC_NOT_VERIFIED,
        /** A busta di anomalia: uncertified mail relayed by the provider. */
        ANOMALIA,
        /** Ordinary e-mail. */
        PEO,
        /** SERCQ (qualified electronic registered delivery). */
        SERCQ,
        /** An online portal, with the submitter authenticated. */
        PORTAL,
        /** The app IO access point (CAD art. 64-bis). */
        APP_IO,
        /**
         * Between administrations, by application cooperation (CAD art. 47 c.1, "in cooperazione
         * applicativa"; e.g. PDND e-services).
         */
        COOPERAZIONE_APPLICATIVA,
        /**
         * A document made available for telematic access, its access details communicated (CAD art. 47
         * c.1, "reso disponibile previa comunicazione delle modalità di accesso telematico").
         */
        LINK,
        /** Fax. */
        FAX,
        /** Paper. */
        PAPER;

        /**
         * Certified transmission: genuine PEC or SERCQ.
         *
         * @return true for a genuine PEC or a SERCQ delivery
         */
        public boolean certified() {
            return this == PEC || this == SERCQ;
        }
    }

    /** What the message is. */
    public enum Kind {
        /** A document to assess. */
        DOCUMENT,
        /** A PEC receipt or notice (accettazione, consegna, errori...). */
        PEC_RECEIPT,
        /** An Allegato 6 ConfermaRicezione, AggiornamentoConferma or NotificaEccezione. */
        INTEROP_CONFIRMATION,
        /** An Allegato 6 AnnullamentoProtocollazione. */
        INTEROP_ANNULMENT
    }

    /** What a signature is worth under CAD art. 20. */
    public enum SignatureLevel {
        /** Firma digitale or other qualified electronic signature. */
        QUALIFIED,
        /** Firma elettronica avanzata. */
        ADVANCED,
        /** A simple electronic signature, or one whose level is unknown. */
        SIMPLE
    }

    /**
     * A signature on a received file.
     *
     * @param file the file's name
     * @param level the signature's level
     * @param valid integrity verified and the certificate valid and trusted at signing time
     * @param coversPrimary the signed file is (or contains) the primary document
     * @param signerTaxCode the signer's codice fiscale, when the certificate carries it
     * @param signerName the signer's name
     */
    public record SignatureFact(String file, SignatureLevel level, boolean valid, boolean coversPrimary, Optional<String> signerTaxCode,
            String signerName) {
        /**
         * Creates the record: refuses null components.
         *
         * @param file the file's name
         * @param level the signature's level
         * @param valid integrity verified and the certificate valid and trusted at signing time
         * @param coversPrimary the signed file is (or contains) the primary document
         * @param signerTaxCode the signer's codice fiscale, when the certificate carries it
         * @param signerName the signer's name
         */
        public SignatureFact {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(signerTaxCode, "signerTaxCode");
            Objects.requireNonNull(signerName, "signerName");
        }
    }

    /**
     * How a portal submitter was authenticated.
     *
     * @param method {@code SPID}, {@code CIE}, {@code CNS} or {@code eIDAS}
     * @param subjectTaxCode the authenticated subject's codice fiscale
     */
    public record PortalAuthentication(String method, String subjectTaxCode) {
        /**
         * Creates the record: refuses null components.
         *
         * @param method {@code SPID}, {@code CIE}, {@code CNS} or {@code eIDAS}
         * @param subjectTaxCode the authenticated subject's codice fiscale
         */
        public PortalAuthentication {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(subjectTaxCode, "subjectTaxCode");
        }
    }

    /**
     * What the segnatura check found.
     *
     * @param format {@code v3}, {@code 60/2013} or {@code 28/2001}; {@value #REFUSED} when the file was
     *     refused unread (a DOCTYPE, too large), {@value #UNREADABLE} when it could not be read
     * @param signatureValid the segnatura's signature verified and is trusted
     * @param anomalies Allegato 6 anomaly codes found, in emission spelling (e.g. {@code 002_AnomaliaImpronte})
     * @param detail what failed, for the reasons
     * @param senderIdentificatore the sender's protocol reference, e.g. {@code c_h501/AOO1/PG/0000042 del 2025-03-14}
     */
    public record SegnaturaFact(String format, boolean signatureValid, List<String> anomalies, String detail,
            Optional<String> senderIdentificatore) {
        /** The format of a segnatura refused unread. */
        public static final String REFUSED = "refused";
        /** The format of a segnatura that could not be read. */
        public static final String UNREADABLE = "unreadable";

        /**
         * Creates the record: copies the lists and refuses null components.
         *
         * @param format {@code v3}, {@code 60/2013} or {@code 28/2001}; {@value #REFUSED} when the file was refused
         *     unread (a DOCTYPE, too large), {@value #UNREADABLE} when it could not be read
         * @param signatureValid the segnatura's signature verified and is trusted
         * @param anomalies Allegato 6 anomaly codes found, in emission spelling (e.g. {@code 002_AnomaliaImpronte})
         * @param detail what failed, for the reasons
         * @param senderIdentificatore the sender's protocol reference, e.g. {@code c_h501/AOO1/PG/0000042 del
         *     2025-03-14}
         */
        public SegnaturaFact {
            Objects.requireNonNull(format, "format");
            anomalies = List.copyOf(anomalies);
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(senderIdentificatore, "senderIdentificatore");
        }
    }

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param channel how the message arrived
     * @param kind a document, a PEC receipt, or an interoperability message
     * @param receivedAt when it was received (for PEC: the daticert time): the date the law is read at
     * @param sender the sender's address, when there is one
     * @param receivedOn the mailboxes it was addressed to
     * @param subject the subject (the original's, for PEC)
     * @param providerIdentityAttested the PEC provider attests the holder's identity in the message (the pre-2020
     *     "PEC-ID" of art. 65 c-bis)
     * @param signatures the signatures found on the documents
     * @param portal for portal submissions: the authentication of the submitter
     * @param handwrittenWithIdentityDocument a handwritten signature with a copy of an identity document (art. 65
     *     lett. c), as confirmed by an operator or an upstream check
     * @param declarantTaxCode the declarant's codice fiscale, when known (from the form, a signature, the operator)
     * @param segnatura the segnatura check, when the message carries one
     * @param files the format reports of the files
     * @param duplicateOf the protocol id of an earlier registration of the same message
     * @param electedDomicile a special digital domicile the istanza elects expressly (CAD art. 3-bis c.4-quinquies),
     *     as read from the form or confirmed by an operator
     * @param completeness whether the message was read completely; content behind a gap is unknown, so an incomplete
     *     message is never receivable nor registered without an operator
     */
    public Evidence {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(sender, "sender");
        receivedOn = List.copyOf(receivedOn);
        Objects.requireNonNull(subject, "subject");
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(declarantTaxCode, "declarantTaxCode");
        Objects.requireNonNull(segnatura, "segnatura");
        files = List.copyOf(files);
        Objects.requireNonNull(duplicateOf, "duplicateOf");
        Objects.requireNonNull(electedDomicile, "electedDomicile");
        Objects.requireNonNull(completeness, "completeness");
    }

    /**
     * Evidence of a completely read message (portal and paper intake, or facts gathered before completeness existed).
     *
     * @param channel how the message arrived
     * @param kind a document, a PEC receipt, or an interoperability message
     * @param receivedAt when it was received (for PEC: the daticert time): the date the law is read at
     * @param sender the sender's address, when there is one
     * @param receivedOn the mailboxes it was addressed to
     * @param subject the subject (the original's, for PEC)
     * @param providerIdentityAttested the PEC provider attests the holder's identity in the message (the pre-2020
     *     "PEC-ID" of art. 65 c-bis)
     * @param signatures the signatures found on the documents
     * @param portal for portal submissions: the authentication of the submitter
     * @param handwrittenWithIdentityDocument a handwritten signature with a copy of an identity document (art. 65
     *     lett. c), as confirmed by an operator or an upstream check
     * @param declarantTaxCode the declarant's codice fiscale, when known (from the form, a signature, the operator)
     * @param segnatura the segnatura check, when the message carries one
     * @param files the format reports of the files
     * @param duplicateOf the protocol id of an earlier registration of the same message
     */
    public Evidence(Channel channel, Kind kind, Instant receivedAt, Optional<String> sender, List<String> receivedOn,
            Optional<String> subject, boolean providerIdentityAttested, List<SignatureFact> signatures,
            Optional<PortalAuthentication> portal, boolean handwrittenWithIdentityDocument, Optional<String> declarantTaxCode,
            Optional<SegnaturaFact> segnatura, List<FileReport> files, Optional<String> duplicateOf) {
        this(channel, kind, receivedAt, sender, receivedOn, subject, providerIdentityAttested, signatures, portal,
                handwrittenWithIdentityDocument, declarantTaxCode, segnatura, files, duplicateOf, Optional.empty(), Completeness.COMPLETE);
    }

    /**
     * True when the segnatura was refused unread (hostile, too large) or could not be read: its
     * {@link SegnaturaFact#format()} is {@value SegnaturaFact#REFUSED} or {@value SegnaturaFact#UNREADABLE}.
     *
     * @return true when the segnatura was refused unread (hostile, too large) or could not be read: its {@link
     *     SegnaturaFact#format()} is {@value SegnaturaFact#REFUSED} or {@value SegnaturaFact#UNREADABLE}
     */
    public boolean segnaturaUnreadable() {
        return segnatura.filter(s -> s.format().equals(SegnaturaFact.REFUSED) || s.format().equals(SegnaturaFact.UNREADABLE)).isPresent();
    }

    /**
     * Starts collecting the facts of one message.
     *
     * @param channel how the message arrived
     * @param receivedAt when it was received (for PEC: the daticert time)
     * @return a builder with every other fact absent
     */
    public static Builder builder(Channel channel, Instant receivedAt) {
        return new Builder(channel, receivedAt);
    }

    /** Collects the facts; everything but the channel and the time is optional. */
    public static final class Builder {
        private final Channel channel;
        private final Instant receivedAt;
        private Kind kind = Kind.DOCUMENT;
        private String sender;
        private final List<String> receivedOn = new ArrayList<>();
        private String subject;
        private boolean providerIdentityAttested;
        private final List<SignatureFact> signatures = new ArrayList<>();
        private PortalAuthentication portal;
        private boolean handwrittenWithIdentityDocument;
        private String declarantTaxCode;
        private SegnaturaFact segnatura;
        private final List<FileReport> files = new ArrayList<>();
        private String duplicateOf;
        private Completeness completeness = Completeness.COMPLETE;
        private String electedDomicile;

        private Builder(Channel channel, Instant receivedAt) {
            this.channel = Objects.requireNonNull(channel, "channel");
            this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        }

        /**
         * Sets what the message is: a document, a PEC receipt or an interoperability message.
         *
         * @param value the kind
         * @return this builder
         */
        public Builder kind(Kind value) { kind = Objects.requireNonNull(value); return this; }
        /**
         * Sets the sender's address.
         *
         * @param value the address
         * @return this builder
         */
        public Builder sender(String value) { sender = Objects.requireNonNull(value); return this; }
        /**
         * Adds a mailbox the message was addressed to.
         *
         * @param mailbox the address
         * @return this builder
         */
        public Builder receivedOn(String mailbox) { receivedOn.add(Objects.requireNonNull(mailbox)); return this; }
        /**
         * Sets the subject (the original's, for PEC).
         *
         * @param value the subject
         * @return this builder
         */
        public Builder subject(String value) { subject = Objects.requireNonNull(value); return this; }
        /**
         * Sets whether the PEC provider attests the holder's identity in the message.
         *
         * @param value true when it does
         * @return this builder
         */
        public Builder providerIdentityAttested(boolean value) { providerIdentityAttested = value; return this; }
        /**
         * Adds a signature found on a document.
         *
         * @param value the signature fact
         * @return this builder
         */
        public Builder signature(SignatureFact value) { signatures.add(Objects.requireNonNull(value)); return this; }
        /**
         * Sets the authentication of a portal submitter.
         *
         * @param value how the submitter authenticated
         * @return this builder
         */
        public Builder portal(PortalAuthentication value) { portal = Objects.requireNonNull(value); return this; }
        /**
         * Sets whether a handwritten signature comes with a copy of an identity document.
         *
         * @param value true when it does
         * @return this builder
         */
        public Builder handwrittenWithIdentityDocument(boolean value) { handwrittenWithIdentityDocument = value; return this; }
        /**
         * Sets the declarant's codice fiscale, when known from the form, a signature or the portal.
         *
         * @param taxCode the codice fiscale
         * @return this builder
         */
        public Builder declarant(String taxCode) { declarantTaxCode = Objects.requireNonNull(taxCode); return this; }
        /**
         * Sets the result of the segnatura check.
         *
         * @param value the segnatura fact
         * @return this builder
         */
        public Builder segnatura(SegnaturaFact value) { segnatura = Objects.requireNonNull(value); return this; }
        /**
         * Adds the format report of one file.
         *
         * @param value the report
         * @return this builder
         */
        public Builder file(FileReport value) { files.add(Objects.requireNonNull(value)); return this; }
        /**
         * Records an earlier registration of the same message.
         *
         * @param protocolId the protocol id of that registration
         * @return this builder
         */
        public Builder duplicateOf(String protocolId) { duplicateOf = Objects.requireNonNull(protocolId); return this; }
        /**
         * How completely the message was read (default: complete).
         *
         * @param value how completely the message was read
         * @return how completely the message was read (default: complete)
         */
        public Builder completeness(Completeness value) { completeness = Objects.requireNonNull(value); return this; }
        /**
         * The istanza expressly elects {@code address} as special digital domicile (CAD art. 3-bis c.4-quinquies).
         *
         * @param address the elected domicile's address
         * @return this builder
         */
        public Builder electedDomicile(String address) { electedDomicile = Objects.requireNonNull(address); return this; }

        /**
         * Builds the evidence from the facts collected.
         *
         * @return the evidence
         */
        public Evidence build() {
            return new Evidence(channel, kind, receivedAt, Optional.ofNullable(sender), receivedOn, Optional.ofNullable(subject),
                    providerIdentityAttested, signatures, Optional.ofNullable(portal), handwrittenWithIdentityDocument,
                    Optional.ofNullable(declarantTaxCode), Optional.ofNullable(segnatura), files, Optional.ofNullable(duplicateOf),
                    Optional.ofNullable(electedDomicile), completeness);
        }
    }
}
