package io.github.pec4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** pec4j's own parser and signature verifier, trusting the simulator's CA the way an integrator would. */
final class Pec {
    private static final PecParser PARSER = PecParser.create();
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    private final ProviderSignatureVerifier verifier;

    private Pec(ProviderSignatureVerifier verifier) {
        this.verifier = verifier;
    }

    /** A verifier trusting the simulator's CA, read from the PEM it writes. */
    static Pec trusting(PecProviderSimulator sim) {
        try {
            Path pem = Files.createTempFile("pec4j-sim-ca", ".pem");
            try {
                sim.writeTrustAnchorPem(pem);
                return new Pec(ProviderSignatureVerifier.create(TrustStore.builder().addPem(pem).build(), CryptoPolicy.DEFAULT, NOW));
            } finally {
                Files.delete(pem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PecMessage parse(byte[] raw) {
        return PARSER.parse(raw);
    }

    /** Parses, checks the provider signature is genuine (trusted, intact) and the kind, and returns the message. */
    PecMessage genuine(byte[] raw, PecKind kind) {
        PecMessage m = parse(raw);
        assertThat(m.kind()).as("kind").isEqualTo(kind);
        try {
            ProviderSignatureReport r = verifier.verify(m);
            assertThat(r.isGenuine()).as("genuine: %s", r.diagnostics()).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static List<PecKind> kinds(List<byte[]> messages) {
        return messages.stream().map(b -> parse(b).kind()).toList();
    }
}
