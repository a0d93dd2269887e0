/**
 * The protocol registry SPI.
 *
 * <p>A {@link io.github.pec4j.registry.ProtocolRegistry} is the protocol register of one or more
 * AOO: it assigns protocol numbers (DPR 445/2000 art. 57), stores registrations and their documents
 * with their impronte, allows only the changes the law allows (classification, assignment,
 * fascicolo), annuls (art. 54), records transmission events for outgoing mail, produces the daily
 * register and imports emergency-register entries (art. 63).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} through
 * {@link io.github.pec4j.registry.RegistryProvider} and opened with
 * {@link io.github.pec4j.registry.ProtocolRegistries#open}. A vendor proves its implementation with
 * the compatibility kit in {@code pec-registry-tck}.
 *
 * <p>Conventions: no method accepts or returns {@code null}; absent values are {@link
 * java.util.Optional} or empty collections. Caller mistakes throw {@link NullPointerException} or
 * {@link IllegalArgumentException}; refusals by the register and storage failures throw {@link
 * io.github.pec4j.registry.RegistryException}, an {@link java.io.IOException}.
 */
package io.github.pec4j.registry;
