package io.github.pec4j.segnatura.internal;

/** The namespaces of the formats read and written. */
public final class Namespaces {
    /** Segnatura v3 (AgID LG 2021, Allegato 6). */
    public static final String PROT = "http://www.agid.gov.it/protocollo/";
    /** Messages exchanged over PEC ({@code pec_message.xsd}). */
    public static final String PEC = "http://www.agid.gov.it/protocollo/pec/";
    /** Circolare AgID 60/2013 (capital P). */
    public static final String C60 = "http://www.digitPa.gov.it/protocollo/";
    /** XML-DSig. */
    public static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    /** XAdES (ETSI EN 319 132-1: the v1.3.2 namespace). */
    public static final String XADES = "http://uri.etsi.org/01903/v1.3.2#";
    /** The one version v3 and the PEC messages carry. */
    public static final String VERSIONE = "3.0.0";
    /** The one language v3 and the PEC messages carry. */
    public static final String LANG = "it";

    private Namespaces() {}
}
