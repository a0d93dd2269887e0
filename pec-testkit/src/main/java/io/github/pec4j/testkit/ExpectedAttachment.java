package io.github.pec4j.testkit;

import java.util.Objects;

/**
 * What a fixture put into the original message, so tests can check what a parser reads back.
 *
 * @param name the file name as the sender wrote it
 * @param contentType the declared media type
 * @param size size in bytes of the decoded content
 * @param sha256 lower-case hexadecimal SHA-256 of the decoded content
 */
public record ExpectedAttachment(String name, String contentType, long size, String sha256) {
    /**
     * Checks that no component is null.
     *
     * @param name the file name as the sender wrote it
     * @param contentType the declared media type
     * @param size size in bytes of the decoded content
     * @param sha256 lower-case hexadecimal SHA-256 of the decoded content
     */
    public ExpectedAttachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
    }
}
