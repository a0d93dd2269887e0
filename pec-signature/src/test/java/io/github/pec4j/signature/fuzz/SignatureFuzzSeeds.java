package io.github.pec4j.signature.fuzz;

import io.github.pec4j.testkit.FuzzSeeds;
import io.github.pec4j.signature.TrustStore;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The trust and clock of the pec-signature fuzz tests, and the writer of their seed corpus: run once
 * with {@code -Dpec4j.fuzz.writeSeeds=true -Dtest=SignatureFuzzSeeds} and commit the files.
 */
class SignatureFuzzSeeds {
    static final Clock CLOCK = PecFixtures.DEFAULT_CLOCK;

    /** The test CA as the only anchor, so the seeds verify as trusted and mutants explore the failures. */
    static TrustStore trust() {
        return TrustStore.builder().addCertificate(TestPki.shared().caCertificate()).build();
    }

    /** Signed documents of every kind the verifier reads, in every encoding, and hostile CMS. */
    static Map<String, byte[]> documents() {
        SignedDocuments docs = SignedDocuments.create();
        byte[] invoice = "<FatturaElettronica versione=\"FPA12\"><Numero>42</Numero></FatturaElettronica>".getBytes(StandardCharsets.UTF_8);
        byte[] der = docs.cades(invoice);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("cades.p7m", der);
        seeds.put("cades-sha1.p7m", docs.cadesSha1(invoice));
        seeds.put("cades-ber.p7m", docs.cadesBer(invoice));
        seeds.put("cades-t.p7m", docs.cadesT(invoice));
        seeds.put("cades-nested.p7m", docs.cades(docs.cades(invoice)));
        seeds.put("cades-base64.p7m", SignedDocuments.base64(der));
        seeds.put("cades-double-base64.p7m", SignedDocuments.base64(SignedDocuments.base64(der)));
        seeds.put("cades-pem.p7m", SignedDocuments.pem(der));
        seeds.put("detached.p7s", docs.detached(invoice));
        seeds.put("document.m7m", docs.m7m(invoice));
        seeds.put("document.tsd", docs.tsd(der, "fattura.xml.p7m", "application/pkcs7-mime"));
        seeds.put("timestamp-response.tsr", docs.timestampResponse(new byte[32]));
        seeds.put("pades.pdf", docs.pades());
        seeds.put("xmldsig.xml", docs.xmlSignature("<Segnatura><Oggetto>prova</Oggetto></Segnatura>"));
        seeds.put("hostile-no-signerinfos.p7m", withoutSignerInfos(der));
        seeds.put("hostile-nulls-in-signeddata.p7m", nullsInSignedData());
        seeds.put("hostile-nested-sets.p7m", nestedSets(2_000));
        return seeds;
    }

    /** The signedData rebuilt with an empty SignerInfos SET. */
    private static byte[] withoutSignerInfos(byte[] der) {
        try {
            ContentInfo ci = ContentInfo.getInstance(der);
            SignedData sd = SignedData.getInstance(ci.getContent());
            SignedData empty = new SignedData(sd.getDigestAlgorithms(), sd.getEncapContentInfo(), sd.getCertificates(), sd.getCRLs(),
                    new DERSet());
            return new ContentInfo(CMSObjectIdentifiers.signedData, empty).getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signedData whose encapsulated content and SignerInfos are ASN.1 NULLs. */
    private static byte[] nullsInSignedData() {
        try {
            DERSequence sd = new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), new DERSet(), DERNull.INSTANCE, DERNull.INSTANCE});
            return new DERSequence(new ASN1Encodable[] {CMSObjectIdentifiers.signedData, new DERTaggedObject(true, 0, sd)})
                    .getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ContentInfo whose signedData is {@code depth} nested BER SETs of indefinite length. */
    private static byte[] nestedSets(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("308006092a864886f70d010702a080"));
        for (int i = 0; i < depth; i++) {
            out.writeBytes(new byte[] {0x31, (byte) 0x80});
        }
        out.writeBytes(new byte[2 * depth + 4]);
        return out.toByteArray();
    }

    /** PEC messages of every kind, clear-signed and opaque, and tampered/anonymised corpus files. */
    static Map<String, byte[]> messages() throws IOException {
        PecFixtures f = PecFixtures.create();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (FixtureKind k : FixtureKind.values()) {
            seeds.put(k.tipo() + ".eml", f.message(k).build());
            seeds.put(k.tipo() + "-opaque.eml", f.message(k).quirk(Quirk.OPAQUE_SIGNATURE).build());
        }
        for (Quirk q : new Quirk[] {Quirk.TRUNCATED_SIGNATURE, Quirk.UNSIGNED, Quirk.MISSING_DATICERT, Quirk.LF_LINE_ENDINGS,
                Quirk.NONSTANDARD_HEADER_VALUES, Quirk.NESTED_PEC}) {
            seeds.put("quirk-" + q.name().toLowerCase(Locale.ROOT) + ".eml", f.message(FixtureKind.POSTA_CERTIFICATA).quirk(q).build());
        }
        seeds.put("signed-by-other.eml", f.message(FixtureKind.ACCETTAZIONE)
                .signedBy(f.pki().otherCertificate(), f.pki().otherKey()).build());
        return seeds;
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        FuzzSeeds.write(DocumentVerifierFuzzTest.class, "verify", documents());
        FuzzSeeds.write(ProviderSignatureFuzzTest.class, "verify", messages());
    }
}
