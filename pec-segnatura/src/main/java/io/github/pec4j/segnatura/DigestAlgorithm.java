package io.github.pec4j.segnatura;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SHA-2 digests an {@code Impronta} may name (All. 6 draft Table 1). {@code Impronta/@algoritmo} is free text in
 * the schema (default {@code SHA-256}): {@link #parse} accepts the plain names and the XML-DSig/XML-Enc URIs.
 */
public enum DigestAlgorithm {
    /** SHA-224. */
    SHA_224("SHA-224", "http://www.w3.org/2001/04/xmldsig-more#sha224"),
    /** SHA-256, the only one pec4j emits. */
    SHA_256("SHA-256", "http://www.w3.org/2001/04/xmlenc#sha256"),
    /** SHA-384. */
    SHA_384("SHA-384", "http://www.w3.org/2001/04/xmldsig-more#sha384"),
    /** SHA-512. */
    SHA_512("SHA-512", "http://www.w3.org/2001/04/xmlenc#sha512");

    private final String jcaName;
    private final String uri;

    DigestAlgorithm(String jcaName, String uri) {
        this.jcaName = jcaName;
        this.uri = uri;
    }

    /**
     * The plain name, as the segnatura writes it: {@code SHA-256}.
     *
     * @return the plain name, as the segnatura writes it: {@code SHA-256}
     */
    public String segnaturaName() {
        return jcaName;
    }

    /**
     * The XML-DSig / XML-Enc URI.
     *
     * @return the XML-DSig / XML-Enc URI
     */
    public String uri() {
        return uri;
    }

    /**
     * A new {@link MessageDigest}.
     *
     * @return a new {@link MessageDigest}
     */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-2 is required of every Java platform", e);
        }
    }

    /**
     * The algorithm {@code text} names: {@code SHA-256}, {@code sha256}, {@code SHA_256} or a URI such as
     * {@code http://www.w3.org/2001/04/xmlenc#sha256} (both URI families are accepted for every length); empty for
     * anything else, SHA-1 and HMAC included.
     *
     * @param text a name or URI of a digest algorithm
     * @return the algorithm {@code text} names: {@code SHA-256}, {@code sha256}, {@code SHA_256} or a URI such as
     *     {@code http://www.w3.org/2001/04/xmlenc#sha256} (both URI families are accepted for every length); empty
     *     for anything else, SHA-1 and HMAC included
     */
    public static Optional<DigestAlgorithm> parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
        int hash = t.lastIndexOf('#');
        if (hash >= 0) {
            if (!t.startsWith("http://www.w3.org/2001/04/xmlenc#") && !t.startsWith("http://www.w3.org/2001/04/xmldsig-more#")) {
                return Optional.empty();
            }
            t = t.substring(hash + 1);
        }
        String bits = t.replace("-", "").replace("_", "");
        for (DigestAlgorithm a : values()) {
            if (bits.equals(a.jcaName.toLowerCase(Locale.ROOT).replace("-", ""))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
