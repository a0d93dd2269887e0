package io.github.pec4j.signature;

import java.util.List;
import java.util.Objects;

/**
 * One envelope of a signed document ({@code .p7m} inside {@code .p7m} gives two layers).
 *
 * @param format {@code cades} (more formats to come: {@code pades}, {@code m7m}, {@code tsd}, {@code xmldsig})
 * @param encoding how the layer was stored: {@code der}, {@code ber}, {@code pem}, {@code base64}, {@code base64-base64}
 * @param detached true for a detached signature ({@code .p7s}) checked over separately supplied content
 * @param signers every signer of the layer
 */
public record SignatureLayer(String format, String encoding, boolean detached, List<DocumentSigner> signers) {
    public SignatureLayer {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(encoding, "encoding");
        signers = List.copyOf(signers);
    }
}
