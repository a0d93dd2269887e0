package io.github.pec4j.segnatura.internal;

import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.ReceivedSegnatura;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaCode;
import io.github.pec4j.segnatura.SegnaturaException;
import io.github.pec4j.segnatura.SegnaturaFormat;
import io.github.pec4j.segnatura.internal.pec.PecXml;
import io.github.pec4j.segnatura.internal.prot.ProtXml;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Recognises, reads and writes segnature and interop messages: the one entry point of the public classes. */
public final class Codec {
    private static final Map<String, InteropMessage.Kind> KINDS = Map.of("ConfermaRicezione", InteropMessage.Kind.CONFERMA_RICEZIONE,
            "AggiornamentoConferma", InteropMessage.Kind.AGGIORNAMENTO_CONFERMA, "NotificaEccezione",
            InteropMessage.Kind.NOTIFICA_ECCEZIONE, "AnnullamentoProtocollazione", InteropMessage.Kind.ANNULLAMENTO_PROTOCOLLAZIONE,
            "SegnaturaInformatica", InteropMessage.Kind.SEGNATURA, "Segnatura", InteropMessage.Kind.SEGNATURA);
    /** The root names of the four PEC messages: every kind but the segnatura. */
    private static final Set<String> MESSAGES = KINDS.entrySet().stream().filter(e -> e.getValue() != InteropMessage.Kind.SEGNATURA)
            .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Codec() {}

    /** The format of a root element, when it is one of ours. */
    static Optional<SegnaturaFormat> format(QName root) {
        String ns = root.getNamespaceURI();
        String name = root.getLocalPart();
        if ((Namespaces.PROT.equals(ns) && name.equals("SegnaturaInformatica"))
                || (Namespaces.PEC.equals(ns) && (name.equals("SegnaturaInformatica") || MESSAGES.contains(name)))) {
            return Optional.of(SegnaturaFormat.V3);
        }
        if (name.equals("Segnatura") || MESSAGES.contains(name)) {
            if (Namespaces.C60.equals(ns)) {
                return Optional.of(SegnaturaFormat.C60_2013);
            }
            if (ns.isEmpty()) {
                return Optional.of(SegnaturaFormat.C28_2001);
            }
        }
        return Optional.empty();
    }

    /** Only a namespace-less (28/2001) root may follow a DOCTYPE, and only an external one. */
    private static boolean doctypeAllowed(QName root) {
        return format(root).orElse(null) == SegnaturaFormat.C28_2001;
    }

    /** The kind of message, by root element and namespace only (SEG-MSG-01); empty for anything else or hostile input. */
    public static Optional<InteropMessage.Kind> detect(byte[] xml, int maxBytes) {
        try {
            SecureXml.checkSize(xml, maxBytes);
            QName root = SecureXml.prolog(xml, Codec::doctypeAllowed).root();
            return format(root).map(f -> KINDS.get(root.getLocalPart()));
        } catch (SegnaturaException | RuntimeException e) {
            return Optional.empty(); // hostile or unreadable, whatever failed on it
        }
    }

    /** Any interop message: a segnatura of any format, or one of the four messages of v3 or a legacy format. */
    public static InteropMessage read(byte[] xml, int maxBytes) throws SegnaturaException {
        try {
            return readUnguarded(xml, maxBytes);
        } catch (RuntimeException e) {
            // A failure of JAXB, the JDK's parsers or our mapping on this input: a refusal like any other.
            throw SecureXml.refusal(SegnaturaCode.SEG_MALFORMED, io.github.pec4j.core.Location.part("/"),
                    "not readable: the reader failed on this input (" + e.getClass().getName() + ")");
        }
    }

    private static InteropMessage readUnguarded(byte[] xml, int maxBytes) throws SegnaturaException {
        SecureXml.checkSize(xml, maxBytes);
        SecureXml.Prolog prolog = SecureXml.prolog(xml, Codec::doctypeAllowed);
        QName root = prolog.root();
        SegnaturaFormat format = format(root).orElseThrow(() -> SecureXml.refusal(SegnaturaCode.SEG_NOT_RECOGNISED,
                io.github.pec4j.core.Location.part("/"), "not a segnatura or interop message: " + root));
        Warnings w = new Warnings();
        if (format == SegnaturaFormat.V3) {
            return root.getLocalPart().equals("SegnaturaInformatica") ? readV3(xml, w) : readV3Message(xml, root.getLocalPart(), w);
        }
        w.add(SegnaturaCode.SEG_LEGACY_FORMAT, "a " + (format == SegnaturaFormat.C60_2013 ? "Circolare 60/2013" : "Circolare 28/2001")
                + " message, read leniently");
        if (!prolog.doctype().isEmpty()) {
            w.add(SegnaturaCode.SEG_EXTERNAL_DTD_IGNORED, "the DOCTYPE's external DTD was not fetched: " + prolog.doctype());
        }
        Element element = SecureXml.dom(xml, format == SegnaturaFormat.C28_2001).getDocumentElement();
        LegacyReader legacy = new LegacyReader(root.getNamespaceURI(), w);
        if (root.getLocalPart().equals("Segnatura")) {
            Segnatura s = legacy.segnatura(element);
            return new ReceivedSegnatura(format, s, false, w.list(), xml);
        }
        return legacy.message(element);
    }

