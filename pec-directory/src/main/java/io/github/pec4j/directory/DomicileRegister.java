package io.github.pec4j.directory;

/**
 * The public registers of digital domiciles. "The declarant has no registered domicile" (CAD art. 3-bis
 * c.4-quinquies) can only be concluded once each of them has said so.
 */
public enum DomicileRegister {
    /** INI-PEC, firms and professionals (CAD art. 6-bis). */
    INI_PEC,
    /** IPA, public administrations and public-service operators (CAD art. 6-ter). */
    IPA,
    /** INAD, persons, professionals outside an albo, private bodies (CAD art. 6-quater). */
    INAD
}
