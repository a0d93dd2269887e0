package io.github.pec4j.segnatura.internal;

import io.github.pec4j.core.Diagnostic;
import io.github.pec4j.core.Location;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
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
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    /** A stream reader over {@code xml} with the hardened settings. */
    public static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        return INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
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
        String doctype = "";
        try {
            XMLStreamReader r = reader(xml);
            try {
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.DTD) {
                        doctype = r.getText();
                        if (doctype.indexOf('[') >= 0) {
                            throw refusal(SegnaturaCode.SEG_DOCTYPE_REFUSED, at(r.getLocation()),
                                    "a DOCTYPE with an internal subset is refused: no entity may be declared");
                        }
                    } else if (event == XMLStreamConstants.START_ELEMENT) {
                        QName root = r.getName();
                        if (!doctype.isEmpty() && !doctypeAllowed.test(root)) {
                            throw refusal(SegnaturaCode.SEG_DOCTYPE_REFUSED, Location.part("/"),
                                    "a DOCTYPE is refused before " + root);
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
            b.setErrorHandler(null);
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
