/** pec4j receipts: delivery tracking of outgoing PEC, per recipient, with deadlines and evidence. */
module io.github.pec4j.receipts {
    requires transitive io.github.pec4j.core;
    requires transitive io.github.pec4j.registry;
    requires transitive io.github.pec4j.segnatura;
    requires static org.jspecify;

    exports io.github.pec4j.receipts;
}
