package io.github.pec4j.segnatura;

import static io.github.pec4j.segnatura.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.signature.TrustStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Hostile and broken XML through every reading entry point: a value or the documented
 * {@link SegnaturaException}, never an unchecked exception, and nothing printed on System.err (the JDK's
 * parser prints {@code [Fatal Error]} there when a DocumentBuilder has no error handler).
 */
@Isolated // replaces System.err
class QuietHostileInputTest {
    private static final String PROT = "http://www.agid.gov.it/protocollo/";

    static List<byte[]> hostile() {
        List<byte[]> all = new ArrayList<>();
        byte[] sealed = Fixtures.sealed();
        for (int cut = 1; cut < sealed.length; cut += Math.max(1, sealed.length / 97)) {
            all.add(Arrays.copyOf(sealed, cut)); // a sealed segnatura cut short, about a hundred ways
        }
        byte[] legacy = bytes(LegacySamples.C28);
        for (int cut = 1; cut < legacy.length; cut += Math.max(1, legacy.length / 53)) {
            all.add(Arrays.copyOf(legacy, cut)); // the DOM path of 28/2001, cut short
        }
        all.add(bytes(LegacySamples.C28.replace("</Segnatura>", "</Segnatura><Segnatura/>")));
        all.add(bytes(LegacySamples.C28.replace("<Segnatura ", "<Segnatura a=\"1\" a=\"2\" ")));
        all.add(bytes(LegacySamples.C28.replace("<Segnatura ", "<Segnatura " + "<".repeat(3))));
        all.add(bytes("<prot:SegnaturaInformatica xmlns:prot=\"" + PROT + "\">" + "<x>".repeat(10_000) + "</prot:SegnaturaInformatica>"));
        all.add(bytes("<Segnatura>" + "<Intestazione>".repeat(10_000)));
        all.add(bytes(Fixtures.text(sealed).replace("ds:SignatureValue", "ds:SignatureValu")));
        all.add(bytes(Fixtures.text(sealed).replace("Algorithm=\"", "Algorithm=\"urn:x-")));
        all.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 0, 0, '<'});
        all.add(new byte[0]);
        return all;
    }

    @Test
    @DisplayName("SEC-EXC-01 hostile XML: read, detect and verify give a value or a SegnaturaException, and System.err stays empty")
    void quietAndTyped() {
        SegnaturaVerifier verifier = SegnaturaVerifier.create(TrustStore.builder().addCertificate(Fixtures.pki().ca()).build())
                .withClock(Fixtures.CLOCK);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int refused = 0;
        try {
            for (byte[] xml : hostile()) {
                try {
                    SegnaturaReader.create().read(xml);
                } catch (SegnaturaException e) {
                    refused++;
                }
                try {
                    InteropMessages.read(xml);
                } catch (SegnaturaException e) {
                    assertThat(e.diagnostics()).isNotEmpty();
                }
                InteropMessages.detect(xml);
                SegnaturaCheck check = verifier.verify(xml, Fixtures.files());
                assertThat(check.anomalies()).isNotEmpty(); // none of them is a verified segnatura
            }
        } finally {
            System.setErr(original);
        }
        assertThat(refused).isGreaterThan(100);
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
