/**
 * Hand-written JAXB binding of {@code pec_message.xsd} (namespace {@code http://www.agid.gov.it/protocollo/pec/},
 * qualified elements and attributes); not exported.
 */
@XmlSchema(namespace = Namespaces.PEC, elementFormDefault = XmlNsForm.QUALIFIED, attributeFormDefault = XmlNsForm.QUALIFIED,
        xmlns = {@XmlNs(prefix = "pec", namespaceURI = Namespaces.PEC), @XmlNs(prefix = "prot", namespaceURI = Namespaces.PROT)})
@XmlAccessorType(XmlAccessType.FIELD)
package io.github.pec4j.segnatura.internal.pec;

import io.github.pec4j.segnatura.internal.Namespaces;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNs;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
