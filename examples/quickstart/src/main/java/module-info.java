/**
 * The pec4j quick start as a module: it needs nothing but the published pec4j modules it names, and
 * their own dependencies, on the module path.
 */
module io.github.pec4j.examples.quickstart {
    requires io.github.pec4j.admission;
    requires io.github.pec4j.registry.jdbc;
    requires io.github.pec4j.registry.memory;
    requires io.github.pec4j.receipts;
    requires io.github.pec4j.testkit;
}
