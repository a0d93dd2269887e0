package io.github.pec4j.admission;

import static io.github.pec4j.testkit.AdmissionScenarios.AOO_BOX;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.admission.AdmissionDecision.RegistrationOutcome;
import io.github.pec4j.core.GapKind;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.signature.Integrity;
import io.github.pec4j.signature.ProviderSignatureReport;
import io.github.pec4j.signature.ProviderSignatureVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileEnvelopes;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fail closed in admission: unread content, a refused daticert or segnatura never admit a message by themselves. */
class FailClosedAdmissionTest {
    static TrustStore trust;
    static final AooConfig AOO = AooConfig.defaults().withMailboxes(AOO_BOX);
    static final HostileEnvelopes HOSTILE = HostileEnvelopes.create();

    @BeforeAll
    static void trustTheTestCa(@TempDir Path dir) throws IOException {
        Path ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        trust = TrustStore.builder().addPem(ca).build();
    }

    static AdmissionDecision admit(byte[] message, IntakeHistory history) throws IOException {
        PecAdmission admission = PecAdmission.builder(AOO).trust(trust).history(history).build();
        try (PecMessage m = PecParser.create().withSignedContentDigest().parse(message)) {
            return admission.admit(m);
        }
    }

    static boolean genuine(byte[] message) throws IOException {
        try (PecMessage m = PecParser.create().withSignedContentDigest().parse(message)) {
            return ProviderSignatureVerifier.create(trust).verify(m).isGenuine();
        }
    }

