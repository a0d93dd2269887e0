package io.github.pec4j.core;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The message a PEC envelope certifies ({@code postacert.eml}), or ordinary mail itself.
 *
 * <p>Providers rewrite the original: its {@code Message-ID} is the provider's identificativo and the
 * client's own identifier moves to {@code X-Riferimento-Message-ID}.
 *
 * @param mimePath where the message is in the outer message ({@code /} for ordinary mail)
 * @param headers its header section
 * @param subject the decoded Subject
 * @param from the decoded From
 * @param to decoded To addresses
 * @param cc decoded Cc addresses
 * @param date the Date header, when readable
 * @param messageId Message-ID without angle brackets (inside postacert.eml: the identificativo)
 * @param riferimentoMessageId X-Riferimento-Message-ID without angle brackets (the client's id)
 * @param texts the human-readable text parts
 * @param attachments the files, in MIME order
 */
public record OriginalMessage(
        String mimePath,
        Headers headers,
        Optional<String> subject,
        Optional<String> from,
        List<String> to,
        List<String> cc,
        Optional<OffsetDateTime> date,
        Optional<String> messageId,
        Optional<String> riferimentoMessageId,
        List<BodyText> texts,
        List<Attachment> attachments) {

    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param mimePath where the message is in the outer message ({@code /} for ordinary mail)
     * @param headers its header section
     * @param subject the decoded Subject
     * @param from the decoded From
     * @param to decoded To addresses
     * @param cc decoded Cc addresses
     * @param date the Date header, when readable
     * @param messageId Message-ID without angle brackets (inside postacert.eml: the identificativo)
     * @param riferimentoMessageId X-Riferimento-Message-ID without angle brackets (the client's id)
     * @param texts the human-readable text parts
     * @param attachments the files, in MIME order
     */
    public OriginalMessage {
        Objects.requireNonNull(mimePath, "mimePath");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(riferimentoMessageId, "riferimentoMessageId");
        texts = List.copyOf(texts);
        attachments = List.copyOf(attachments);
    }
}
