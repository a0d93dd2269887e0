/** pec4j admission: registration, istanza validity and ricevibilità decisions, explained by data-driven rules. */
module io.github.pec4j.admission {
    requires transitive io.github.pec4j.core;
    requires transitive io.github.pec4j.signature;
    requires transitive io.github.pec4j.formats;
    requires transitive io.github.pec4j.directory;
    requires transitive io.github.pec4j.registry;
    requires io.github.pec4j.segnatura;
    requires com.fasterxml.jackson.databind;
    requires static com.fasterxml.jackson.dataformat.yaml;
    requires static org.jspecify;

    exports io.github.pec4j.admission;
    opens io.github.pec4j.admission to com.fasterxml.jackson.databind;
    opens io.github.pec4j.admission.internal to com.fasterxml.jackson.databind;
}
