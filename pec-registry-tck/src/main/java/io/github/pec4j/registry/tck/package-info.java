/** The registry compatibility kit; start with {@link io.github.pec4j.registry.tck.ProtocolRegistryCompatibilityKit}. */
package io.github.pec4j.registry.tck;
