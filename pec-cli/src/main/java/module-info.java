/** The {@code pec} command line: inspect PEC messages, generate sample mailboxes. */
module io.github.pec4j.cli {
    requires io.github.pec4j.core;
    requires io.github.pec4j.signature;
    requires io.github.pec4j.formats;
    requires io.github.pec4j.testkit;
    requires io.github.pec4j.registry.jdbc;
    requires io.github.pec4j.admission;
    requires io.github.pec4j.receipts;
    requires io.github.pec4j.mailroom;
    requires io.github.pec4j.segnatura;
    requires io.github.pec4j.simulator;
    requires com.fasterxml.jackson.databind;
    requires jakarta.mail;
    requires info.picocli;
    requires static org.jspecify;

    exports io.github.pec4j.cli;
    // picocli reads and sets the commands' annotated options by reflection
    opens io.github.pec4j.cli.internal to info.picocli;
}
