/**
 * pec4j segnatura: the segnatura di protocollo v3 (AgID LG 2021, Allegato 6) and the AOO-to-AOO messages over PEC.
 * Reads v3, Circolare 60/2013 and 28/2001 under hardened XML settings, writes v3 sealed in XAdES Baseline-B with the
 * JDK's XML-DSig, and verifies the seal and every impronta.
 */
module io.github.pec4j.segnatura {
    requires transitive io.github.pec4j.core;
    requires transitive io.github.pec4j.signature;
    requires jakarta.xml.bind;
    requires java.xml;
    requires java.xml.crypto;
    requires static org.jspecify;

    exports io.github.pec4j.segnatura;
    opens io.github.pec4j.segnatura.internal.prot to jakarta.xml.bind;
    opens io.github.pec4j.segnatura.internal.pec to jakarta.xml.bind;
}
