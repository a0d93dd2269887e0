/**
 * A PEC provider simulator for tests: start one with
 * {@link io.github.pec4j.simulator.PecProviderSimulator#start(SimulatorOptions)}, create boxes, point
 * the code under test at its IMAP and SMTP endpoints, and read what each box received.
 */
@NullMarked
package io.github.pec4j.simulator;

import org.jspecify.annotations.NullMarked;
