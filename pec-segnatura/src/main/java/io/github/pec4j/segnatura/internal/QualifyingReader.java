package io.github.pec4j.segnatura.internal;

import java.util.Set;
import java.util.TreeSet;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Presents the unqualified attributes of v3 and PEC-message elements as qualified, the way
 * {@code attributeFormDefault="qualified"} wants them, and remembers their names for a warning (SEG-ATTR-01): a
 * non-conforming sender's {@code nomeFile} is read as {@code prot:nomeFile}.
 */
final class QualifyingReader extends StreamReaderDelegate {
    private final Set<String> unqualified = new TreeSet<>();

    QualifyingReader(XMLStreamReader reader) {
        super(reader);
    }

    /** The local names of the attributes that came unqualified. */
    Set<String> unqualified() {
        return unqualified;
    }

    @Override
    public String getAttributeNamespace(int index) {
        String ns = super.getAttributeNamespace(index);
        if (ns != null && !ns.isEmpty()) {
            return ns;
        }
        String owner = ownerNamespace();
        if (owner == null) {
            return ns;
        }
        unqualified.add(super.getAttributeLocalName(index));
        return owner;
    }

    @Override
    public QName getAttributeName(int index) {
        return new QName(getAttributeNamespace(index), getAttributeLocalName(index));
    }

    /** The namespace an unqualified attribute of the current element belongs in, or null when it is not ours. */
    private String ownerNamespace() {
        String element = getNamespaceURI();
        if (Namespaces.PROT.equals(element)) {
            return Namespaces.PROT;
        }
        if (Namespaces.PEC.equals(element)) {
            // pec:SegnaturaInformatica is of the prot type, whose attributes are prot ones
            return "SegnaturaInformatica".equals(getLocalName()) ? Namespaces.PROT : Namespaces.PEC;
        }
        return null;
    }
}
