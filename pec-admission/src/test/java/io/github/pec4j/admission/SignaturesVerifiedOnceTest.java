package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Attachment;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import io.github.pec4j.formats.FormatChecker;
import io.github.pec4j.formats.FormatPolicy;
import io.github.pec4j.formats.internal.DefaultFormatChecker;
import io.github.pec4j.signature.DocumentReport;
import io.github.pec4j.signature.DocumentVerifier;
import io.github.pec4j.signature.TrustStore;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.HostileCms;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.SignedDocuments;
import io.github.pec4j.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIG-ONCE-01: the admission verifies a signed attachment once. The format check verifies every signed container it
 * opens; the admission takes that report instead of verifying the attachment again, and it must be the very report
 * the admission's own verification gives, for every kind of signed file, well-formed or hostile, in memory or
 * spooled by the parser.
 */
@Tag("SIG-ONCE-01")
class SignaturesVerifiedOnceTest {
    private static final TestPki PKI = TestPki.shared();
    private static final TrustStore TRUST = TrustStore.builder().addCertificate(PKI.caCertificate()).build();
    private static final SignedDocuments SIGN = SignedDocuments.create();

    /** Signed files of every kind the format check opens as a signed container, and some it does not. */
    private static Map<String, byte[]> signedFiles() {
        byte[] pdf = Attachments.pdf();
        byte[] large = new byte[300_000]; // past the parser's in-memory limit: spooled, and read there by the check
        new Random(7).nextBytes(large);
        byte[] cades = SIGN.cades(pdf);
        byte[] tampered = cades.clone();
        int at = new String(tampered, StandardCharsets.ISO_8859_1).indexOf("%PDF-") + 20; // a byte of the signed PDF
        tampered[at] ^= 1;
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("istanza.pdf.p7m", cades);
        files.put("grande.bin.p7m", SIGN.cades(large));
        files.put("istanza-ber.pdf.p7m", SIGN.cadesBer(pdf));
        files.put("istanza-t.pdf.p7m", SIGN.cadesT(pdf));
        files.put("istanza-sha1.pdf.p7m", SIGN.cadesSha1(pdf));
        files.put("doppia.pdf.p7m.p7m", SIGN.cades(cades));
        files.put("base64.pdf.p7m", SignedDocuments.base64(cades));
        files.put("pem.pdf.p7m", SignedDocuments.pem(cades));
        files.put("alterata.pdf.p7m", tampered);
        files.put("marcata.pdf.m7m", SIGN.m7m(pdf));
        files.put("marcata.pdf.tsd", SIGN.tsd(pdf, "istanza.pdf", "application/pdf"));
        files.put("firmata.pdf", SIGN.pades());
        files.put("non-cms.p7m", "not a signature at all".getBytes(StandardCharsets.US_ASCII));
        files.put("troncata.p7m", Arrays.copyOf(cades, cades.length / 2));
        HostileCms.all().forEach((name, bytes) -> files.put("ostile-" + name + ".p7m", bytes));
        return files;
    }

    @Test
    @DisplayName("SIG-ONCE-01: the report the format check kept is the admission's own verification of the attachment, for every kind")
    void keptReportIsTheVerification() throws IOException {
        DocumentVerifier verifier = DocumentVerifier.create(TRUST);
        DefaultFormatChecker checker = new DefaultFormatChecker(FormatPolicy.caluso(), verifier);
        int kept = 0;
        for (Map.Entry<String, byte[]> file : signedFiles().entrySet()) {
            try (PecMessage m = parse(file.getKey(), file.getValue())) {
                DefaultFormatChecker.Checked checked = checker.checkKeepingSignatures(m);
                for (Attachment a : m.attachments()) {
                    DocumentReport report = checked.signatures().get(a.mimePath());
                    if (report == null) continue;
                    kept++;
                    assertThat(report).as(file.getKey()).isEqualTo(verifier.verify(a));
                }
            }
        }
        assertThat(kept).as("signed containers whose report was kept").isGreaterThanOrEqualTo(9);
    }

    @Test
    @DisplayName("SIG-ONCE-01: CAdES, BER, CAdES-T, nested, base64, PEM, altered and RFC 5544 files are verified by the check and not again")
    void theCommonKindsAreKept() throws IOException {
        DefaultFormatChecker checker = new DefaultFormatChecker(FormatPolicy.caluso(), DocumentVerifier.create(TRUST));
        for (String name : new String[] {"istanza.pdf.p7m", "grande.bin.p7m", "istanza-ber.pdf.p7m", "istanza-t.pdf.p7m", "doppia.pdf.p7m.p7m",
                "base64.pdf.p7m", "pem.pdf.p7m", "alterata.pdf.p7m", "marcata.pdf.tsd"}) {
            try (PecMessage m = parse(name, signedFiles().get(name))) {
                Attachment signed = m.attachments().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
                Map<String, DocumentReport> kept = checker.checkKeepingSignatures(m).signatures();
                assertThat(kept).as(name).containsKey(signed.mimePath());
                assertThat(kept.get(signed.mimePath()).integrity()).as(name)
                        .isEqualTo(name.startsWith("alterata") ? io.github.pec4j.signature.Integrity.INVALID : io.github.pec4j.signature.Integrity.VALID);
            }
        }
    }

