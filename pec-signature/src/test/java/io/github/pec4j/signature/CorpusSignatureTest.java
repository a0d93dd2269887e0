package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Provider signatures of the shared corpus ({@code ../shared/corpus}, via the "corpus" profile). */
class CorpusSignatureTest {
    private static Path corpus;
    private final ProviderSignatureVerifier verifier = ProviderSignatureVerifier.create(TrustStore.empty());

    @BeforeAll
    static void locate() {
        String dir = System.getProperty("pec4j.corpus.dir", "");
        Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir)), "shared corpus not available");
        corpus = Path.of(dir);
    }

    private static List<Path> files(String sub) throws IOException {
        try (Stream<Path> s = Files.list(corpus.resolve(sub))) {
            return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    @Test
    @DisplayName("SIG-INTEG-01 SIG-ALG-01 SIG-TIME-01 every real provider signature verifies: SHA-1 warned, valid at signing time, expired now")
    void realMessagesVerify() throws IOException {
        for (PecParser parser : List.of(PecParser.create(), PecParser.create().withSignedContentDigest())) {
            for (Path f : files("real")) {
                try (PecMessage m = parser.parse(f)) {
                    ProviderSignatureReport r = verifier.verify(m);
                    assertThat(r.integrity()).as(f.toString()).isEqualTo(Integrity.VALID);
                    assertThat(r.verdict()).as(f.toString()).isEqualTo(Verdict.VALID_UNTRUSTED_SIGNER);
                    assertThat(r.trust()).isEqualTo(Trust.UNKNOWN);
                    assertThat(r.digestAlgorithm()).contains("SHA-1");
                    assertThat(r.diagnostics()).anyMatch(d -> d.code() == SignatureCode.SIG_LEGACY_DIGEST);
                    assertThat(r.timeBasis()).contains(TimeBasis.SIGNING_TIME);
                    assertThat(r.certificateValidAtTime()).as(f.toString()).contains(true);
                    assertThat(r.diagnostics()).anyMatch(d -> d.code() == SignatureCode.SIG_CERT_EXPIRED_NOW);
                    assertThat(r.signer().orElseThrow().subject()).contains("Posta Certificata");
                    assertThat(r.diagnostics()).noneMatch(d -> d.code() == SignatureCode.SIG_HEADER_MISMATCH);
                }
            }
        }
    }

    @Test
    @DisplayName("SIG-INTEG-01 the real messages still verify after conversion to LF line endings")
    void realMessagesWithLf() throws IOException {
        for (Path f : files("real")) {
            byte[] lf = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
            try (PecMessage m = PecParser.create().withSignedContentDigest().parse(lf)) {
                assertThat(verifier.verify(m).integrity()).as(f.toString()).isEqualTo(Integrity.VALID);
            }
        }
    }

    @Test
    @DisplayName("SIG-INTEG-02 no tampered file verifies")
    void tamperedFail() throws IOException {
        for (Path f : files("tampered")) {
            try (PecMessage m = PecParser.create().withSignedContentDigest().parse(f)) {
                ProviderSignatureReport r = verifier.verify(m);
                assertThat(r.integrity()).as(f.toString()).isEqualTo(Integrity.INVALID);
                assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
                assertThat(r.isGenuine()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("SIG-TIME-02 signingTime and the daticert time are compared as instants")
    void signingTimeMatchesDaticert() throws IOException {
        try (PecMessage m = PecParser.create().parse(corpus.resolve("real/aruba-2014-envelope.eml"))) {
            ProviderSignatureReport r = verifier.verify(m);
            assertThat(r.signingTime()).contains(Instant.parse("2014-11-27T14:12:16Z"));
            assertThat(m.daticert().orElseThrow().data().instant().orElseThrow().toInstant()).isEqualTo(r.signingTime().orElseThrow());
            assertThat(r.diagnostics()).noneMatch(d -> d.code() == SignatureCode.SIG_TIME_MISMATCH);
        }
    }

    @Test
    @DisplayName("SIG-ROBUST-01 SIG-INTEG-03 truncated signature parts are not verifiable; the sha-256 anonymised one is read")
    void anonymised() throws IOException {
        for (String f : List.of("anonymised/fakepec-2024-accettazione-truncated-sig.eml", "anonymised/fakepec-2024-errore-consegna-truncated-sig.eml")) {
            try (PecMessage m = PecParser.create().parse(corpus.resolve(f))) {
                ProviderSignatureReport r = verifier.verify(m);
                assertThat(r.verdict()).as(f).isEqualTo(Verdict.NOT_VERIFIABLE);
                assertThat(m.daticert()).isPresent();
            }
        }
        for (Path f : files("anonymised")) {
            try (PecMessage m = PecParser.create().parse(f)) {
                assertThat(verifier.verify(m).isGenuine()).as(f.toString()).isFalse();
            }
        }
    }

    @Test
    @DisplayName("SIG-ALG-01 a policy refusing SHA-1 fails the real SHA-1 messages")
    void sha1Refused() throws IOException {
        ProviderSignatureVerifier strict = ProviderSignatureVerifier.create(TrustStore.empty(), CryptoPolicy.DEFAULT.withoutSha1(),
                java.time.Clock.systemUTC());
        try (PecMessage m = PecParser.create().parse(corpus.resolve("real/aruba-2018-accettazione.eml"))) {
            ProviderSignatureReport r = strict.verify(m);
            assertThat(r.integrity()).isEqualTo(Integrity.VALID);
            assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        }
    }
}
