package io.github.pec4j.segnatura;

import static io.github.pec4j.segnatura.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.signature.TrustStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hostile XML is refused with a typed error ({@link SegnaturaException}), quickly, without any network access. */
class HostileXmlTest {
    private static final String PROT = "http://www.agid.gov.it/protocollo/";
    private final SegnaturaReader reader = SegnaturaReader.create();

    private void refused(String xml, SegnaturaCode code) {
        assertThatThrownBy(() -> reader.read(bytes(xml))).isInstanceOfSatisfying(SegnaturaException.class,
                e -> assertThat(e.code()).isEqualTo(code));
        assertThatThrownBy(() -> InteropMessages.read(bytes(xml))).isInstanceOf(SegnaturaException.class);
        assertThat(InteropMessages.detect(bytes(xml))).isEmpty();
    }

    @Test
    @DisplayName("SEC-XXE-01 an external entity naming a local file is refused and the file never read")
    void xxe() {
        refused("<?xml version=\"1.0\"?><!DOCTYPE prot:SegnaturaInformatica [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<prot:SegnaturaInformatica xmlns:prot=\"" + PROT + "\"><prot:Intestazione>&xxe;</prot:Intestazione>"
                + "</prot:SegnaturaInformatica>", SegnaturaCode.SEG_DOCTYPE_REFUSED);
        // the same DOCTYPE in front of a legacy root is refused too: only an external-only DOCTYPE is tolerated there
        refused("<!DOCTYPE Segnatura [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><Segnatura>&xxe;</Segnatura>",
                SegnaturaCode.SEG_DOCTYPE_REFUSED);
    }

    @Test
    @DisplayName("SEC-XXE-02 a billion-laughs bomb is refused in milliseconds, without relying on the JDK's expansion limit")
    void billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE Segnatura [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = dtd + "]><Segnatura>&lol9;</Segnatura>";
        long start = System.nanoTime();
        refused(bomb, SegnaturaCode.SEG_DOCTYPE_REFUSED);
        refused(bomb.replace("Segnatura", "prot:SegnaturaInformatica").replace("<prot:SegnaturaInformatica>",
                "<prot:SegnaturaInformatica xmlns:prot=\"" + PROT + "\">"), SegnaturaCode.SEG_DOCTYPE_REFUSED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // an undeclared entity (no DOCTYPE) is a parse error, not an expansion (detection looks at the root only)
        assertThatThrownBy(() -> reader.read(bytes("<prot:SegnaturaInformatica xmlns:prot=\"" + PROT + "\">&lol9;</prot:SegnaturaInformatica>")))
                .isInstanceOfSatisfying(SegnaturaException.class, e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_MALFORMED));
    }

    @Test
    @DisplayName("SEC-NET-01 SEC-XXE-01 DOCTYPEs naming loopback URLs are refused or ignored without any connection")
    void noNetwork() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/x.dtd";
            refused("<!DOCTYPE x [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><prot:SegnaturaInformatica xmlns:prot=\"" + PROT + "\"/>",
                    SegnaturaCode.SEG_DOCTYPE_REFUSED);
            refused("<!DOCTYPE prot:SegnaturaInformatica SYSTEM \"" + url + "\"><prot:SegnaturaInformatica xmlns:prot=\"" + PROT + "\"/>",
                    SegnaturaCode.SEG_DOCTYPE_REFUSED);
            // a 28/2001 segnatura naming its DTD by URL is read, the DTD never fetched
            String legacy = LegacySamples.C28.replace("\"Segnatura.dtd\"", "\"" + url + "\"")
                    .replace("IMPRONTA", Impronta.sha256(new byte[0]).base64());
            ReceivedSegnatura r = reader.read(bytes(legacy));
            assertThat(r.format()).isEqualTo(SegnaturaFormat.C28_2001);
            assertThat(r.warnings().get(1).code()).isEqualTo(SegnaturaCode.SEG_EXTERNAL_DTD_IGNORED);
            assertThat(InteropMessages.detect(bytes(legacy))).contains(InteropMessage.Kind.SEGNATURA);
            // a v3 segnatura whose XAdES reference points at the loopback server: never dereferenced
            String xml = Fixtures.text(Fixtures.sealed()).replace("URI=\"#segnatura-signed-properties\"", "URI=\"" + url + "\"");
            assertThat(SegnaturaVerifier.create(TrustStore.empty()).verify(bytes(xml), Fixtures.files()).signature())
                    .isEqualTo(SignatureStatus.INVALID);
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    @DisplayName("SEC-XXE-01 a comment before the DOCTYPE does not hide its internal subset")
    void commentBeforeDoctype() {
        refused("<?xml version=\"1.0\"?><!-- <!DOCTYPE Segnatura SYSTEM \"x.dtd\"> --><?pi x?>"
                + "<!DOCTYPE Segnatura PUBLIC \"-//x//EN\" \"a'b.dtd\" [<!ENTITY e \"x\">]><Segnatura>&e;</Segnatura>",
                SegnaturaCode.SEG_DOCTYPE_REFUSED);
    }

    @Test
    @DisplayName("SEC-LIM-01 XML larger than the limit or nested beyond 64 levels is refused with a typed error")
    void limits() {
        assertThatThrownBy(() -> reader.withMaxBytes(1000).read(Fixtures.sealed())).isInstanceOfSatisfying(SegnaturaException.class,
                e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_TOO_LARGE));
        String deep = "<prot:SegnaturaInformatica xmlns:prot=\"" + PROT + "\">" + "<a>".repeat(10_000) + "</a>".repeat(10_000)
                + "</prot:SegnaturaInformatica>";
        assertThatThrownBy(() -> reader.read(bytes(deep))).isInstanceOfSatisfying(SegnaturaException.class,
                e -> assertThat(e.code()).isEqualTo(SegnaturaCode.SEG_MALFORMED));
        assertThatThrownBy(() -> InteropMessages.read(bytes(deep))).isInstanceOf(SegnaturaException.class);
        SegnaturaCheck c = SegnaturaVerifier.create(TrustStore.empty()).verify(bytes(deep), Fixtures.files());
        assertThat(c.anomalies()).containsExactly(AnomalyCode.VALIDAZIONE_FIRMA);
        assertThat(c.received()).isEmpty();
    }
}
