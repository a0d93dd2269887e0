/**
 * Hand-written JAXB binding of {@code segnatura_protocollo.xsd} (namespace {@code http://www.agid.gov.it/protocollo/},
 * qualified elements and attributes); not exported. Only what the public model carries is bound: unbound content is
 * skipped on reading (the raw bytes keep it) and never written.
 */
@XmlSchema(namespace = Namespaces.PROT, elementFormDefault = XmlNsForm.QUALIFIED, attributeFormDefault = XmlNsForm.QUALIFIED,
        xmlns = @XmlNs(prefix = "prot", namespaceURI = Namespaces.PROT))
@XmlAccessorType(XmlAccessType.FIELD)
package io.github.pec4j.segnatura.internal.prot;

import io.github.pec4j.segnatura.internal.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
