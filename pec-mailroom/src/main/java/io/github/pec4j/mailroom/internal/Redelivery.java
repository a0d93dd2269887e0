package io.github.pec4j.mailroom.internal;

import io.github.pec4j.core.ByteRange;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.SignedLayout;
import io.github.pec4j.mailroom.IncomingRequests;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.StoredDocument;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * MRM-REDELIVERY-01: a signed message delivered again — its signed content and signature the same bytes as those of
 * the message a registration holds, only its top-level headers (unsigned: {@code Received}, {@code Delivered-To}, what
 * a retried SMTP delivery adds) different — is the same message: a duplicate of that registration. Anything else
 * under a registered key (other signed bytes, an unsigned message, a registration holding no message) stays an
 * idempotency conflict for an operator.
 */
final class Redelivery {
    private Redelivery() {}

    /** True when {@code existing} holds a message whose signed bytes are {@code m}'s. */
    static boolean ofRegistered(PecMessage m, ProtocolRegistry registry, ProtocolId existing, PecParser parser) throws IOException {
        if (m.signedLayout().form() == SignedLayout.Form.NONE || m.signedLayout().signature().isEmpty()) {
            return false;
        }
        Optional<StoredDocument> envelope = registry.find(existing).map(Registration::documents).orElse(List.of()).stream()
                .filter(d -> d.fileName().equals(IncomingRequests.ENVELOPE_NAME)).findFirst();
        if (envelope.isEmpty()) {
            return false;
        }
        try (InputStream in = registry.openDocument(existing, envelope.get().index()); PecMessage stored = parser.parse(in)) {
            return stored.signedLayout().form() == m.signedLayout().form() && Arrays.equals(signedBytesDigest(stored), signedBytesDigest(m));
        }
    }

    /** SHA-256 over the signed content's bytes, then the signature's, as received. */
    private static byte[] signedBytesDigest(PecMessage m) throws IOException {
        MessageDigest sha = sha256();
        for (Optional<ByteRange> range : List.of(m.signedLayout().signedContent(), m.signedLayout().signature())) {
            if (range.isPresent()) {
                try (InputStream in = new DigestInputStream(m.raw().open(range.get()), sha)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
