/**
 * pec4j directory: who owns a PEC address and which digital domiciles a codice fiscale has at a date,
 * from the IPA open-data snapshot, the INAD extraction API and INI-PEC adapters, chained.
 */
module io.github.pec4j.directory {
    requires transitive java.net.http;
    requires com.fasterxml.jackson.databind;
    requires static org.jspecify;

    exports io.github.pec4j.directory;
}
