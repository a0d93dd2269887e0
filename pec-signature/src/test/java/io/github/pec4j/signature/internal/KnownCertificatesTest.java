package io.github.pec4j.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.signature.CryptoPolicy;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.signature.Verdict;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileCms;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A provider signature whose certificates are all known is read without parsing them again
 * ({@link SignedDataCertificates}, {@link DecodedCertificates#known}); its report equals the one of the
 * reference path, which parses the whole CMS (the certificate cache emptied first).
 */
class KnownCertificatesTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
    private static final PecFixtures FIXTURES = PecFixtures.create();
    private static final TestPki PKI = FIXTURES.pki();
    /** Messages signed by the provider and by a rogue, each carrying its own certificate. */
    private static final List<byte[]> WARM_UP = List.of(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).build(),
            FIXTURES.message(FixtureKind.ACCETTAZIONE).signedBy(PKI.otherCertificate(), PKI.otherKey()).build());
    private static final List<PecParser> PARSERS = List.of(PecParser.create().withSignedContentDigest(), PecParser.create());

    private static ProviderSignatureReport verify(TrustStore trust, PecParser parser, byte[] message) throws IOException {
        try (PecMessage m = parser.parse(message)) {
            return ProviderSignatureVerifier.create(trust, CryptoPolicy.DEFAULT, NOW).verify(m);
        }
    }

    /** The signature part's DER, or null for an opaque or unsigned message. */
    private static byte[] signatureDer(byte[] message) throws IOException {
        try (PecMessage m = PecParser.create().parse(message)) {
            if (m.signedLayout().signedContent().isEmpty() || m.signedLayout().signature().isEmpty()) {
                return null;
            }
            return Base64.getMimeDecoder().decode(m.raw().read(m.signedLayout().signature().get()));
        }
    }

    /** Whether the certificates of {@code message}'s signature would be taken from the cache. */
    private static boolean fast(byte[] message) throws IOException {
        byte[] der = signatureDer(message);
        SignedDataCertificates.Split split = der == null ? null : SignedDataCertificates.split(der);
        return split != null && DecodedCertificates.known(split.certificates()) != null;
    }

    /**
     * Verifies {@code message} with no certificate cached (the whole CMS parsed), then again with its
     * certificates cached, with each parser and each trust store; the reports must be equal. Returns whether the
     * second reading took the fast path.
     */
    private static boolean sameBothWays(String name, byte[] message) throws IOException {
        boolean fast = false;
        for (TrustStore.Builder trust : trustStores()) {
            for (PecParser parser : PARSERS) {
                DecodedCertificates.clear();
                ProviderSignatureReport reference = verify(trust.build(), parser, message);
                fast = fast(message);
                ProviderSignatureReport warm = verify(trust.build(), parser, message);
                assertThat(warm).as(name).isEqualTo(reference);
                DecodedCertificates.clear();
                for (byte[] seen : WARM_UP) { // only the usual certificates known: the message's own may not be
                    verify(trust.build(), parser, seen);
                }
                assertThat(verify(trust.build(), parser, message)).as(name + ", usual certificates known").isEqualTo(reference);
            }
        }
        return fast;
    }

    private static List<TrustStore.Builder> trustStores() {
        return List.of(TrustStore.builder().addCertificate(PKI.caCertificate()), TrustStore.builder().addCertificate(PKI.providerCertificate()),
                TrustStore.builder());
    }

    @Test
    @Tag("SIG-CACHE-04")
    @DisplayName("SIG-CACHE-04 every fixture kind, LF and opaque variants, a rogue signer, a tampered and a pre-validity message: the same report with known certificates as with none")
    void fixtures() throws IOException {
        for (FixtureKind kind : FixtureKind.values()) {
            byte[] message = FIXTURES.message(kind).build();
            assertThat(sameBothWays(kind.name(), message)).as(kind.name()).isEqualTo(signatureDer(message) != null); // all but NON_PEC
        }
        assertThat(sameBothWays("lf", FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.LF_LINE_ENDINGS).build())).isTrue();
        sameBothWays("opaque", FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).quirk(Quirk.OPAQUE_SIGNATURE).build());
        assertThat(sameBothWays("rogue", FIXTURES.message(FixtureKind.ACCETTAZIONE).signedBy(PKI.otherCertificate(), PKI.otherKey()).build()))
                .isTrue();
        String s = new String(FIXTURES.message(FixtureKind.POSTA_CERTIFICATA).build(), java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] tampered = s.replaceFirst("Content-Type: text/plain", "Content-Type: text/plain ").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(sameBothWays("tampered", tampered)).isTrue();
        PecFixtures early = FIXTURES.withClock(Clock.fixed(Instant.parse("1999-06-01T10:00:00Z"), ZoneOffset.UTC));
        assertThat(sameBothWays("pre-validity", early.message(FixtureKind.ACCETTAZIONE).build())).isTrue();
    }

    @Test
    @Tag("SIG-CACHE-04")
    @DisplayName("SIG-CACHE-04 every message of the shared corpus and every hostile CMS: the same report with its certificates known as with none")
    void corpusAndHostile() throws IOException {
        String dir = System.getProperty("pec4j.corpus.dir", "");
        if (!dir.isBlank() && Files.isDirectory(Path.of(dir))) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                    sameBothWays(f.toString(), Files.readAllBytes(f));
                }
            }
        }
        byte[] envelope = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).build();
        for (Map.Entry<String, byte[]> e : HostileCms.all().entrySet()) {
            sameBothWays(e.getKey(), HostileCms.withProviderSignature(envelope, e.getValue()));
        }
    }

    @Test
    @Tag("SIG-CACHE-04")
    @DisplayName("SIG-CACHE-04 certificates reordered, repeated, missing, altered, badly framed, a second certificates field, CRLs, trailing bytes: the same report either way")
    void adversarialCertificateFields() throws Exception {
        byte[] envelope = FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).build();
        byte[] der = signatureDer(envelope);
        ASN1Encodable provider = holder(PKI.providerCertificate());
        ASN1Encodable other = holder(PKI.otherCertificate());
        ASN1Encodable ca = holder(PKI.caCertificate());
        byte[] altered = PKI.providerCertificate().getEncoded();
        altered[altered.length - 5] ^= 1; // in the certificate's own signature: parses, decodes, another key
        ASN1Encodable alteredCert = ASN1Primitive.fromByteArray(altered);
        byte[] crl = PKI.crl(Instant.parse("2024-01-01T00:00:00Z"), PKI.otherCertificate());

        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("other first, provider twice", rebuilt(der, List.of(certs(0, other, provider, ca, provider))));
        cases.put("only the rogue", rebuilt(der, List.of(certs(0, other))));
        cases.put("no certificates", rebuilt(der, List.of()));
        cases.put("empty certificates", rebuilt(der, List.of(certs(0))));
        cases.put("altered provider", rebuilt(der, List.of(certs(0, alteredCert, ca))));
        cases.put("second [0], provider in it", rebuilt(der, List.of(certs(0, other), certs(0, provider))));
        cases.put("second [0], rogue in it", rebuilt(der, List.of(certs(0, provider), certs(0, other))));
        cases.put("[1] CRLs", rebuilt(der, List.of(certs(0, provider), certs(1, ASN1Primitive.fromByteArray(crl)))));
        cases.put("[1] before [0]", rebuilt(der, List.of(certs(1, ASN1Primitive.fromByteArray(crl)), certs(0, provider))));
        cases.put("trailing bytes", concat(der, new byte[] {0, 0, 0x30, 0x00}));
        cases.put("long-form length", longFormFirstCertificate(der));
        // What the whole CMS parsed gives, so a fast path that also changed the reference reading is caught.
        Map<String, Verdict> expected = Map.ofEntries(Map.entry("other first, provider twice", Verdict.VALID_TRUSTED),
                Map.entry("only the rogue", Verdict.NOT_VERIFIABLE), Map.entry("no certificates", Verdict.NOT_VERIFIABLE),
                Map.entry("empty certificates", Verdict.NOT_VERIFIABLE), Map.entry("altered provider", Verdict.VALID_UNTRUSTED_SIGNER),
                Map.entry("second [0], provider in it", Verdict.NOT_VERIFIABLE), Map.entry("second [0], rogue in it", Verdict.NOT_VERIFIABLE),
                Map.entry("[1] CRLs", Verdict.VALID_TRUSTED), Map.entry("[1] before [0]", Verdict.NOT_VERIFIABLE),
                Map.entry("trailing bytes", Verdict.NOT_VERIFIABLE), Map.entry("long-form length", Verdict.VALID_TRUSTED));
        for (Map.Entry<String, byte[]> e : cases.entrySet()) {
            byte[] message = HostileCms.withProviderSignature(envelope, e.getValue());
            sameBothWays(e.getKey(), message);
            for (boolean warm : List.of(false, true)) {
                if (!warm) {
                    DecodedCertificates.clear();
                }
                assertThat(verify(trustStores().get(0).build(), PARSERS.get(0), message).verdict()).as(e.getKey() + (warm ? ", warm" : ""))
                        .isEqualTo(expected.get(e.getKey()));
            }
        }
        DecodedCertificates.clear();
        verify(TrustStore.empty(), PARSERS.get(0), HostileCms.withProviderSignature(envelope, cases.get("other first, provider twice")));
        assertThat(fast(HostileCms.withProviderSignature(envelope, cases.get("other first, provider twice")))).isTrue();
        assertThat(fast(HostileCms.withProviderSignature(envelope, cases.get("second [0], provider in it")))).isFalse();
        assertThat(fast(HostileCms.withProviderSignature(envelope, cases.get("[1] before [0]")))).isFalse();
        assertThat(fast(HostileCms.withProviderSignature(envelope, cases.get("long-form length")))).isFalse();
        assertThat(verify(TrustStore.empty(), PARSERS.get(0), HostileCms.withProviderSignature(envelope, cases.get("second [0], rogue in it")))
                .verdict()).isIn(Verdict.NOT_VERIFIABLE, Verdict.INVALID);
    }

    @Test
    @DisplayName("the split keeps every other byte: Bouncy Castle's encoding without the certificates field, lengths shortened across 128, 256 and 65,536")
    void splitIsExact() throws Exception {
        Random random = new Random(15);
        List<Integer> sizes = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            sizes.add(n);
        }
        sizes.addAll(List.of(65_400, 65_500, 65_536, 70_000));
        for (int size : sizes) {
            byte[] blob = new byte[size];
            random.nextBytes(blob);
            ASN1Encodable cert = new DLSequence(new DEROctetString(blob));
            ASN1Encodable small = new DLSequence(new ASN1Integer(size));
            List<ASN1Encodable> head = List.of(new ASN1Integer(1), new DLSet(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new DLSequence(CMSObjectIdentifiers.data));
            ASN1Encodable infos = new DLSet(new DLSequence(new ASN1Integer(1)));
            byte[] whole = contentInfo(concat(head, List.of(certs(0, small, cert), infos)));
            SignedDataCertificates.Split split = SignedDataCertificates.split(whole);
            assertThat(split).as("size %d", size).isNotNull();
            assertThat(split.rest()).as("size %d", size).isEqualTo(contentInfo(concat(head, List.of(infos))));
            assertThat(split.certificates()).containsExactly(ByteBuffer.wrap(small.toASN1Primitive().getEncoded()),
                    ByteBuffer.wrap(cert.toASN1Primitive().getEncoded()));
            CMSSignedData rest = new CMSSignedData(split.rest());
            assertThat(rest.getCertificates().getMatches(null)).isEmpty();
        }
    }

    @Test
    @DisplayName("framing the split does not take is left whole: BER, long-form lengths, extra elements, other certificate choices")
    void splitRefuses() throws Exception {
        byte[] der = signatureDer(FIXTURES.message(FixtureKind.ACCETTAZIONE).build());
        assertThat(SignedDataCertificates.split(der)).isNotNull();
        ASN1Sequence sd = signedData(der);
        List<ASN1Encodable> fields = new ArrayList<>();
        sd.forEach(fields::add);
        assertThat(SignedDataCertificates.split(io.github.pec4j.testkit.SignedDocuments.create().cadesBer(new byte[] {1, 2, 3}))).isNull();
        assertThat(SignedDataCertificates.split(longFormFirstCertificate(der))).isNull();
        byte[] extra = new DLSequence(new ASN1Encodable[] {CMSObjectIdentifiers.signedData, new DLTaggedObject(true, 0, sd),
                new ASN1Integer(0)}).getEncoded(ASN1Encoding.DL);
        assertThat(SignedDataCertificates.split(extra)).isNull();
        List<ASN1Encodable> attribute = new ArrayList<>(fields);
        attribute.set(3, new DLTaggedObject(false, 0, new DLSet(new DLTaggedObject(false, 2, new DLSequence(new ASN1Integer(2))))));
        assertThat(SignedDataCertificates.split(contentInfo(attribute))).isNull();
        assertThat(SignedDataCertificates.split(new byte[0])).isNull();
        assertThat(SignedDataCertificates.split(new byte[] {0x30})).isNull();
        for (byte[] cut : HostileCms.truncations(der)) {
            assertThat(SignedDataCertificates.split(cut)).isNull();
        }
    }

    @Test
    @DisplayName("the guard scanning an array in place answers as the guard reading a stream: real, hostile, cut and corrupted CMS")
    void guardArrayEqualsStream() throws IOException {
        List<byte[]> inputs = new ArrayList<>(HostileCms.all().values());
        byte[] provider = signatureDer(FIXTURES.message(FixtureKind.AVVENUTA_CONSEGNA).build());
        var documents = io.github.pec4j.testkit.SignedDocuments.create();
        byte[] cades = documents.cadesT("contenuto".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] noise = new byte[40_000];
        new Random(5).nextBytes(noise);
        byte[] chunked = documents.cadesBer(noise);
        byte[] chunkedDer = documents.cadesBer(documents.cades(new byte[30_000])); // content chunks that start like elements
        for (byte[] valid : List.of(provider, cades, chunked, chunkedDer)) {
            inputs.add(valid);
            inputs.addAll(HostileCms.truncations(valid));
            Random random = new Random(4);
            for (int i = 0; i < 1500; i++) {
                byte[] corrupted = valid.clone();
                for (int k = 0; k <= i % 3; k++) {
                    corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
                }
                inputs.add(corrupted);
            }
        }
        int problems = 0;
        for (byte[] in : inputs) {
            var array = Asn1Guard.problem(in);
            assertThat(array).isEqualTo(Asn1Guard.problem(new ByteArrayInputStream(in), in.length));
            problems += array.isPresent() ? 1 : 0;
        }
        assertThat(problems).isGreaterThan(100).isLessThan(inputs.size());
    }

    // ------------------------------------------------------------------ building CMS variants

    private static ASN1Encodable holder(X509Certificate c) throws Exception {
        return new X509CertificateHolder(c.getEncoded()).toASN1Structure();
    }

    private static DLTaggedObject certs(int tag, ASN1Encodable... items) {
        return new DLTaggedObject(false, tag, new DLSet(new ASN1EncodableVector(items.length) {
            {
                for (ASN1Encodable i : items) {
                    add(i);
                }
            }
        }));
    }

    private static ASN1Sequence signedData(byte[] der) throws IOException {
        return ASN1Sequence.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContent());
    }

    /** {@code der}'s SignedData with its [0]/[1] fields replaced by {@code fields}, between content and signer infos. */
    private static byte[] rebuilt(byte[] der, List<ASN1Encodable> fields) throws IOException {
        ASN1Sequence sd = signedData(der);
        List<ASN1Encodable> out = new ArrayList<>(List.of(sd.getObjectAt(0), sd.getObjectAt(1), sd.getObjectAt(2)));
        out.addAll(fields);
        out.add(sd.getObjectAt(sd.size() - 1));
        return contentInfo(out);
    }

    private static byte[] contentInfo(List<ASN1Encodable> signedDataFields) throws IOException {
        DLSequence sd = new DLSequence(signedDataFields.toArray(new ASN1Encodable[0]));
        return new DLSequence(new ASN1Encodable[] {CMSObjectIdentifiers.signedData, new DLTaggedObject(true, 0, sd)})
                .getEncoded(ASN1Encoding.DL);
    }

    /** {@code der} with the first certificate's length in a needlessly long form (BER allows it, DER does not). */
    private static byte[] longFormFirstCertificate(byte[] der) throws IOException {
        ASN1Sequence sd = signedData(der);
        org.bouncycastle.asn1.ASN1Set set = org.bouncycastle.asn1.ASN1Set.getInstance((org.bouncycastle.asn1.ASN1TaggedObject) sd.getObjectAt(3), false);
        byte[] first = set.getObjectAt(0).toASN1Primitive().getEncoded(ASN1Encoding.DL);
        int lenOctets = first[1] & 0x7F; // a certificate is longer than 127 bytes: long form already
        byte[] body = Arrays.copyOfRange(first, 2 + lenOctets, first.length);
        byte[] certs = concat(new byte[] {0x30, (byte) (0x80 | (lenOctets + 1)), 0}, bigEndian(body.length, lenOctets), body);
        for (int i = 1; i < set.size(); i++) {
            certs = concat(certs, set.getObjectAt(i).toASN1Primitive().getEncoded(ASN1Encoding.DL));
        }
        byte[] fields = new byte[0];
        for (int i = 0; i < sd.size(); i++) {
            fields = concat(fields, i == 3 ? tlv(0xA0, certs) : sd.getObjectAt(i).toASN1Primitive().getEncoded(ASN1Encoding.DL));
        }
        return tlv(0x30, concat(CMSObjectIdentifiers.signedData.getEncoded(), tlv(0xA0, tlv(0x30, fields))));
    }

    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] header = n < 0x80 ? new byte[] {(byte) tag, (byte) n}
                : n < 0x100 ? new byte[] {(byte) tag, (byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) tag, (byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) tag, (byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        return concat(header, content);
    }

    private static byte[] bigEndian(int value, int octets) {
        byte[] b = new byte[octets];
        for (int i = octets - 1; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
