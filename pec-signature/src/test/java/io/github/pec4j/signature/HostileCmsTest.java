package io.github.pec4j.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.core.Severity;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileCms;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed CMS from {@link HostileCms}: every verifier entry point returns a report, on a thread
 * with a small stack, so a recursion over the input would fail here rather than be caught.
 */
class HostileCmsTest {
    private static final byte[] CONTENT = "<a>contenuto</a>".getBytes(StandardCharsets.UTF_8);
    private static final long SMALL_STACK = 256 * 1024;
    static DocumentVerifier documents;
    static ProviderSignatureVerifier provider;
    @TempDir
    static Path dir;

    @BeforeAll
    static void verifiers() throws IOException {
        Path ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        TrustStore trust = TrustStore.builder().addPem(ca).build();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
        documents = DocumentVerifier.create(trust, CryptoPolicy.DEFAULT, clock);
        provider = ProviderSignatureVerifier.create(trust, CryptoPolicy.DEFAULT, clock);
    }

    interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} on a thread with a small stack and rethrows whatever it threw. */
    static void onSmallStack(Check check) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                check.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    static List<String> codes(DocumentReport r) {
        return r.diagnostics().stream().map(d -> d.code().id()).toList();
    }

    static void notVerifiable(String name, DocumentReport r) {
        assertThat(r.integrity()).as(name).isEqualTo(Integrity.NOT_VERIFIABLE);
        assertThat(r.diagnostics()).as(name).anyMatch(d -> d.severity() == Severity.ERROR);
    }

    @Test
    @DisplayName("SEC-EXC-01 every hostile p7m (DER, base64, PEM) gets a not-verifiable report, never an exception")
    void hostileP7m() throws Throwable {
        onSmallStack(() -> {
            for (Map.Entry<String, byte[]> e : HostileCms.all().entrySet()) {
                notVerifiable(e.getKey(), documents.verify(write(e.getKey() + ".p7m", e.getValue())));
                notVerifiable(e.getKey() + " base64", documents.verify(write(e.getKey() + ".b64.p7m", SignedDocuments.base64(e.getValue()))));
                notVerifiable(e.getKey() + " pem", documents.verify(write(e.getKey() + ".pem.p7m", SignedDocuments.pem(e.getValue()))));
                Path target = dir.resolve(e.getKey() + ".out");
                notVerifiable(e.getKey() + " extract", documents.verifyAndExtract(write(e.getKey() + ".x.p7m", e.getValue()), target));
                Path content = write(e.getKey() + ".txt", CONTENT);
                notVerifiable(e.getKey() + " detached", documents.verifyDetached(write(e.getKey() + ".p7s", e.getValue()), content));
            }
        });
    }

    @Test
    @DisplayName("SEC-EXC-01 deep nesting and broken framing are refused by the ASN.1 pre-scan, with its own code")
    void preScanCodes() throws Throwable {
        onSmallStack(() -> {
            for (String name : List.of("nested-sets", "nested-sets-indefinite", "huge-length", "unclosed-indefinite", "indefinite-primitive")) {
                DocumentReport r = documents.verify(write(name + ".p7m", HostileCms.all().get(name)));
                assertThat(codes(r)).as(name).contains("ASN1_MALFORMED");
            }
        });
    }

    @Test
    @DisplayName("SEC-EXC-01 a hostile layer inside a genuine p7m is not verifiable, and a hostile PDF signature neither")
    void hostileInner() throws Throwable {
        SignedDocuments docs = SignedDocuments.create();
        onSmallStack(() -> {
            for (Map.Entry<String, byte[]> e : HostileCms.all().entrySet()) {
                DocumentReport r = documents.verify(write("outer-" + e.getKey() + ".p7m", docs.cades(e.getValue())));
                assertThat(r.integrity()).as(e.getKey()).isNotEqualTo(Integrity.VALID);
            }
        });
    }

    @Test
    @DisplayName("SEC-EXC-01 a p7m and a CAdES-T cut inside each of their structures never verify and never throw")
    void truncatedEverywhere() throws Throwable {
        SignedDocuments docs = SignedDocuments.create();
        List<byte[]> cuts = new ArrayList<>(HostileCms.truncations(docs.cades(CONTENT)));
        cuts.addAll(HostileCms.truncations(docs.cadesT(CONTENT)));
        assertThat(cuts).hasSizeGreaterThan(100);
        onSmallStack(() -> {
            int i = 0;
            for (byte[] cut : cuts) {
                DocumentReport r = documents.verify(write("cut" + i++ + ".p7m", cut));
                assertThat(r.integrity()).as("cut at %d", cut.length).isIn(Integrity.NOT_VERIFIABLE, Integrity.INVALID);
            }
        });
    }

    @Test
    @DisplayName("SEC-EXC-01 a signed PEC whose smime.p7s is hostile CMS is not verifiable, never genuine, never an exception")
    void hostileProviderSignature() throws Throwable {
        byte[] envelope = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).build();
        byte[] opaque = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).quirk(io.github.pec4j.testkit.Quirk.OPAQUE_SIGNATURE).build();
        onSmallStack(() -> {
            List<Map.Entry<String, byte[]>> cases = new ArrayList<>(HostileCms.all().entrySet());
            int i = 0;
            for (byte[] cut : HostileCms.truncations(SignedDocuments.create().cades(CONTENT))) {
                cases.add(Map.entry("cut" + i++, cut));
            }
            for (Map.Entry<String, byte[]> e : cases) {
                Path eml = write(e.getKey() + ".eml", HostileCms.withProviderSignature(envelope, e.getValue()));
                Path opaqueEml = write(e.getKey() + "-opaque.eml", HostileCms.withProviderSignature(opaque, e.getValue()));
                // the named cases through both parsing modes; the many cuts through the one-pass mode the CLI uses
                List<PecParser> parsers = e.getKey().startsWith("cut") ? List.of(PecParser.create().withSignedContentDigest())
                        : List.of(PecParser.create(), PecParser.create().withSignedContentDigest());
                for (PecParser parser : parsers) {
                    try (PecMessage m = parser.parse(opaqueEml)) {
                        ProviderSignatureReport r = provider.verify(m);
                        assertThat(r.verdict()).as(e.getKey() + " opaque").isIn(Verdict.NOT_VERIFIABLE, Verdict.NOT_SIGNED);
                        assertThat(r.isGenuine()).isFalse();
                    }
                    try (PecMessage m = parser.parse(eml)) {
                        ProviderSignatureReport r = provider.verify(m);
                        assertThat(r.verdict()).as(e.getKey()).isEqualTo(Verdict.NOT_VERIFIABLE);
                        assertThat(r.isGenuine()).isFalse();
                        assertThat(r.diagnostics()).as(e.getKey()).anyMatch(d -> d.code() == SignatureCode.SIG_NOT_VERIFIABLE);
                    }
                }
            }
            try (PecMessage m = PecParser.create().parse(write("genuine.eml", envelope))) {
                assertThat(provider.verify(m).isGenuine()).isTrue(); // the same envelope, unharmed, is genuine
            }
            try (PecMessage m = PecParser.create().parse(write("genuine-opaque.eml", opaque))) {
                assertThat(provider.verify(m).isGenuine()).isTrue();
            }
        });
    }

    @Test
    @DisplayName("SEC-EXC-01 malformed and deeply nested XML, bare or signed, is verified without a word on System.err")
    void quietXml() throws Throwable {
        SignedDocuments docs = SignedDocuments.create();
        List<byte[]> xmls = List.of("<?xml version=\"1.0\"?><a><b></a>".getBytes(StandardCharsets.UTF_8),
                ("<?xml version=\"1.0\"?>" + "<a>".repeat(20_000)).getBytes(StandardCharsets.UTF_8),
                ("<?xml version=\"1.0\"?>" + "<a>".repeat(5_000) + "</a>".repeat(5_000)).getBytes(StandardCharsets.UTF_8),
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>".getBytes(StandardCharsets.UTF_8));
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            onSmallStack(() -> {
                int i = 0;
                for (byte[] xml : xmls) {
                    DocumentReport bare = documents.verify(write("broken" + i + ".xml", xml));
                    assertThat(bare.integrity()).isEqualTo(Integrity.ABSENT);
                    DocumentReport signed = documents.verify(write("broken" + i++ + ".xml.p7m", docs.cades(xml)));
                    assertThat(signed.integrity()).isEqualTo(Integrity.VALID); // the CMS is sound; the XML is only content
                }
            });
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    static Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
