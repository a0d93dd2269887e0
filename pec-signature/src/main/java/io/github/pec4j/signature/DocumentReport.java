package io.github.pec4j.signature;

import io.github.pec4j.core.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The signature layers of a document, outermost first, and its innermost content.
 *
 * @param integrity {@code VALID} only when every signer of every layer verifies; {@code ABSENT} when
 *     the file carries no signature; {@code NOT_VERIFIABLE} when a layer cannot be read
 * @param layers the signature layers, outermost first
 * @param content the innermost content (absent for a detached signature without its content)
 * @param diagnostics warnings and errors with stable {@link DocumentCode}s
 */
public record DocumentReport(Integrity integrity, List<SignatureLayer> layers, Optional<DocumentContent> content,
        List<Diagnostic> diagnostics) {
    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param integrity {@code VALID} only when every signer of every layer verifies; {@code ABSENT} when the file
     *     carries no signature; {@code NOT_VERIFIABLE} when a layer cannot be read
     * @param layers the signature layers, outermost first
     * @param content the innermost content (absent for a detached signature without its content)
     * @param diagnostics warnings and errors with stable {@link DocumentCode}s
     */
    public DocumentReport {
        Objects.requireNonNull(integrity, "integrity");
        layers = List.copyOf(layers);
        Objects.requireNonNull(content, "content");
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * Every time-stamp token of every layer, outermost first.
     *
     * @return every time-stamp token of every layer, outermost first
     */
    public List<TimestampInfo> timestamps() {
        return layers.stream().flatMap(l -> l.timestamps().stream()).toList();
    }
}
