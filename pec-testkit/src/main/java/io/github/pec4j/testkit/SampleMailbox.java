package io.github.pec4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sample PEC mailbox on disk: one {@code .eml} per message kind, receipt variant and quirk, plus
 * hostile files. Deterministic: the same files, byte for byte, on every run.
 */
public final class SampleMailbox {
    private SampleMailbox() {}

    /**
     * The messages of the sample mailbox by file name, in order: {@code NN-<kind>.eml} for every
     * {@link FixtureKind} (01..10, the consegna being completa), receipt and recipient variants (11..16), {@code NN-quirk-<quirk>.eml} for every
     * {@link Quirk} (from 20), then the {@code hostile-*.eml} files, then {@code forged-*.eml}: a receipt signed
     * by an untrusted signer, an envelope changed after signing, and a receipt whose unsigned header
     * contradicts its signed daticert.
     *
     * @param f the fixtures to build the messages with
     * @return the messages of the sample mailbox by file name, in order: {@code NN-<kind>.eml} for every {@link
     *     FixtureKind} (01..10, the consegna being completa), receipt and recipient variants (11..16), {@code
     *     NN-quirk-<quirk>.eml} for every {@link Quirk} (from 20), then the {@code hostile-*.eml} files, then {@code
     *     forged-*.eml}: a receipt signed by an untrusted signer, an envelope changed after signing, and a receipt
     *     whose unsigned header contradicts its signed daticert
     */
    public static Map<String, byte[]> messages(PecFixtures f) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        int n = 1;
        for (FixtureKind k : FixtureKind.values()) {
            m.put(name(n++, k.tipo()), f.message(k).build());
        }
        m.put(name(n++, "avvenuta-consegna-breve"), f.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.BREVE).build());
        m.put(name(n++, "avvenuta-consegna-sintetica"), f.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.SINTETICA).build());
        m.put(name(n++, "avvenuta-consegna-cc"), f.message(FixtureKind.AVVENUTA_CONSEGNA)
                .cc("ragioneria@pec.comune.esempio.it").deliveredTo("ragioneria@pec.comune.esempio.it").build());
        m.put(name(n++, "errore-consegna-virus"), f.message(FixtureKind.ERRORE_CONSEGNA).virus().build());
        m.put(name(n++, "non-accettazione-virus"), f.message(FixtureKind.NON_ACCETTAZIONE).virus().build());
        m.put(name(n++, "posta-certificata-esterno"), f.message(FixtureKind.POSTA_CERTIFICATA)
                .esterno("cittadino@example.org").clientMessageId(ownId("posta-certificata-esterno")).build());
        n = 20;
        for (Quirk q : Quirk.values()) {
            FixtureKind k = switch (q) {
                case ANOMALIA_WRAPPING_PEC -> FixtureKind.ANOMALIA;
                case NONSTANDARD_HEADER_VALUES -> FixtureKind.ERRORE_CONSEGNA;
                default -> FixtureKind.POSTA_CERTIFICATA;
            };
            // Each quirk is a message of its own (its own client Message-ID), as in a real mailbox;
            // the receipts above all refer to the one message of 01-posta-certificata.
            String what = "quirk-" + q.name().toLowerCase(Locale.ROOT).replace('_', '-');
            MessageBuilder b = f.message(k).quirk(q);
            m.put(name(n++, what), (k == FixtureKind.POSTA_CERTIFICATA ? b.clientMessageId(ownId(what)) : b).build());
        }
        byte[] envelope = f.message(FixtureKind.POSTA_CERTIFICATA).attachment("Istanza_firmata.pdf", "application/pdf", 200_000L).build();
        m.put("hostile-truncated.eml", Hostile.truncated(envelope, envelope.length / 2));
        m.put("hostile-deep-nesting.eml", Hostile.deeplyNestedMultipart(3_000));
        m.put("hostile-xxe-daticert.eml", f.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_XXE).build());
        m.put("hostile-entity-bomb-daticert.eml", f.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_ENTITY_BOMB).build());
        m.put("hostile-path-traversal.eml", f.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.PATH_TRAVERSAL_FILENAME).build());
        m.put("hostile-huge-header.eml", Hostile.hugeHeader(1_000_000));
        TestPki pki = f.pki();
        m.put("forged-receipt-untrusted-signer.eml",
                f.message(FixtureKind.AVVENUTA_CONSEGNA).signedBy(pki.otherCertificate(), pki.otherKey()).build());
        String envelope2 = new String(f.message(FixtureKind.POSTA_CERTIFICATA).build(), StandardCharsets.ISO_8859_1);
        m.put("forged-envelope-modified-after-signing.eml",
                envelope2.replace("Cordiali saluti", "Cordiali salute").getBytes(StandardCharsets.ISO_8859_1));
        String receipt = new String(f.message(FixtureKind.ERRORE_CONSEGNA).build(), StandardCharsets.ISO_8859_1);
        m.put("forged-header-accettazione-daticert-errore.eml", receipt.replace("X-Ricevuta: errore-consegna", "X-Ricevuta: accettazione")
                .replace("Subject: AVVISO DI MANCATA CONSEGNA: ", "Subject: ACCETTAZIONE: ").getBytes(StandardCharsets.ISO_8859_1));
        return m;
    }

    private static String ownId(String what) {
        return "20250314.sample-" + what + "@client.comune.esempio.it";
    }

    private static String name(int n, String what) {
        return String.format(Locale.ROOT, "%02d-%s.eml", n, what);
    }

    /**
     * Writes the sample mailbox into {@code dir} (created if needed) and returns the files, in order.
     *
     * @param dir the directory to write into
     * @return the files written, in order
     * @throws IOException when a file cannot be written
     */
    public static List<Path> generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : messages(PecFixtures.create()).entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.write(file, e.getValue());
            files.add(file);
        }
        return List.copyOf(files);
    }
}
