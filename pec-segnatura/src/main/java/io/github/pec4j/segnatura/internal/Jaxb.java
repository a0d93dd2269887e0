package io.github.pec4j.segnatura.internal;

import io.github.pec4j.segnatura.internal.pec.PecXml;
import io.github.pec4j.segnatura.internal.prot.ProtXml;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamReader;

/** The one JAXB context of the hand-written bindings (thread-safe; marshallers and unmarshallers are made per call). */
final class Jaxb {
    /** The segnatura alone, so that only the prot prefix is declared. */
    private static final JAXBContext PROT = create(ProtXml.SegnaturaInformatica.class);
    private static final JAXBContext PEC = create(PecXml.Conferma.class, PecXml.NotificaEccezione.class,
            PecXml.AnnullamentoProtocollazione.class);

    private Jaxb() {}

    private static JAXBContext create(Class<?>... classes) {
        try {
            return JAXBContext.newInstance(classes);
        } catch (JAXBException e) {
            throw new IllegalStateException("the segnatura binding does not load", e);
        }
    }

    private static JAXBContext context(Class<?> type) {
        return type == ProtXml.SegnaturaInformatica.class ? PROT : PEC;
    }

    /** Unmarshals the element {@code reader} is at (or the document's root) as {@code type}, whatever its name. */
    static <T> T read(XMLStreamReader reader, Class<T> type) throws JAXBException {
        Unmarshaller u = context(type).createUnmarshaller();
        // unknown content is skipped (the raw bytes keep it); only fatal errors stop
        u.setEventHandler(event -> event.getSeverity() != ValidationEvent.FATAL_ERROR);
        try {
            return u.unmarshal(reader, type).getValue();
        } catch (org.w3c.dom.DOMException e) {
            // JAXB builds DOM for xs:any content; a name the DOM refuses (e.g. a bad namespace prefix) is malformed input.
            throw new jakarta.xml.bind.UnmarshalException("malformed XML: " + e.getMessage(), e);
        }
    }

    /** Marshals {@code value} as the element {@code namespace}:{@code name} into {@code result}. */
    static <T> void write(String namespace, String name, Class<T> type, T value, javax.xml.transform.Result result)
            throws JAXBException {
        Marshaller m = context(type).createMarshaller();
        m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        m.marshal(new JAXBElement<>(new QName(namespace, name), type, value), result);
    }
}
