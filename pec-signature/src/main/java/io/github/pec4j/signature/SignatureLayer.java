package io.github.pec4j.signature;

import java.util.List;
import java.util.Objects;

/**
 * One envelope of a signed document ({@code .p7m} inside {@code .p7m} gives two layers).
 *
 * @param format {@code cades}, {@code pades} (one layer per PDF signature), {@code m7m} (p7m plus a
 *     time-stamp response in MIME), {@code tsd} (RFC 5544) or {@code xmldsig} (core integrity only)
 * @param encoding how the layer was stored: {@code der}, {@code ber}, {@code pem}, {@code base64},
 *     {@code base64-base64}, {@code mime}
 * @param detached true for a detached signature ({@code .p7s}, or a PDF signature over its byte range)
 * @param coversWholeFile for {@code pades}: whether the byte range covers the whole file (false when
 *     bytes were appended after signing); true for the other formats
 * @param signers every signer of the layer (none for m7m and tsd layers, whose signers are in the next layer)
 * @param timestamps the time-stamp tokens of the layer (CAdES-T signature time-stamps, the m7m or tsd tokens)
 */
public record SignatureLayer(String format, String encoding, boolean detached, boolean coversWholeFile, List<DocumentSigner> signers,
        List<TimestampInfo> timestamps) {
    /**
     * Creates the record: copies the lists and refuses null components.
     *
     * @param format {@code cades}, {@code pades} (one layer per PDF signature), {@code m7m} (p7m plus a time-stamp
     *     response in MIME), {@code tsd} (RFC 5544) or {@code xmldsig} (core integrity only)
     * @param encoding how the layer was stored: {@code der}, {@code ber}, {@code pem}, {@code base64}, {@code
     *     base64-base64}, {@code mime}
     * @param detached true for a detached signature ({@code .p7s}, or a PDF signature over its byte range)
     * @param coversWholeFile for {@code pades}: whether the byte range covers the whole file (false when bytes were
     *     appended after signing); true for the other formats
     * @param signers every signer of the layer (none for m7m and tsd layers, whose signers are in the next layer)
     * @param timestamps the time-stamp tokens of the layer (CAdES-T signature time-stamps, the m7m or tsd tokens)
     */
    public SignatureLayer {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(encoding, "encoding");
        signers = List.copyOf(signers);
        timestamps = List.copyOf(timestamps);
    }
}
