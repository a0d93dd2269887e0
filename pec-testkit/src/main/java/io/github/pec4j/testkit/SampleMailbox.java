package io.github.pec4j.testkit;

import java.io.IOException;
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

    /** The messages of the sample mailbox by file name, in order. */
    public static Map<String, byte[]> messages(PecFixtures f) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        int n = 1;
        for (FixtureKind k : FixtureKind.values()) {
            m.put(String.format("%02d-%s.eml", n++, k.tipo()), f.message(k).build());
        }
        m.put(String.format("%02d-avvenuta-consegna-breve.eml", n++), f.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.BREVE).build());
        m.put(String.format("%02d-avvenuta-consegna-sintetica.eml", n++), f.message(FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.SINTETICA).build());
        m.put(String.format("%02d-avvenuta-consegna-cc.eml", n++), f.message(FixtureKind.AVVENUTA_CONSEGNA)
                .cc("ragioneria@pec.comune.esempio.it").deliveredTo("ragioneria@pec.comune.esempio.it").build());
        m.put(String.format("%02d-errore-consegna-virus.eml", n++), f.message(FixtureKind.ERRORE_CONSEGNA).virus().build());
        m.put(String.format("%02d-non-accettazione-virus.eml", n++), f.message(FixtureKind.NON_ACCETTAZIONE).virus().build());
        m.put(String.format("%02d-posta-certificata-esterno.eml", n++), f.message(FixtureKind.POSTA_CERTIFICATA)
                .esterno("cittadino@example.org").build());
        n = 20;
        for (Quirk q : Quirk.values()) {
            FixtureKind k = switch (q) {
                case ANOMALIA_WRAPPING_PEC -> FixtureKind.ANOMALIA;
                case NONSTANDARD_HEADER_VALUES -> FixtureKind.ERRORE_CONSEGNA;
                default -> FixtureKind.POSTA_CERTIFICATA;
            };
            if (q == Quirk.HOSTILE_DATICERT_XXE || q == Quirk.HOSTILE_DATICERT_ENTITY_BOMB || q == Quirk.PATH_TRAVERSAL_FILENAME) {
                continue; // written below as hostile-*.eml
            }
            m.put(String.format("%02d-quirk-%s.eml", n++, q.name().toLowerCase(Locale.ROOT).replace('_', '-')), f.message(k).quirk(q).build());
        }
        byte[] envelope = f.message(FixtureKind.POSTA_CERTIFICATA).attachment("Istanza_firmata.pdf", "application/pdf", 200_000L).build();
        m.put("hostile-truncated.eml", Hostile.truncated(envelope, envelope.length / 2));
        m.put("hostile-deep-nesting.eml", Hostile.deeplyNestedMultipart(3_000));
        m.put("hostile-xxe-daticert.eml", f.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_XXE).build());
        m.put("hostile-entity-bomb-daticert.eml", f.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.HOSTILE_DATICERT_ENTITY_BOMB).build());
        m.put("hostile-path-traversal.eml", f.message(FixtureKind.POSTA_CERTIFICATA).quirk(Quirk.PATH_TRAVERSAL_FILENAME).build());
        m.put("hostile-huge-header.eml", Hostile.hugeHeader(1_000_000));
        return m;
    }

    /** Writes the sample mailbox into {@code dir} (created if needed) and returns the files, in order. */
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
