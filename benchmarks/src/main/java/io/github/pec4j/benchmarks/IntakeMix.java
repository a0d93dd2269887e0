package io.github.pec4j.benchmarks;

import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.ReceiptType;
import io.github.pec4j.testkit.SignedDocuments;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The realistic mix {@link IntakeBenchmark} takes in, built by the testkit, {@value #SIZE} messages: four
 * citizens' envelopes with a PDF of 100 KB, 250 KB, 500 KB and 1 MB (real PDFs as office suites write them:
 * pages of text and a scanned image, classic cross-reference table, the 250 KB one with object streams), two
 * with a signed {@code .p7m} (CAdES over a 120 KB PDF), the receipts of every kind (accettazione, consegna completa and breve, errore di
 * consegna, non accettazione, presa in carico, preavviso, rilevazione virus), an anomalia and an ordinary
 * mail ({@code testkit}, ≈ 340 KB a message on average).
 *
 * <p>The {@code issue} kind is the mix issue 15 measured "today" on (≈ 66 KB a message): envelopes with a 100 KB
 * PDF, citizens' envelopes with a small signed {@code .pdf.p7m} (a 20 KB PDF), accettazioni and avvenute consegne in the
 * issue's proportions 2 : 1 : 2, scaled to {@value #SIZE} a round (6 : 3 : 4 + 3). Every message is new (its own
 * identificativo and Message-ID), so none is a duplicate.
 */
final class IntakeMix {
    static final int SIZE = 16;
    private static final int[] PDF_SIZES = {100_000, 250_000, 500_000, 1_000_000};
    /** The 250 KB one is written with object streams and a cross-reference stream (PDF 1.5), as some suites do. */
    private static final boolean[] OBJECT_STREAMS = {false, true, false, false};
    private static final FixtureKind[] RECEIPTS = {FixtureKind.ACCETTAZIONE, FixtureKind.AVVENUTA_CONSEGNA, FixtureKind.AVVENUTA_CONSEGNA,
        FixtureKind.ERRORE_CONSEGNA, FixtureKind.NON_ACCETTAZIONE, FixtureKind.PRESA_IN_CARICO, FixtureKind.PREAVVISO_ERRORE_CONSEGNA,
        FixtureKind.RILEVAZIONE_VIRUS};

    /** One message of the mix, and for a receipt the Message-ID of the sent message it is about. */
    record Item(byte[] raw, FixtureKind kind, String sentMessageId) {}

    private final PecFixtures fixtures = PecFixtures.create();
    private final SignedDocuments signer = SignedDocuments.create();
    private final byte[] p7m;
    private final byte[][] pdfs = new byte[PDF_SIZES.length][];

    private final boolean issue;
    private final byte[] smallP7m;

    /** The mix of that kind: {@code testkit} or {@code issue}. */
    IntakeMix(String kind) {
        if (!kind.equals("testkit") && !kind.equals("issue")) throw new IllegalArgumentException("mix: testkit or issue, not " + kind);
        issue = kind.equals("issue");
        try {
            // a real small PDF, with its cross-reference table: the testkit's minimal PDF has none, and PDFBox rebuilt it every time
            smallP7m = signer.cades(FormatCheckBenchmark.realPdf(20_000, 9, false));
            for (int i = 0; i < PDF_SIZES.length; i++) {
                pdfs[i] = FormatCheckBenchmark.realPdf(PDF_SIZES[i], i, OBJECT_STREAMS[i]);
            }
            p7m = signer.cades(FormatCheckBenchmark.realPdf(120_000, 7, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mix's messages for round {@code n}, addressed to {@code box}. */
    List<Item> round(long n, String box) {
        return issue ? issueRound(n, box) : testkitRound(n, box);
    }

    private List<Item> issueRound(long n, String box) {
        List<Item> out = new ArrayList<>(SIZE);
        for (int i = 0; i < 6; i++) {
            out.add(envelope(n + "-" + i, box, "istanza-" + n + "-" + i + ".pdf", "application/pdf", pdfs[0]));
        }
        for (int i = 0; i < 3; i++) {
            out.add(envelope(n + "-p" + i, box, "istanza-" + n + "-p" + i + ".pdf.p7m", "application/pkcs7-mime", smallP7m));
        }
        for (int i = 0; i < 7; i++) {
            FixtureKind kind = i < 4 ? FixtureKind.ACCETTAZIONE : FixtureKind.AVVENUTA_CONSEGNA;
            String sent = "sent-" + n + "-" + i + "@client.comune.esempio.it";
            out.add(new Item(fixtures.message(kind).from(box).clientMessageId(sent).identificativo("opec-rcpt-" + n + "-" + i + "@pec.testpec.it")
                    .deliveredTo("ufficio.tributi@pec.regione.esempio.it").build(), kind, sent));
        }
        return out;
    }

    private Item envelope(String id, String box, String name, String type, byte[] content) {
        return new Item(fixtures.message(FixtureKind.POSTA_CERTIFICATA).from("cittadino-" + id + "@pec.example.it").to(box)
                .identificativo("opec-bench-" + id + "@pec.testpec.it").clientMessageId("bench-" + id + "@pec.example.it").subject("Istanza n. " + id)
                .attachment(name, type, content).build(), FixtureKind.POSTA_CERTIFICATA, "");
    }

    private List<Item> testkitRound(long n, String box) {
        List<Item> out = new ArrayList<>(SIZE);
        for (int i = 0; i < PDF_SIZES.length; i++) {
            String id = n + "-" + i;
            out.add(new Item(fixtures.message(FixtureKind.POSTA_CERTIFICATA).from("cittadino" + i + "@pec.example.it").to(box)
                    .identificativo("opec-bench-" + id + "@pec.testpec.it").clientMessageId("bench-" + id + "@pec.example.it").subject("Istanza n. " + id)
                    .attachment("istanza-" + id + ".pdf", "application/pdf", pdfs[i]).build(), FixtureKind.POSTA_CERTIFICATA, ""));
        }
        for (int i = 0; i < 2; i++) {
            String id = n + "-p" + i;
            out.add(new Item(fixtures.message(FixtureKind.POSTA_CERTIFICATA).from("impresa" + i + "@pec.example.it").to(box)
                    .identificativo("opec-bench-" + id + "@pec.testpec.it").clientMessageId("bench-" + id + "@pec.example.it").subject("Domanda firmata n. " + id)
                    .attachment("domanda-" + id + ".pdf.p7m", "application/pkcs7-mime", p7m).build(), FixtureKind.POSTA_CERTIFICATA, ""));
        }
        for (int i = 0; i < RECEIPTS.length; i++) {
            String sent = "sent-" + n + "-" + i + "@client.comune.esempio.it";
            var b = fixtures.message(RECEIPTS[i]).from(box).clientMessageId(sent).identificativo("opec-rcpt-" + n + "-" + i + "@pec.testpec.it")
                    .deliveredTo("ufficio.tributi@pec.regione.esempio.it");
            if (i == 2) b.receiptType(ReceiptType.BREVE);
            out.add(new Item(b.build(), RECEIPTS[i], sent));
        }
        out.add(new Item(fixtures.message(FixtureKind.ANOMALIA).to(box).subject("Segnalazione n. " + n).build(), FixtureKind.ANOMALIA, ""));
        out.add(new Item(fixtures.message(FixtureKind.NON_PEC).from("mario.rossi" + n + "@example.org").to(box).subject("Richiesta n. " + n)
                .clientMessageId("ordinary-" + n + "@example.org").build(), FixtureKind.NON_PEC, ""));
        return out;
    }
}