    private static ReceivedSegnatura readV3(byte[] xml, Warnings w) throws SegnaturaException {
        QualifyingReader reader;
        ProtXml.SegnaturaInformatica x;
        try {
            reader = new QualifyingReader(SecureXml.reader(xml));
            x = Jaxb.read(reader, ProtXml.SegnaturaInformatica.class);
        } catch (XMLStreamException e) {
            throw SecureXml.malformed(e);
        } catch (JAXBException e) {
            throw jaxbFailure(e);
        }
        unqualified(reader, w);
        Segnatura s = ProtMapping.fromXml(x, w);
        boolean signed = x.any.stream().anyMatch(e -> Namespaces.DS.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName()));
        if (!signed) {
            w.add(SegnaturaCode.SEG_SIGNATURE_MISSING, "no ds:Signature: v3 requires a XAdES signature");
        }
        return new ReceivedSegnatura(SegnaturaFormat.V3, s, signed, w.list(), xml);
    }

    private static InteropMessage readV3Message(byte[] xml, String name, Warnings w) throws SegnaturaException {
        Class<?> type = switch (name) {
            case "NotificaEccezione" -> PecXml.NotificaEccezione.class;
            case "AnnullamentoProtocollazione" -> PecXml.AnnullamentoProtocollazione.class;
            default -> PecXml.Conferma.class;
        };
        try {
            QualifyingReader reader = new QualifyingReader(SecureXml.reader(xml));
            Object value = Jaxb.read(reader, type);
            unqualified(reader, w);
            return PecMapping.fromXml(name, value, w);
        } catch (XMLStreamException e) {
            throw SecureXml.malformed(e);
        } catch (JAXBException e) {
            throw jaxbFailure(e);
        }
    }

    private static void unqualified(QualifyingReader reader, Warnings w) {
        if (!reader.unqualified().isEmpty()) {
            w.add(SegnaturaCode.SEG_UNQUALIFIED_ATTRIBUTE, "unqualified attributes read as qualified (the schema qualifies them): "
                    + String.join(", ", reader.unqualified()));
        }
    }

    private static SegnaturaException jaxbFailure(JAXBException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
        if (cause instanceof XMLStreamException x) {
            return SecureXml.malformed(x);
        }
        String message = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(e.getMessage());
        return SecureXml.refusal(SegnaturaCode.SEG_MALFORMED, io.github.pec4j.core.Location.part("/"),
                "not readable: " + message.replace('\n', ' '));
    }

    /** A v3 message over PEC, unsigned (the PEC messages carry no signature). */
    public static byte[] write(InteropMessage message) {
        PecMapping.Bound bound = PecMapping.toXml(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(bound.name(), bound.type(), bound.value(), new StreamResult(out));
        } catch (JAXBException e) {
            throw new IllegalStateException("the binding writes every valid model", e);
        }
        return out.toByteArray();
    }

    private static <T> void write(String name, Class<T> type, Object value, javax.xml.transform.Result result) throws JAXBException {
        Jaxb.write(Namespaces.PEC, name, type, type.cast(value), result);
    }

    /**
     * A v3 segnatura sealed in XAdES Baseline-B; unsealed when {@code key} is null (the caller warns: SEG-SIGN-01).
     *
     * @throws IllegalArgumentException naming everything v3 cannot carry
     */
    public static byte[] writeSegnatura(Segnatura s, PrivateKey key, List<X509Certificate> chain, Instant signingTime) {
        List<String> problems = ProtMapping.violations(s);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a writable v3 segnatura: " + String.join("; ", problems));
        }
        try {
            Document doc = newDocument();
            Jaxb.write(Namespaces.PROT, "SegnaturaInformatica", ProtXml.SegnaturaInformatica.class, ProtMapping.toXml(s),
                    new DOMResult(doc));
            if (key != null) XadesSigner.sign(doc, key, chain, signingTime);
            return serialise(doc);
        } catch (GeneralSecurityException | javax.xml.crypto.MarshalException | javax.xml.crypto.dsig.XMLSignatureException e) {
            throw new IllegalArgumentException("the seal key cannot sign: " + e.getMessage(), e);
        } catch (JAXBException | TransformerException | ParserConfigurationException e) {
            throw new IllegalStateException("the binding writes every valid model", e);
        }
    }

    private static Document newDocument() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().newDocument();
    }

    private static byte[] serialise(Document doc) throws TransformerException {
        TransformerFactory tf = TransformerFactory.newInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        Transformer t = tf.newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.setOutputProperty(OutputKeys.INDENT, "no");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }

    /** The strict DOM a v3 signature is verified on (no DOCTYPE at all). */
    static Document signedDom(byte[] xml) throws SegnaturaException {
        return SecureXml.dom(xml, false);
    }
}
