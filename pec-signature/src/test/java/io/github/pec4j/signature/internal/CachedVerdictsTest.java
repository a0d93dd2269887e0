package io.github.pec4j.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.SignatureCode;
import io.github.pec4j.signature.Trust;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.signature.Verdict;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verifier that has seen a provider before (certificates decoded, path remembered) reports exactly what a
 * fresh verifier with a fresh trust store reports, message after message and in any order.
 */
class CachedVerdictsTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    private static final PecParser PARSER = PecParser.create().withSignedContentDigest();
    private static final PecFixtures FIXTURES = PecFixtures.create();

    private static PecFixtures at(String instant) {
        return FIXTURES.withClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static ProviderSignatureReport verify(ProviderSignatureVerifier v, byte[] message) throws IOException {
        try (PecMessage m = PARSER.parse(message)) {
            return v.verify(m);
        }
    }

    /** Each message verified twice by one warm verifier in the given order, each report equal to a cold one. */
    private static List<ProviderSignatureReport> sameAsCold(TrustStore.Builder trust, List<byte[]> messages, List<Integer> order)
            throws IOException {
        ProviderSignatureVerifier warm = ProviderSignatureVerifier.create(trust.build(), CryptoPolicy.DEFAULT, NOW);
        List<ProviderSignatureReport> reports = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i : order) {
                ProviderSignatureReport cold = verify(ProviderSignatureVerifier.create(trust.build(), CryptoPolicy.DEFAULT, NOW),
                        messages.get(i));
                ProviderSignatureReport seen = verify(warm, messages.get(i));
                assertThat(seen).as("message " + i + " in order " + order).isEqualTo(cold);
                reports.add(seen);
            }
        }
        return reports;
    }

    @Test
    @Tag("SIG-CACHE-01")
    @DisplayName("SIG-CACHE-01 a receipt signed before its certificate expired stays trusted; one signed after is not; in either order")
    void expiredCertificate() throws IOException {
        ShortLivedPki pki = new ShortLivedPki("Expiry Test CA", Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"));
        KeyPair keys = ShortLivedPki.keys("RSA");
        X509Certificate provider = pki.issue("Posta Certificata 2024", keys.getPublic(), Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"));
        byte[] whileValid = at("2024-06-01T10:00:00Z").message(FixtureKind.AVVENUTA_CONSEGNA).signedBy(provider, keys.getPrivate()).build();
        byte[] afterExpiry = at("2026-06-01T10:00:00Z").message(FixtureKind.AVVENUTA_CONSEGNA).signedBy(provider, keys.getPrivate()).build();
        TrustStore.Builder trust = TrustStore.builder().addCertificate(pki.ca);
        for (List<Integer> order : List.of(List.of(0, 1), List.of(1, 0))) {
            List<ProviderSignatureReport> r = sameAsCold(trust, List.of(whileValid, afterExpiry), order);
            ProviderSignatureReport valid = r.get(order.indexOf(0));
            ProviderSignatureReport expired = r.get(order.indexOf(1));
            assertThat(valid.verdict()).isEqualTo(Verdict.VALID_TRUSTED);
            assertThat(valid.certificateValidAtTime()).contains(true);
            assertThat(valid.diagnostics()).anyMatch(d -> d.code() == SignatureCode.SIG_CERT_EXPIRED_NOW);
            assertThat(expired.trust()).isEqualTo(Trust.UNTRUSTED);
            assertThat(expired.verdict()).isEqualTo(Verdict.VALID_UNTRUSTED_SIGNER);
            assertThat(expired.certificateValidAtTime()).contains(false);
            assertThat(expired.diagnostics()).anyMatch(d -> d.code() == SignatureCode.SIG_CERT_NOT_VALID_AT_TIME);
        }
    }

    @Test
    @Tag("SIG-CACHE-01")
    @DisplayName("SIG-CACHE-01 with a CRL revoking the provider in 2024, a receipt of 2023 stays trusted and one of mid-2024 does not, in either order")
    void revokedCertificate(@TempDir Path dir) throws IOException {
        TestPki pki = FIXTURES.pki();
        Path ca = dir.resolve("ca.pem");
        pki.writeTrustAnchorPem(ca);
        Path crl = Files.write(dir.resolve("revoked.crl"), pki.crl(Instant.parse("2024-01-01T00:00:00Z"), pki.providerCertificate()));
        byte[] before = at("2023-06-01T10:00:00Z").message(FixtureKind.ACCETTAZIONE).build();
        byte[] after = at("2024-06-01T10:00:00Z").message(FixtureKind.ACCETTAZIONE).build();
        TrustStore.Builder trust = TrustStore.builder().addPem(ca).addCrl(crl);
        for (List<Integer> order : List.of(List.of(0, 1), List.of(1, 0))) {
            List<ProviderSignatureReport> r = sameAsCold(trust, List.of(before, after), order);
            assertThat(r.get(order.indexOf(0)).verdict()).isEqualTo(Verdict.VALID_TRUSTED);
            ProviderSignatureReport revoked = r.get(order.indexOf(1));
            assertThat(revoked.trust()).isEqualTo(Trust.UNTRUSTED);
            assertThat(revoked.diagnostics()).anyMatch(d -> d.code() == SignatureCode.SIG_CERT_REVOKED);
        }
    }

    @Test
    @Tag("SIG-CACHE-01")
    @DisplayName("SIG-CACHE-01 every kind, opaque and LF variants, a rogue signer, a tampered and a pre-validity message: warm reports equal cold ones")
    void everyFixture(@TempDir Path dir) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        for (FixtureKind kind : FixtureKind.values()) {
            messages.add(FIXTURES.message(kind).build());
        }
        messages.add(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).quirk(Quirk.OPAQUE_SIGNATURE).build());
        messages.add(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LF_LINE_ENDINGS).build());
        TestPki pki = FIXTURES.pki();
        messages.add(FIXTURES.message(FixtureKind.ACCETTAZIONE).signedBy(pki.otherCertificate(), pki.otherKey()).build());
        byte[] tampered = FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build();
        String s = new String(tampered, java.nio.charset.StandardCharsets.ISO_8859_1);
        tampered = s.replaceFirst("Content-Type: text/plain", "Content-Type: text/plain ").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        messages.add(tampered);
        messages.add(at("1999-06-01T10:00:00Z").message(FixtureKind.ACCETTAZIONE).build());
        Path ca = dir.resolve("ca.pem");
        pki.writeTrustAnchorPem(ca);
        List<Integer> forward = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            forward.add(i);
        }
        List<Integer> backward = new ArrayList<>(forward);
        java.util.Collections.reverse(backward);
        for (TrustStore.Builder trust : List.of(TrustStore.builder().addPem(ca), TrustStore.builder().addCertificate(pki.providerCertificate()),
                TrustStore.builder())) {
            List<ProviderSignatureReport> r = sameAsCold(trust, messages, forward);
            sameAsCold(trust, messages, backward);
            assertThat(r).anyMatch(x -> x.verdict() == Verdict.INVALID || x.verdict() == Verdict.VALID_UNTRUSTED_SIGNER);
        }
    }

    @Test
    @DisplayName("the signing time read directly equals Bouncy Castle's reading")
    void signingTimeFastPath() throws Exception {
        for (String t : List.of("240601100000Z", "491231235959Z", "500101000000Z", "991231235959Z", "000229120000Z")) {
            org.bouncycastle.asn1.ASN1UTCTime utc = new org.bouncycastle.asn1.ASN1UTCTime(t);
            assertThat(CmsAttributes.utcTime(utc.getAdjustedTime())).as(t).isEqualTo(utc.getAdjustedDate().toInstant());
        }
        assertThat(CmsAttributes.utcTime("20240601100000GMT+02:00")).isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
        assertThat(CmsAttributes.utcTime("20240601100000GMT-01:30")).isEqualTo(Instant.parse("2024-06-01T11:30:00Z"));
        assertThat(CmsAttributes.utcTime("20241301100000GMT+00:00")).isNull(); // month 13: left to Bouncy Castle
        assertThat(CmsAttributes.utcTime("2024060110000GMT+00:00")).isNull();
    }
}
