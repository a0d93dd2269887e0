package io.github.pec4j.segnatura;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * The official AgID schemas @7d9ce46, read from {@code ../shared/domain/agid-protocollo-xsd} (the {@code pec4j.domain.dir}
 * property of the "corpus" profile, or that path relative to the module), never copied into the repository. Compiled
 * with external DTD and schema access disabled: every import, and the DTD the imported {@code xmldsig-core-schema.xsd}
 * declares, is resolved by a resolver that answers only from that folder ({@code XMLSchema.dtd} and
 * {@code datatypes.dtd}, absent there, as empty documents) and records what was asked.
 */
final class OfficialSchemas {
    /** Every systemId the resolver was asked for, in order. */
    static final List<String> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    private static Schema segnatura;
    private static Schema pecMessage;
    private static Schema circolare60;

    private OfficialSchemas() {}

    /** The folder, when present. */
    static Optional<Path> dir() {
        String property = System.getProperty("pec4j.domain.dir", "");
        if (!property.isBlank() && !property.startsWith("${")) {
            Path d = Path.of(property, "agid-protocollo-xsd");
            if (Files.isDirectory(d)) {
                return Optional.of(d);
            }
        }
        Path relative = Path.of("../../shared/domain/agid-protocollo-xsd");
        return Files.isDirectory(relative) ? Optional.of(relative) : Optional.empty();
    }

    /** The folder, or the calling test is skipped. */
    static Path require() {
        Optional<Path> d = dir();
        Assumptions.assumeTrue(d.isPresent(), "the official schemas (../shared/domain/agid-protocollo-xsd) are not available");
        return d.get();
    }

    static synchronized Schema segnatura() throws SAXException {
        if (segnatura == null) {
            segnatura = compile(require().resolve("segnatura_protocollo.xsd"));
        }
        return segnatura;
    }

    static synchronized Schema pecMessage() throws SAXException {
        if (pecMessage == null) {
            pecMessage = compile(require().resolve("pec_message.xsd"));
        }
        return pecMessage;
    }

    static synchronized Schema circolare60() throws SAXException {
        if (circolare60 == null) {
            circolare60 = compile(require().resolve("previous/segnatura_circolare_60_2013.xsd"));
        }
        return circolare60;
    }

    /** A schema, compiled once. */
    @FunctionalInterface
    interface Compiled {
        /** The schema; skips the calling test when the folder is absent. */
        Schema get() throws SAXException;
    }

    /**
     * Validates {@code xml} when the official schemas are present, and does nothing otherwise: for tests whose other
     * assertions must still run in a clone without {@code ../shared}.
     */
    static void validateIfPresent(Compiled schema, byte[] xml) throws SAXException, IOException {
        if (dir().isPresent()) {
            validate(schema.get(), xml);
        }
    }

    /** Validates {@code xml}; a violation is a {@link SAXException}. */
    static void validate(Schema schema, byte[] xml) throws SAXException, IOException {
        javax.xml.validation.Validator v = schema.newValidator();
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        v.validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    /** A schema factory that reads nothing outside {@code dir}. */
    static SchemaFactory factory(Path dir) throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setResourceResolver(new LocalResolver(dir));
        return f;
    }

    private static Schema compile(Path xsd) throws SAXException {
        return factory(require()).newSchema(new StreamSource(xsd.toFile()));
    }

    /** Answers imports and DTDs from the local folder only; anything else gets null (and then fails, never fetched). */
    static final class LocalResolver implements LSResourceResolver {
        private final Path dir;

        LocalResolver(Path dir) {
            this.dir = dir;
        }

        @Override
        public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId, String baseURI) {
            REQUESTS.add(String.valueOf(systemId));
            if (systemId == null) {
                return null;
            }
            String name = systemId.substring(systemId.lastIndexOf('/') + 1);
            if (name.equals("XMLSchema.dtd") || name.equals("datatypes.dtd")) {
                return new Input(publicId, systemId, new byte[0]);
            }
            for (Path candidate : List.of(dir.resolve(name), dir.resolve("import_schemas").resolve(name))) {
                if (!systemId.startsWith("http") && Files.isRegularFile(candidate)) {
                    try {
                        return new Input(publicId, candidate.toUri().toString(), Files.readAllBytes(candidate));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            return null;
        }
    }

    /** An in-memory {@link LSInput}. */
    private record Input(String publicId, String systemId, byte[] bytes) implements LSInput {
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() { return new ByteArrayInputStream(bytes); }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
