package io.github.pec4j.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the provider's signature and the content it covers sit in the raw message, so that the
 * signature can be verified over the exact received bytes.
 *
 * @param form clear-signed, opaque, or not signed
 * @param signedContent for {@link Form#MULTIPART_SIGNED}: the first body part, from its first header
 *     byte to just before the line break that precedes the next boundary (RFC 1847)
 * @param signature the signature part's body (still transfer-encoded) for clear-signed messages, the
 *     whole pkcs7-mime body for opaque ones
 * @param protocol the {@code protocol} parameter of multipart/signed
 * @param micalg the {@code micalg} parameter of multipart/signed
 * @param signatureMediaType the declared type of the signature part
 * @param signedContentDigest the digest of {@code signedContent} (CRLF-canonical, as S/MIME signs it)
 *     computed in the same pass as the parse, with the algorithm {@code micalg} names; present only
 *     when the parser was asked for it ({@link PecParser#withSignedContentDigest()})
 */
public record SignedLayout(
        Form form,
        Optional<ByteRange> signedContent,
        Optional<ByteRange> signature,
        Optional<String> protocol,
        Optional<String> micalg,
        Optional<String> signatureMediaType,
        Optional<ContentDigest> signedContentDigest) {

    /** How the message is signed. */
    public enum Form {
        /** {@code multipart/signed} with a detached {@code smime.p7s}: the providers' form. */
        MULTIPART_SIGNED,
        /** {@code application/pkcs7-mime; smime-type=signed-data} ({@code smime.p7m}), e.g. after an Outlook export. */
        OPAQUE,
        /** No S/MIME signature. */
        NONE
    }

    /** The layout of an unsigned message. */
    public static final SignedLayout NONE = new SignedLayout(
            Form.NONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Creates the record: refuses null components.
     *
     * @param form clear-signed, opaque, or not signed
     * @param signedContent for {@link Form#MULTIPART_SIGNED}: the first body part, from its first header byte to just
     *     before the line break that precedes the next boundary (RFC 1847)
     * @param signature the signature part's body (still transfer-encoded) for clear-signed messages, the whole
     *     pkcs7-mime body for opaque ones
     * @param protocol the {@code protocol} parameter of multipart/signed
     * @param micalg the {@code micalg} parameter of multipart/signed
     * @param signatureMediaType the declared type of the signature part
     * @param signedContentDigest the digest of {@code signedContent} (CRLF-canonical, as S/MIME signs it) computed in
     *     the same pass as the parse, with the algorithm {@code micalg} names; present only when the parser was asked
     *     for it ({@link PecParser#withSignedContentDigest()})
     */
    public SignedLayout {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(signedContent, "signedContent");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(micalg, "micalg");
        Objects.requireNonNull(signatureMediaType, "signatureMediaType");
        Objects.requireNonNull(signedContentDigest, "signedContentDigest");
    }
}
