/**
 * pec4j mailroom: the institutional PEC box taken in end to end (IMAP intake exactly once,
 * refusal and quarantine, receipts filed, offices notified).
 */
module io.github.pec4j.mailroom {
    requires transitive io.github.pec4j.core;
    requires transitive io.github.pec4j.registry;
    requires transitive io.github.pec4j.signature;
    requires transitive io.github.pec4j.formats;
    requires transitive io.github.pec4j.admission;
    requires transitive io.github.pec4j.receipts;
    requires transitive io.github.pec4j.directory;
    requires transitive io.github.pec4j.segnatura;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires static micrometer.core;
    requires static org.jspecify;

    exports io.github.pec4j.mailroom;
    opens io.github.pec4j.mailroom.internal to com.fasterxml.jackson.databind;
}
