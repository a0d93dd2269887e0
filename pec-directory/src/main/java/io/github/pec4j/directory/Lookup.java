package io.github.pec4j.directory;

/** The kinds of question a {@link DomicileDirectory} may be able to answer. */
public enum Lookup {
    /** {@link DomicileDirectory#ownerOf}: who owns this address. */
    OWNER_BY_ADDRESS,
    /** {@link DomicileDirectory#domicilesOf}: which domiciles has this codice fiscale. */
    DOMICILES_BY_TAX_CODE,
    /** {@link DomicileDirectory#verify}: answered by the directory itself, not derived from domicilesOf. */
    VERIFY_AT_DATE,
    /** {@link DomicileDirectory#domicilesOfAll}: many codici fiscali in one asynchronous request. */
    BATCH
}