    @Test
    @DisplayName("SIG-ONCE-01: the check's findings do not depend on the verifier it is given (only a signature's integrity is a finding)")
    void findingsDoNotDependOnTheTrust() throws IOException {
        DefaultFormatChecker trusted = new DefaultFormatChecker(FormatPolicy.caluso(), DocumentVerifier.create(TRUST));
        FormatChecker plain = FormatChecker.create(FormatPolicy.caluso());
        for (Map.Entry<String, byte[]> file : signedFiles().entrySet()) {
            try (PecMessage m = parse(file.getKey(), file.getValue())) {
                assertThat(trusted.checkKeepingSignatures(m).files()).as(file.getKey()).isEqualTo(plain.check(m));
            }
        }
    }

    @Test
    @DisplayName("SIG-ONCE-01: the admission's signature facts for a signed istanza are those of the signer, trusted, covering the file")
    void admissionUsesTheKeptReport() throws IOException {
        PecAdmission admission = PecAdmission.builder(AooConfig.defaults()).trust(TRUST).build();
        try (PecMessage m = parse("istanza.pdf.p7m", signedFiles().get("istanza.pdf.p7m"))) {
            Evidence e = admission.evidence(m, java.util.Optional.empty(), java.util.Optional.empty());
            DocumentReport own = DocumentVerifier.create(TRUST).verify(m.attachments().stream()
                    .filter(a -> a.name().equals("istanza.pdf.p7m")).findFirst().orElseThrow());
            assertThat(e.signatures()).hasSize(own.layers().stream().mapToInt(l -> l.signers().size()).sum());
            assertThat(e.signatures()).allSatisfy(s -> assertThat(s.valid()).isTrue());
        }
    }

    @Test
    @DisplayName("SIG-ONCE-01: admitting a message with a .p7m makes no copy of it to verify it again (the verification's own copy is watched for)")
    void admissionDoesNotVerifyAgain() throws IOException, InterruptedException {
        PecAdmission admission = PecAdmission.builder(AooConfig.defaults()).trust(TRUST).build();
        try (PecMessage m = parse("istanza.pdf.p7m", signedFiles().get("istanza.pdf.p7m"))) {
            Attachment p7m = m.attachments().stream().filter(a -> a.name().equals("istanza.pdf.p7m")).findFirst().orElseThrow();
            assertThat(copiesMadeBy(() -> DocumentVerifier.create(TRUST).verify(p7m))).as("a verification of its own copies the attachment")
                    .isPositive();
            assertThat(copiesMadeBy(() -> admission.evidence(m, java.util.Optional.empty(), java.util.Optional.empty())))
                    .as("the admission takes the format check's report").isZero();
        }
    }

    @Test
    @DisplayName("SIG-ONCE-01: a signed file the check could not read (truncated, not CMS, Bouncy Castle failing) is verified by the admission, and never counts as signed")
    void unreadableFilesAreVerifiedByTheAdmission() throws IOException, InterruptedException {
        PecAdmission admission = PecAdmission.builder(AooConfig.defaults()).trust(TRUST).build();
        DefaultFormatChecker checker = new DefaultFormatChecker(FormatPolicy.caluso(), DocumentVerifier.create(TRUST));
        for (String name : new String[] {"troncata.p7m", "non-cms.p7m", "ostile-nulls-in-signed-data.p7m", "ostile-nested-sets.p7m"}) {
            byte[] bytes = signedFiles().get(name);
            try (PecMessage m = parse(name, bytes)) {
                Attachment a = m.attachments().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                assertThat(checker.checkKeepingSignatures(m).signatures()).as(name).doesNotContainKey(a.mimePath());
                Evidence[] e = new Evidence[1];
                assertThat(copiesMadeBy(() -> e[0] = admission.evidence(m, java.util.Optional.empty(), java.util.Optional.empty())))
                        .as(name + ": verified by the admission itself").isPositive();
                assertThat(e[0].signatures()).as(name).noneMatch(Evidence.SignatureFact::valid);
            }
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /** The files named like {@code DocumentVerifier.verify(Attachment)}'s copy made in the temporary folder while {@code step} runs. */
    private static long copiesMadeBy(Step step) throws IOException, InterruptedException {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        try (java.nio.file.WatchService watch = tmp.getFileSystem().newWatchService()) {
            tmp.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            step.run();
            // the watch service's own thread hands events over in batches: gather them until none comes for 100 ms
            long copies = 0;
            for (java.nio.file.WatchKey key = watch.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS); key != null;
                    key = watch.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                copies += key.pollEvents().stream().filter(e -> String.valueOf(e.context()).startsWith("pec4j-attachment-")).count();
                key.reset();
            }
            return copies;
        }
    }

    private static PecMessage parse(String name, byte[] content) throws IOException {
        MessageBuilder b = PecFixtures.create().message(FixtureKind.POSTA_CERTIFICATA).noAttachments()
                .attachment(name, name.endsWith(".pdf") ? "application/pdf" : "application/pkcs7-mime", content);
        return PecParser.create().parse(b.build());
    }
}
