/**
 * pec4j PEC provider simulator: an in-process PEC provider for integrators' tests, with IMAP and
 * SMTP servers on loopback, signed receipts and envelopes from the test CA, and per-recipient
 * behaviours on an injected clock. Tests only: it trusts a throw-away PKI.
 */
module io.github.pec4j.simulator {
    requires transitive io.github.pec4j.testkit;
    requires greenmail;
    requires jakarta.mail;
    // GreenMail, an automatic module, logs through SLF4J: required so that it resolves on the module path.
    requires org.slf4j;
    requires static org.jspecify;

    exports io.github.pec4j.simulator;
}