    private static void assertNeedsOperator(AdmissionDecision d, GapKind kind) {
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.NEEDS_OPERATOR);
        assertThat(d.registration().reasons()).extracting(Reason::rule).first().isEqualTo("REG-INCOMPLETE");
        assertThat(d.registration().reasons().get(0).message()).contains(kind.name());
        assertThat(d.registration().reasons().get(0).messaggio()).contains("non è stato letto per intero");
        assertThat(d.receivability().receivable()).isFalse();
        assertThat(d.receivability().outcome()).isNotEqualTo("receivable");
    }

    @Test
    @DisplayName("SEC-CLOSED-03 a genuinely signed envelope hiding fattura.exe 30 levels deep needs an operator: not receivable, not registered")
    void deep() throws IOException {
        byte[] message = HOSTILE.exeNested(30);
        assertThat(genuine(message)).as("the provider signature is genuine").isTrue();
        AdmissionDecision d = admit(message, IntakeHistory.NONE);
        assertNeedsOperator(d, GapKind.MIME_DEPTH);
        assertThat(d.receivability().outcome()).isEqualTo(AdmissionDecision.ReceivabilityDecision.NEEDS_OPERATOR);
        assertThat(d.receivability().reasons()).extracting(Reason::rule).containsExactly("RIC-INCOMPLETE");
    }

    @Test
    @DisplayName("SEC-CLOSED-03 behind 290 KB of junk headers or an encoded-word flood: genuine, yet an operator decides")
    void headers() throws IOException {
        byte[] junk = HOSTILE.exeBehindJunkHeaders(290_000);
        assertThat(genuine(junk)).isTrue();
        assertNeedsOperator(admit(junk, IntakeHistory.NONE), GapKind.HEADER_BYTES);
        byte[] flood = HOSTILE.exeBehindEncodedWords(15_000);
        assertThat(genuine(flood)).isTrue();
        assertNeedsOperator(admit(flood, IntakeHistory.NONE), GapKind.ENCODED_WORDS);
    }

    @Test
    @DisplayName("SEC-CLOSED-03 fattura.exe after 2,100 parts needs an operator")
    void manyParts() throws IOException {
        assertNeedsOperator(admit(HOSTILE.exeAfterParts(2_100), IntakeHistory.NONE), GapKind.PART_COUNT);
    }

    @Test
    @DisplayName("SEC-CLOSED-03 below the limits the same envelope is decided by the rules: fattura.exe makes it not receivable")
    void belowTheLimits() throws IOException {
        AdmissionDecision d = admit(HOSTILE.exeNested(5), IntakeHistory.NONE);
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        // the sender is no administration: refused without an Allegato 6 code (those answer another AOO)
        assertThat(d.receivability().outcome()).isEqualTo("not-receivable");
    }

    @Test
    @DisplayName("SEC-CLOSED-06 a PDF whose structure no parser can read is not known to be clean: an operator decides, where the same envelope with a whole PDF is receivable")
    void unreadablePdfStructure() throws IOException {
        byte[] broken = new byte[2_345]; // a PDF header, then noise: what the testkit's default attachment was
        new java.util.Random(7).nextBytes(broken);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, broken, 0, header.length);
        AdmissionDecision d = admit(citizenWith(broken), IntakeHistory.NONE);
        assertThat(d.receivability().outcome()).isEqualTo(AdmissionDecision.ReceivabilityDecision.NEEDS_OPERATOR);
        assertThat(d.receivability().receivable()).isFalse();
        assertThat(d.receivability().reasons()).extracting(Reason::rule).containsExactly("RIC-INCOMPLETE");
        assertThat(d.receivability().reasons().get(0).message()).contains("istanza.pdf").contains("PDF structure unreadable");

        AdmissionDecision whole = admit(citizenWith(io.github.pec4j.testkit.Attachments.pdf()), IntakeHistory.NONE);
        assertThat(whole.receivability().receivable()).isTrue();
    }

    @Test
    @DisplayName("SEC-CLOSED-08 a message the parser failed on (PARSE_FAILED) needs an operator: neither registered, nor refused, nor answered")
    void parserDefect() throws IOException {
        byte[] message = citizenWith(new byte[300 * 1024]); // large enough to be spooled through the store
        PecAdmission admission = PecAdmission.builder(AOO).trust(trust).history(IntakeHistory.NONE).build();
        io.github.pec4j.core.content.ContentStore defective = hint -> {
            throw new IllegalStateException("a defect");
        };
        try (PecMessage m = PecParser.create(io.github.pec4j.core.ParserLimits.DEFAULTS, defective).withSignedContentDigest().parse(message)) {
            assertThat(m.diagnostics(io.github.pec4j.core.ParseCode.PARSE_FAILED)).hasSize(1);
            assertNeedsOperator(admission.admit(m), GapKind.PARSE_FAILED);
        }
    }

    private static byte[] citizenWith(byte[] pdf) {
        return PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from(AdmissionScenarios.CITIZEN_DOMICILE).to(AOO_BOX)
                .noAttachments().attachment("istanza.pdf", "application/pdf", pdf).build();
    }

    @Test
    @DisplayName("SEC-CLOSED-03 an envelope whose daticert was refused is never auto-registered, even when an earlier registration has its key")
    void refusedDaticert() throws IOException {
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from(AdmissionScenarios.CITIZEN_DOMICILE).to(AOO_BOX)
                .quirk(Quirk.HOSTILE_DATICERT_XXE).build();
        AdmissionDecision d = admit(message, key -> Optional.of("c_esempio/AOO_CENTRALE/2024/0000001"));
        assertNeedsOperator(d, GapKind.DATICERT_REFUSED);
        assertThat(d.registration().reasons()).extracting(Reason::rule).containsExactly("REG-INCOMPLETE", "REG-DUPLICATE");
        assertThat(d.registration().existing()).contains("c_esempio/AOO_CENTRALE/2024/0000001");
    }

    @Test
    @DisplayName("SEC-CLOSED-04 a Segnatura.xml refused as hostile is reported: 000_Irricevibile with the reason, and an operator registers")
    void hostileSegnatura() throws IOException {
        byte[] xxe = ("<?xml version=\"1.0\"?>\n<!DOCTYPE Segnatura [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<Segnatura xmlns=\"http://www.digitPA.gov.it/protocollo/\"><Intestazione>&x;</Intestazione></Segnatura>\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] message = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).from(AdmissionScenarios.PA_SENDER).to(AOO_BOX)
                .noAttachments().attachment("delibera.pdf", "application/pdf", io.github.pec4j.testkit.Attachments.pdf())
                .attachment("Segnatura.xml", "application/xml", xxe).build();
        AdmissionDecision d = admit(message, IntakeHistory.NONE);
        assertThat(d.receivability().outcome()).isEqualTo("000_Irricevibile");
        assertThat(d.receivability().reasons()).extracting(Reason::rule).containsExactly("RIC-SEG-UNREADABLE");
        assertThat(d.receivability().reasons().get(0).message()).contains("Segnatura.xml");
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.NEEDS_OPERATOR);
        assertThat(d.registration().reasons()).extracting(Reason::rule).containsExactly("REG-SEG-UNREADABLE");
    }

    @Test
    @DisplayName("SEC-CLOSED-05 two envelopes with equal Message-IDs but different signed identificativo get different intake keys")
    void intakeKeyOnSignedFacts() throws IOException {
        byte[] first = HOSTILE.withIds("same@pec.example.it", "opec-1@pec.provider.example.it", "client-1@client.example.it", "primo");
        byte[] second = HOSTILE.withIds("same@pec.example.it", "opec-2@pec.provider.example.it", "client-1@client.example.it", "secondo");
        byte[] again = HOSTILE.withIds("other@pec.example.it", "opec-1@pec.provider.example.it", "client-1@client.example.it", "primo");
        IdempotencyKey k1 = key(first);
        IdempotencyKey k2 = key(second);
        assertThat(k1).isNotEqualTo(k2);
        assertThat(key(again)).as("the same signed envelope with another unsigned Message-ID is the same message").isEqualTo(k1);
        // An honest envelope (Message-ID = identificativo, msgid = X-Riferimento) keeps the key it had before.
        byte[] honest = HOSTILE.withIds("opec-1@pec.provider.example.it", "opec-1@pec.provider.example.it", "client-1@client.example.it", "primo");
        assertThat(key(honest)).isEqualTo(IdempotencyKey.forMessage(AOO_BOX, "opec-1@pec.provider.example.it", "client-1@client.example.it"));
        // Without a daticert, the key stays on the Message-ID and X-Riferimento-Message-ID, in their own namespace.
        byte[] plain = PecFixtures.create().message(FixtureKind.NON_PEC).clientMessageId("peo-1@example.org").build();
        assertThat(key(plain)).isEqualTo(IdempotencyKey.forUnsignedMessage(AOO_BOX, "peo-1@example.org", ""));
    }

    @Test
    @Tag("SEC-CLOSED-09")
    @DisplayName("SEC-CLOSED-09 ordinary mail copying a PEC's identifiers, in its headers or with its daticert, never gets that PEC's intake key")
    void unsignedIdsNeverTakeASignedKey() throws IOException {
        byte[] pec = HOSTILE.withIds("opec-1@pec.provider.example.it", "opec-1@pec.provider.example.it", "client-1@client.example.it", "primo");
        byte[] lookalike = ("From: posta-certificata@pec.provider.example.it\r\nTo: " + AOO_BOX + "\r\nSubject: POSTA CERTIFICATA: primo\r\n"
                + "Message-ID: <opec-1@pec.provider.example.it>\r\nX-Riferimento-Message-ID: <client-1@client.example.it>\r\n\r\ntesto\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(key(lookalike)).isNotEqualTo(key(pec))
                .isEqualTo(IdempotencyKey.forUnsignedMessage(AOO_BOX, "opec-1@pec.provider.example.it", "client-1@client.example.it"));
        // The envelope itself without X-Trasporto: ordinary mail carrying a daticert, which nothing verifies.
        byte[] unclassified = new String(pec, StandardCharsets.ISO_8859_1).replace("X-Trasporto: posta-certificata\r\n", "")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (PecMessage m = PecParser.create().parse(unclassified)) {
            assertThat(m.kind()).isEqualTo(io.github.pec4j.core.PecKind.NON_PEC);
            assertThat(m.correlation().identificativo()).contains("opec-1@pec.provider.example.it");
        }
        assertThat(key(unclassified)).isNotEqualTo(key(pec)).satisfies(k -> assertThat(k.value()).startsWith("hdr:"));
    }

    @Test
    @Tag("SEC-CLOSED-10")
    @DisplayName("SEC-CLOSED-10 a genuine envelope relabelled X-Trasporto: errore (outside the signature) needs an operator and never takes the envelope's key")
    void relabelledAsAnomalia() throws IOException {
        byte[] pec = HOSTILE.withIds("opec-2@pec.provider.example.it", "opec-2@pec.provider.example.it", "client-2@client.example.it", "secondo");
        byte[] relabelled = new String(pec, StandardCharsets.ISO_8859_1).replace("X-Trasporto: posta-certificata", "X-Trasporto: errore")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (PecMessage m = PecParser.create().withSignedContentDigest().parse(relabelled)) {
            ProviderSignatureReport r = ProviderSignatureVerifier.create(trust).verify(m);
            assertThat(r.integrity()).as("the signature still holds: the header is outside it").isEqualTo(Integrity.VALID);
            assertThat(r.isGenuine()).as("but the headers contradict what it signs").isFalse();
        }
        assertThat(admit(pec, IntakeHistory.NONE).registration().outcome()).isEqualTo(RegistrationOutcome.REGISTER);
        AdmissionDecision d = admit(relabelled, IntakeHistory.NONE);
        assertThat(d.registration().outcome()).isEqualTo(RegistrationOutcome.NEEDS_OPERATOR);
        assertThat(d.registration().reasons()).extracting(Reason::rule).containsExactly("REG-KIND-CONFLICT");
        assertThat(d.registration().reasons().get(0).messaggio()).contains("alterato in transito", "posta-certificata");
        assertThat(d.receivability().reasons()).extracting(Reason::rule).containsExactly("RIC-KIND-CONFLICT");
        assertThat(d.receivability().receivable()).isFalse();
        assertThat(key(relabelled)).isNotEqualTo(key(pec)).satisfies(k -> assertThat(k.value()).startsWith("hdr:"));
    }

    private static IdempotencyKey key(byte[] message) {
        try (PecMessage m = PecParser.create().parse(message)) {
            return PecAdmission.intakeKey(AOO_BOX, m).orElseThrow();
        }
    }
}
