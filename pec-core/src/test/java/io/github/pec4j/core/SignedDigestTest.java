package io.github.pec4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-pass digest of the signed content equals what the provider signed. */
class SignedDigestTest {
    private final PecParser parser = PecParser.create().withSignedContentDigest();

    /** The messageDigest signed attribute of the message's signature. */
    static byte[] signedMessageDigest(PecMessage m) throws Exception {
        String sig = new String(m.raw().read(m.signedLayout().signature().orElseThrow()), StandardCharsets.US_ASCII);
        CMSSignedData cms = new CMSSignedData(Base64.getMimeDecoder().decode(sig.trim()));
        SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
        return ASN1OctetString.getInstance(si.getSignedAttributes().get(CMSAttributes.messageDigest).getAttrValues().getObjectAt(0))
                .getOctets();
    }

    static byte[] canonicalDigest(PecMessage m, String algorithm) throws Exception {
        byte[] raw = m.raw().read(m.signedLayout().signedContent().orElseThrow());
        byte[] crlf = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return MessageDigest.getInstance(algorithm).digest(crlf);
    }

    @Test
    @DisplayName("SIG-INTEG-01 the one-pass digest equals the signed messageDigest, CRLF or LF, file, bytes or stream")
    void digestMatchesSignature(@TempDir Path dir) throws Exception {
        for (Quirk q : List.of(Quirk.LOWERCASE_HEADER_NAMES, Quirk.LF_LINE_ENDINGS, Quirk.NESTED_PEC, Quirk.DATICERT_LAST)) {
            byte[] bytes = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).quirk(q).build();
            Path file = dir.resolve(q + ".eml");
            Files.write(file, bytes);
            for (PecMessage m : new PecMessage[] {parser.parse(file), parser.parse(bytes), parser.parse(new ByteArrayInputStream(bytes))}) {
                try (m) {
                    ContentDigest d = m.signedLayout().signedContentDigest().orElseThrow();
                    assertThat(d.algorithm()).isEqualTo("SHA-256");
                    assertThat(d.bytes()).as(q.toString()).isEqualTo(canonicalDigest(m, "SHA-256")).isEqualTo(signedMessageDigest(m));
                }
            }
        }
        byte[] receipt = PecFixtures.create().message(FixtureKind.AVVENUTA_CONSEGNA).build();
        try (PecMessage m = parser.parse(receipt)) {
            assertThat(m.signedLayout().signedContentDigest().orElseThrow().bytes()).isEqualTo(signedMessageDigest(m));
        }
    }

    @Test
    void offByDefaultAndAbsentWhenThereIsNothingToDigest() {
        byte[] bytes = PecFixtures.create().message(FixtureKind.ACCETTAZIONE).build();
        try (PecMessage m = PecParser.create().parse(bytes)) {
            assertThat(m.signedLayout().signedContentDigest()).isEmpty();
        }
        try (PecMessage m = parser.parse(PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.UNSIGNED).build())) {
            assertThat(m.signedLayout().signedContentDigest()).isEmpty();
        }
        try (PecMessage m = parser.parse(PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.OPAQUE_SIGNATURE).build())) {
            assertThat(m.signedLayout().signedContentDigest()).isEmpty();
        }
    }
}
