package io.github.pec4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.ParseCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DaticertReaderQuietTest {
    static final String DATICERT = "<?xml version=\"1.0\" encoding=\"%s\"?><postacert tipo=\"accettazione\" errore=\"nessuno\">"
            + "<intestazione><mittente>a@pec.example.it</mittente><oggetto>%s</oggetto></intestazione>"
            + "<dati><gestore-emittente>G</gestore-emittente><data zona=\"+0100\"><giorno>15/03/2024</giorno><ora>10:15:30</ora></data>"
            + "<identificativo>opec-1</identificativo></dati></postacert>";

    @Test
    @Tag("SEC-EXC-01")
    @DisplayName("SEC-EXC-01 a daticert with a byte sequence invalid in its encoding is an error diagnostic, and nothing is printed on stderr")
    void malformedBytesAreQuiet() {
        byte[] xml = String.format(DATICERT, "UTF-8", "Prova X").getBytes(StandardCharsets.US_ASCII);
        int x = indexOf(xml, (byte) 'X');
        byte[] bad = Arrays.copyOf(xml, xml.length);
        bad[x] = (byte) 0xC3; // a lead byte followed by ASCII: invalid UTF-8
        DiagnosticList diags = new DiagnosticList(50);
        String err = stderrOf(() -> assertThat(DaticertReader.read(bad, "/2/1", diags)).isEmpty());
        assertThat(err).isEmpty();
        assertThat(diags.toList()).extracting(Diagnostic::code).contains(ParseCode.PEC_DATICERT_INVALID);
    }

    @Test
    @DisplayName("DC-ENC-01 the declared encoding is honoured: ISO-8859-1 bytes read as Latin-1, UTF-8 with a BOM as UTF-8")
    void declaredEncoding() {
        byte[] latin = String.format(DATICERT, "ISO-8859-1", "Città").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(DaticertReader.read(latin, "/2/1", new DiagnosticList(50)).orElseThrow().oggetto()).contains("Città");
        byte[] utf8 = String.format(DATICERT, "UTF-8", "Città").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertThat(DaticertReader.read(bom, "/2/1", new DiagnosticList(50)).orElseThrow().oggetto()).contains("Città");
    }

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) return i;
        }
        throw new AssertionError("not found");
    }
}
