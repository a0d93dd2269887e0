/**
 * pec4j registry SPI: what a protocol product implements so pec4j can register PEC in it.
 * Depends on the JDK only, so a vendor implements it without pulling pec4j's parser dependencies.
 */
module io.github.pec4j.registry {
    exports io.github.pec4j.registry;

    uses io.github.pec4j.registry.RegistryProvider;
}
