package io.github.pec4j.core;

import io.github.pec4j.core.content.ContentStore;
import io.github.pec4j.core.content.ContentStores;
import io.github.pec4j.core.internal.ParseRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads any message found in a PEC mailbox into a {@link PecMessage}, in one streaming pass.
 *
 * <p>What the input contains never makes {@code parse} throw: malformed, truncated or hostile
 * messages come back as results with {@linkplain PecMessage#diagnostics() diagnostics}, and
 * {@link ParserLimits} bound the work. Only I/O failures raise {@link IOException}.
 *
 * <p>Attachments are decoded, SHA-256 fingerprinted and written to the {@link ContentStore} while
 * the message is read, so heap use does not grow with the message. Close the result to release
 * spooled content. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * PecParser parser = PecParser.create();
 * try (PecMessage msg = parser.parse(Path.of("message.eml"))) {
 *     msg.kind();                       // e.g. PecKind.AVVENUTA_CONSEGNA
 *     msg.daticert().map(Daticert::consegna);
 *     msg.correlation().clientMessageId();
 * }
 * }</pre>
 */
public final class PecParser {
    private final ParserLimits limits;
    private final ContentStore store;
    private final boolean digestSignedContent;

    private PecParser(ParserLimits limits, ContentStore store, boolean digestSignedContent) {
        this.limits = limits;
        this.store = store;
        this.digestSignedContent = digestSignedContent;
    }

    /**
     * A parser with {@link ParserLimits#DEFAULTS} and {@link ContentStores#defaultStore()}.
     *
     * @return a new parser with the default limits and content store
     */
    public static PecParser create() {
        return new PecParser(ParserLimits.DEFAULTS, ContentStores.defaultStore(), false);
    }

    /**
     * A parser with these limits and content store.
     *
     * @param limits the limits enforced on every message
     * @param store where decoded attachments are spooled
     * @return a new parser
     */
    public static PecParser create(ParserLimits limits, ContentStore store) {
        return new PecParser(Objects.requireNonNull(limits, "limits"), Objects.requireNonNull(store, "store"), false);
    }

    /**
     * A copy that also digests the signed content of a clear-signed message in the same pass
     * ({@link SignedLayout#signedContentDigest()}), so the provider signature can be verified without
     * reading the message twice. Costs one digest pass over the signed bytes.
     *
     * @return a new parser with the same limits and store that also digests the signed content
     */
    public PecParser withSignedContentDigest() {
        return new PecParser(limits, store, true);
    }

    /**
     * The limits this parser enforces.
     *
     * @return the parser's limits
     */
    public ParserLimits limits() {
        return limits;
    }

    /**
     * Parses a message file. The file is the result's {@link PecMessage#raw() raw message} (it is
     * not copied): keep it unchanged while the result is in use.
     *
     * @param file the message file, for example an {@code .eml} saved from the mailbox
     * @return the parsed message, which the caller closes to release spooled content
     * @throws IOException when the file cannot be read; bad content never throws
     */
    public PecMessage parse(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return ParseRun.parseFile(file, limits, store, digestSignedContent);
    }

    /**
     * Parses a message from a stream, which is read to its end (up to
     * {@link ParserLimits#maxMessageBytes()}) and not closed. The bytes are spooled so that
     * {@link PecMessage#raw()} keeps them, until the result is closed.
     *
     * @param in the stream holding the message
     * @return the parsed message, which the caller closes to release spooled content
     * @throws IOException when the stream cannot be read; bad content never throws
     */
    public PecMessage parse(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return ParseRun.parseStream(in, limits, store, digestSignedContent);
    }

    /**
     * Parses a message held in memory. The array is copied.
     *
     * @param message the message bytes
     * @return the parsed message, which the caller closes to release spooled content
     */
    public PecMessage parse(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            return ParseRun.parseBytes(message.clone(), limits, store, digestSignedContent);
        } catch (IOException e) {
            // Only the content store can fail here; report it as the I/O error it is.
            throw new java.io.UncheckedIOException(e);
        }
    }
}
