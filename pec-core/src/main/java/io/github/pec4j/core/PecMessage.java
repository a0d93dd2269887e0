package io.github.pec4j.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message from a PEC mailbox, as the parser read it: what it is, what the provider certified, the
 * original message with its attachments, the keys that correlate it, where its signature sits, and
 * everything that was odd about it.
 *
 * <p>The result is immutable. Attachment content may live in temporary files: {@link #close()}
 * releases it (the {@link #raw() raw bytes} of a message parsed from a file are never touched).
 *
 * @param kind what the message is, from its top-level headers
 * @param innerKind for an anomalia that wraps a PEC envelope, the kind of that envelope
 * @param headers the top-level header section
 * @param pecHeaders the PEC fields of that section
 * @param subject the decoded top-level Subject
 * @param originalSubject the original subject: daticert {@code oggetto}, else the original's Subject,
 *     else the Subject with one standard prefix removed
 * @param sender the original sender: daticert {@code mittente}, else the "Per conto di:" fallback
 *     (flagged), else From for ordinary mail
 * @param daticert the certification data, when present and readable
 * @param original the original message ({@code postacert.eml}; the message itself for ordinary mail)
 * @param correlation the identifiers that tie this message to the one that was sent
 * @param signedLayout where the provider signature and the signed content sit in {@link #raw()}
 * @param virusRelated true for a notice about a virus ({@code X-VerificaSicurezza: errore} or
 *     {@code errore="virus"})
 * @param nested PEC messages found inside the original (forwarded envelopes, the envelope an anomalia
 *     wraps), parsed the same way
 * @param diagnostics what was odd, missing or refused
 * @param raw the exact input bytes
 * @param rem ETSI REM markers, when the message carries any
 * @param completeness whether every part of the message, of its original and of its nested messages
 *     was read; when not, the content behind each {@link Gap} is unknown (fail closed: nothing may be
 *     concluded about it)
 */
public record PecMessage(
        PecKind kind,
        Optional<PecKind> innerKind,
        Headers headers,
        PecHeaders pecHeaders,
        Optional<String> subject,
        Optional<String> originalSubject,
        Optional<String> sender,
        Optional<Daticert> daticert,
        Optional<OriginalMessage> original,
        CorrelationKeys correlation,
        SignedLayout signedLayout,
        boolean virusRelated,
        List<PecMessage> nested,
        List<Diagnostic> diagnostics,
        RawMessage raw,
        Optional<RemInfo> rem,
        Completeness completeness) implements AutoCloseable {

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param kind what the message is, from its top-level headers
     * @param innerKind for an anomalia that wraps a PEC envelope, the kind of that envelope
     * @param headers the top-level header section
     * @param pecHeaders the PEC fields of that section
     * @param subject the decoded top-level Subject
     * @param originalSubject the original subject: daticert {@code oggetto}, else the original's Subject, else the
     *     Subject with one standard prefix removed
     * @param sender the original sender: daticert {@code mittente}, else the "Per conto di:" fallback (flagged), else
     *     From for ordinary mail
     * @param daticert the certification data, when present and readable
     * @param original the original message ({@code postacert.eml}; the message itself for ordinary mail)
     * @param correlation the identifiers that tie this message to the one that was sent
     * @param signedLayout where the provider signature and the signed content sit in {@link #raw()}
     * @param virusRelated true for a notice about a virus ({@code X-VerificaSicurezza: errore} or {@code
     *     errore="virus"})
     * @param nested PEC messages found inside the original (forwarded envelopes, the envelope an anomalia wraps),
     *     parsed the same way
     * @param diagnostics what was odd, missing or refused
     * @param raw the exact input bytes
     * @param rem ETSI REM markers, when the message carries any
     * @param completeness whether every part of the message, of its original and of its nested messages was read;
     *     when not, the content behind each {@link Gap} is unknown (fail closed: nothing may be concluded about it)
     */
    public PecMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(innerKind, "innerKind");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(pecHeaders, "pecHeaders");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(originalSubject, "originalSubject");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(daticert, "daticert");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(correlation, "correlation");
        Objects.requireNonNull(signedLayout, "signedLayout");
        nested = List.copyOf(nested);
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(rem, "rem");
        Objects.requireNonNull(completeness, "completeness");
    }

    /**
     * A message built by hand, before completeness was part of the model: it is taken as
     * {@linkplain Completeness#COMPLETE complete}. The parser never uses this constructor.
     *
     * @param kind what the message is, from its top-level headers
     * @param innerKind for an anomalia that wraps a PEC envelope, the kind of that envelope
     * @param headers the top-level header section
     * @param pecHeaders the PEC fields of that section
     * @param subject the decoded top-level Subject
     * @param originalSubject the original subject: daticert {@code oggetto}, else the original's Subject, else the
     *     Subject with one standard prefix removed
     * @param sender the original sender: daticert {@code mittente}, else the "Per conto di:" fallback (flagged), else
     *     From for ordinary mail
     * @param daticert the certification data, when present and readable
     * @param original the original message ({@code postacert.eml}; the message itself for ordinary mail)
     * @param correlation the identifiers that tie this message to the one that was sent
     * @param signedLayout where the provider signature and the signed content sit in {@link #raw()}
     * @param virusRelated true for a notice about a virus ({@code X-VerificaSicurezza: errore} or {@code
     *     errore="virus"})
     * @param nested PEC messages found inside the original (forwarded envelopes, the envelope an anomalia wraps),
     *     parsed the same way
     * @param diagnostics what was odd, missing or refused
     * @param raw the exact input bytes
     * @param rem ETSI REM markers, when the message carries any
     */
    public PecMessage(PecKind kind, Optional<PecKind> innerKind, Headers headers, PecHeaders pecHeaders,
            Optional<String> subject, Optional<String> originalSubject, Optional<String> sender, Optional<Daticert> daticert,
            Optional<OriginalMessage> original, CorrelationKeys correlation, SignedLayout signedLayout, boolean virusRelated,
            List<PecMessage> nested, List<Diagnostic> diagnostics, RawMessage raw, Optional<RemInfo> rem) {
        this(kind, innerKind, headers, pecHeaders, subject, originalSubject, sender, daticert, original, correlation,
                signedLayout, virusRelated, nested, diagnostics, raw, rem, Completeness.COMPLETE);
    }

    /**
     * True when the whole message was read; see {@link #completeness()}.
     *
     * @return true when the completeness has no gap
     */
    public boolean complete() {
        return completeness.complete();
    }

    /**
     * The attachments of the original message (empty when there is none).
     *
     * @return the original message's attachments in document order; empty when there is no original
     */
    public List<Attachment> attachments() {
        return original.map(OriginalMessage::attachments).orElse(List.of());
    }

    /**
     * True when a diagnostic of {@link Severity#ERROR} was reported.
     *
     * @return true when at least one diagnostic has error severity
     */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /**
     * The diagnostics with this code.
     *
     * @param code the diagnostic code to look for
     * @return the diagnostics reported with {@code code}, in the order found; empty when there is none
     */
    public List<Diagnostic> diagnostics(DiagnosticCode code) {
        return diagnostics.stream().filter(d -> d.code().id().equals(code.id())).toList();
    }

    /**
     * Strict mode: returns this message when no error was reported, else throws with the errors.
     *
     * @return this message, unchanged
     * @throws PecParseException when at least one diagnostic of error severity was reported; it carries them
     */
    public PecMessage requireValid() throws PecParseException {
        List<Diagnostic> errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new PecParseException(errors);
        }
        return this;
    }

    /**
     * Releases spooled content: attachments (also of nested messages) and, for a message read from a
     * stream, the spooled raw bytes. A file given to {@link PecParser#parse(java.nio.file.Path)} is
     * never touched. Idempotent.
     */
    @Override
    public void close() {
        for (Attachment a : attachments()) {
            a.content().release();
        }
        for (PecMessage n : nested) {
            n.close();
        }
        io.github.pec4j.core.internal.Raws.release(raw);
    }
}
