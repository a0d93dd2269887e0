/** Implementation of the simulator (GreenMail wiring, the provider's rules); not exported. */
@NullMarked
package io.github.pec4j.simulator.internal;

import org.jspecify.annotations.NullMarked;
