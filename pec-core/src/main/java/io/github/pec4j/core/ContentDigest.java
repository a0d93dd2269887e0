package io.github.pec4j.core;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A digest computed while the message was read.
 *
 * @param algorithm the JDK algorithm name, e.g. {@code SHA-256}
 * @param hex lower-case hexadecimal digest value
 */
public record ContentDigest(String algorithm, String hex) {
    /**
     * Creates the record: refuses null components.
     *
     * @param algorithm the JDK algorithm name, e.g. {@code SHA-256}
     * @param hex lower-case hexadecimal digest value
     */
    public ContentDigest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
    }

    /**
     * A digest from its bytes.
     *
     * @param algorithm the JCA name of the digest algorithm, such as {@code SHA-256}
     * @param value the digest bytes, which are encoded and not kept
     * @return the digest with its value in lower-case hexadecimal
     */
    public static ContentDigest of(String algorithm, byte[] value) {
        return new ContentDigest(algorithm, HexFormat.of().formatHex(value));
    }

    /**
     * The digest bytes (a copy).
     *
     * @return a fresh array holding the digest value
     */
    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }
}
