package io.github.pec4j.signature;

import java.util.Objects;

/**
 * The innermost content of a signed document, for the format policy to check.
 *
 * @param mediaType the type sniffed from the first bytes ({@code application/pdf}, {@code application/xml},
 *     {@code application/zip}, ... or {@code application/octet-stream})
 * @param size size in bytes
 * @param sha256 lower-case hexadecimal SHA-256
 */
public record DocumentContent(String mediaType, long size, String sha256) {
    /**
     * Creates the record: refuses null components.
     *
     * @param mediaType the type sniffed from the first bytes ({@code application/pdf}, {@code application/xml},
     *     {@code application/zip}, ... or {@code application/octet-stream})
     * @param size size in bytes
     * @param sha256 lower-case hexadecimal SHA-256
     */
    public DocumentContent {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
    }
}
