package io.github.pec4j.segnatura;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/** The official schemas compile from the local folder only (SEG-NS-01), and nothing is ever fetched. */
class SchemaResolutionTest {

    @Test
    @DisplayName("SEG-NS-01 the XSDs compile with external access disabled: the xmldsig import and its DTD resolve locally")
    void localOnly() throws Exception {
        OfficialSchemas.REQUESTS.clear();
        Path dir = OfficialSchemas.require();
        OfficialSchemas.factory(dir).newSchema(new StreamSource(dir.resolve("pec_message.xsd").toFile()));
        assertThat(OfficialSchemas.REQUESTS).anyMatch(s -> s.endsWith("segnatura_protocollo.xsd"))
                .anyMatch(s -> s.endsWith("import_schemas/xmldsig-core-schema.xsd"))
                .anyMatch(s -> s.equals("http://www.w3.org/2001/XMLSchema.dtd"));
    }

    @Test
    @DisplayName("SEG-NS-01 SEC-NET-01 an import the resolver does not know is refused, never fetched (loopback server)")
    void noNetwork(@TempDir Path tmp) throws Exception {
        OfficialSchemas.require();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String url = "http://127.0.0.1:" + server.getLocalPort();
            Path xsd = tmp.resolve("remote.xsd");
            Files.writeString(xsd, "<!DOCTYPE xs:schema SYSTEM \"" + url + "/x.dtd\">"
                    + "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:t\">"
                    + "<xs:import namespace=\"urn:r\" schemaLocation=\"" + url + "/r.xsd\"/></xs:schema>");
            assertThatThrownBy(() -> OfficialSchemas.factory(tmp).newSchema(new StreamSource(xsd.toFile())))
                    .isInstanceOf(SAXException.class);
            assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }
}
