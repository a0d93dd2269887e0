package io.github.pec4j.mailroom.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls an integrator's listener: whatever it throws is logged and ignored (it never stops the intake). */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {}

    static void call(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            LOG.warn("a mailroom listener failed (ignored): {}", e.toString());
        }
    }
}
