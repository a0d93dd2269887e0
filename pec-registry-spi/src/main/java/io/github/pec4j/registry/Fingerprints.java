package io.github.pec4j.registry;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The canonical encoding behind {@link RegistrationRequest#fingerprint(List)} and {@link
 * Registration#fingerprint()}: one definition, so a request and the registration it made agree.
 * Every field is written with its length first, so no two different messages encode alike.
 */
final class Fingerprints {
    /** The prefix of every value of this encoding; a later encoding gets another one. */
    static final String VERSION = "fp1:";

    private Fingerprints() {}

    static String of(RegisterId register, Direction direction, Channel channel, List<Correspondent> correspondents, String oggetto,
            Optional<SenderReference> senderReference, Optional<Instant> receivedAt, List<Impronta> impronte) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, "pec4j-registration-fingerprint/1");
            text(out, register.toString());
            text(out, direction.name());
            text(out, channel.name());
            out.writeInt(correspondents.size());
            for (Correspondent c : correspondents) {
                text(out, c.name());
                optional(out, c.address());
                out.writeBoolean(c.perConoscenza());
            }
            text(out, oggetto);
            optional(out, senderReference.map(s -> s.number() + '\n' + s.date()));
            // registries keep instants to the millisecond at least; a retry reads the same daticert time
            optional(out, receivedAt.map(t -> t.truncatedTo(ChronoUnit.MILLIS).toString()));
            out.writeInt(impronte.size());
            for (Impronta i : impronte) out.write(i.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return VERSION + HexFormat.of().formatHex(Impronta.sha256Digest().digest(bytes.toByteArray()));
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) text(out, value.get());
    }
}
