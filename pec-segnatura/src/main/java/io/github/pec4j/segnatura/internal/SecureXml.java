package io.github.pec4j.segnatura.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Location;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened XML parsing: no DTD processing, no external entity, DTD or schema access, secure processing, a depth
 * limit; a DOCTYPE with an internal subset is always refused (so no entity is ever declared, let alone expanded), and
 * a DOCTYPE at all only where the caller allows it (Circolare 28/2001), its external DTD never fetched.
 */
public final class SecureXml {
    /** Maximum element depth: far beyond any segnatura. */
    static final int MAX_DEPTH = 64;
    private static final XMLInputFactory INPUT = inputFactory();
    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._\\-]+)[\"']");

    private SecureXml() {}

    /**
     * What precedes the content: the root element's name and the DOCTYPE, if any.
     *
     * @param root the root element
     * @param doctype the DOCTYPE declaration, or empty
     */
    public record Prolog(QName root, String doctype) {}

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setProperty("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
        f.setXMLReporter((message, type, info, location) -> {
            // errors surface as exceptions; nothing is printed
        });
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    /**
     * A stream reader over {@code xml} with the hardened settings. The bytes are decoded here (BOM, then the XML
     * declaration's encoding, else UTF-8; malformed bytes are an error), because the JDK's StAX parser prints to
     * standard error on a malformed byte sequence.
     */
    public static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        return INPUT.createXMLStreamReader(new StringReader(decode(xml)));
    }

    private static String decode(byte[] xml) throws XMLStreamException {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (xml.length >= 3 && (xml[0] & 0xff) == 0xEF && (xml[1] & 0xff) == 0xBB && (xml[2] & 0xff) == 0xBF) {
            skip = 3;
        } else if (xml.length >= 2 && (xml[0] & 0xff) == 0xFE && (xml[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (xml.length >= 2 && (xml[0] & 0xff) == 0xFF && (xml[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (xml.length >= 2 && xml[0] == 0 && xml[1] == '<') {
            charset = StandardCharsets.UTF_16BE;
        } else if (xml.length >= 2 && xml[0] == '<' && xml[1] == 0) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            String head = new String(xml, 0, Math.min(xml.length, 200), StandardCharsets.ISO_8859_1);
            Matcher m = DECLARED.matcher(head);
            if (head.startsWith("<?xml") && m.find()) {
                try {
                    charset = Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw new XMLStreamException("unsupported encoding " + m.group(1));
                }
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(xml, skip, xml.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new XMLStreamException("bytes that are not " + charset.name() + ": " + e);
        }
    }

    /** Refuses input larger than {@code maxBytes}. */
    public static void checkSize(byte[] xml, int maxBytes) throws SegnaturaException {
        if (xml.length > maxBytes) {
            throw refusal(SegnaturaCode.SEG_TOO_LARGE, Location.part("/"),
                    "the XML has " + xml.length + " bytes, more than the limit of " + maxBytes);
        }
    }

    /**
     * Reads up to the root element. A DOCTYPE with an internal subset is refused; so is any DOCTYPE unless
     * {@code doctypeAllowed} is true for the root found.
     */
    public static Prolog prolog(byte[] xml, java.util.function.Predicate<QName> doctypeAllowed) throws SegnaturaException {
        String text;
        try {
            text = decode(xml);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        String doctype = doctype(text);
        if (doctype.indexOf('[') >= 0) {
            throw refusal(SegnaturaCode.SEG_DOCTYPE_REFUSED, Location.part("/"),
                    "a DOCTYPE with an internal subset is refused: no entity may be declared");
        }
        try {
            XMLStreamReader r = INPUT.createXMLStreamReader(new StringReader(text));
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT) {
                        QName root = r.getName();
                        if (!doctype.isEmpty() && !doctypeAllowed.test(root)) {
                            throw refusal(SegnaturaCode.SEG_DOCTYPE_REFUSED, Location.part("/"), "a DOCTYPE is refused before " + root);
                        }
                        return new Prolog(root, doctype);
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        throw refusal(SegnaturaCode.SEG_MALFORMED, Location.part("/"), "no root element");
    }

    /**
     * The DOCTYPE declaration of {@code text} up to its internal subset's {@code [} (included) or its end; empty when
     * there is none. The prolog is scanned by hand, skipping the XML declaration, comments and processing
     * instructions, because StAX reports a DOCTYPE read from characters incompletely.
     */
    static String doctype(String text) {
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                i = end < 0 ? text.length() : end + 3;
            } else if (text.startsWith("<!DOCTYPE", i)) {
                int start = i;
                char quote = 0;
                for (i += 9; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (quote != 0) {
                        quote = c == quote ? 0 : quote;
                    } else if (c == '"' || c == '\'') {
                        quote = c;
                    } else if (c == '[' || c == '>') {
                        return text.substring(start, i + 1);
                    }
                }
                return text.substring(start);
            } else {
                return "";
            }
        }
    }

    /**
     * A namespace-aware DOM of {@code xml}. With {@code doctypeAllowed} false any DOCTYPE is a parse error; with true
     * (28/2001 only, after {@link #prolog} refused internal subsets) the DOCTYPE is read but its external DTD is not
     * loaded: every entity resolution yields nothing.
     */
    public static Document dom(byte[] xml, boolean doctypeAllowed) throws SegnaturaException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !doctypeAllowed);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            b.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // nothing is printed; warnings do not stop reading
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw refusal(SegnaturaCode.SEG_MALFORMED, Location.line("/", e.getLineNumber()), "not well-formed: " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw refusal(SegnaturaCode.SEG_MALFORMED, Location.part("/"), "not well-formed: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's parser supports the hardening features", e);
        }
    }

    /** The refusal of malformed XML. */
    public static SegnaturaException malformed(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ');
        return refusal(SegnaturaCode.SEG_MALFORMED, at(e.getLocation()), "not well-formed or beyond the limits: " + message);
    }

    /** An exception carrying one refusing diagnostic. */
    public static SegnaturaException refusal(SegnaturaCode code, Location location, String message) {
        return new SegnaturaException(Diagnostic.of(code, location, message), List.of());
    }

    /** A location from a StAX one. */
    static Location at(javax.xml.stream.@org.jspecify.annotations.Nullable Location l) {
        return l == null ? Location.part("/") : Location.line("/", l.getLineNumber());
    }
}
