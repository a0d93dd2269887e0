package io.github.pec4j.mailroom.internal;

import io.github.pec4j.core.ByteRange;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.SignedLayout;
import io.github.pec4j.mailroom.IncomingRequests;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.StoredDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * MRM-REDELIVERY-01: a PEC envelope delivered again — its signed content the same as that of the envelope a
 * registration holds, only what the provider's signature does not cover different (the top-level headers a retried
 * SMTP delivery adds, {@code Received}, {@code Delivered-To}; the signature's own encoding) — is the same message: a
 * duplicate of that registration. The signed content is compared as S/MIME signs it, every line break as CRLF; the
 * opaque form's whole body is compared. Only envelopes: their signed content holds the daticert and the whole
 * original, so nothing of the message is outside it (an S/MIME-signed ordinary mail leaves its From and Subject
 * unsigned). Anything else under a registered key (other signed content, an unsigned or ordinary message, a
 * registration holding no message) stays an idempotency conflict for an operator.
 */
final class Redelivery {
    private static final byte[] CRLF = {'\r', '\n'};

    private Redelivery() {}

    /** True when {@code existing} holds a message whose signed content is {@code m}'s. */
    static boolean ofRegistered(PecMessage m, ProtocolRegistry registry, ProtocolId existing, PecParser parser) throws IOException {
        Optional<ByteRange> signed = signedPart(m);
        if (m.kind().family() != PecKind.Family.ENVELOPE || signed.isEmpty()) {
            return false;
        }
        Optional<StoredDocument> envelope = registry.find(existing).map(Registration::documents).orElse(List.of()).stream()
                .filter(d -> d.fileName().equals(IncomingRequests.ENVELOPE_NAME)).findFirst();
        if (envelope.isEmpty()) {
            return false;
        }
        try (InputStream in = registry.openDocument(existing, envelope.get().index()); PecMessage stored = parser.parse(in)) {
            Optional<ByteRange> storedSigned = signedPart(stored);
            return storedSigned.isPresent() && stored.kind() == m.kind() && stored.signedLayout().form() == m.signedLayout().form()
                    && Arrays.equals(canonicalDigest(stored, storedSigned.get()), canonicalDigest(m, signed.get()));
        }
    }

    /** What the signature covers: the signed content of the clear-signed form, the whole body of the opaque one. */
    private static Optional<ByteRange> signedPart(PecMessage m) {
        SignedLayout layout = m.signedLayout();
        return switch (layout.form()) {
            case MULTIPART_SIGNED -> layout.signedContent();
            case OPAQUE -> layout.signature();
            case NONE -> Optional.empty();
        };
    }

    /** SHA-256 of the range's bytes with every line break (CRLF, LF or CR) as CRLF. */
    private static byte[] canonicalDigest(PecMessage m, ByteRange range) throws IOException {
        MessageDigest sha = Impronta.sha256Digest();
        try (InputStream in = new BufferedInputStream(m.raw().open(range));
                OutputStream out = new BufferedOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
            boolean pendingCr = false;
            for (int b = in.read(); b != -1; b = in.read()) {
                if (pendingCr) {
                    out.write(CRLF);
                    pendingCr = false;
                    if (b == '\n') continue;
                }
                if (b == '\r') {
                    pendingCr = true;
                } else if (b == '\n') {
                    out.write(CRLF);
                } else {
                    out.write(b);
                }
            }
            if (pendingCr) out.write(CRLF);
        }
        return sha.digest();
    }
}
