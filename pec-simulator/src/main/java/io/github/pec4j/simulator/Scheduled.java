package io.github.pec4j.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the simulated provider will do when its clock reaches {@link #at()}.
 *
 * @param at when
 * @param recipient the recipient it is about
 * @param what a short description, e.g. {@code "consegna"}, {@code "preavviso"}
 */
public record Scheduled(Instant at, String recipient, String what) {
    /**
     * Checks for nulls.
     *
     * @param at when
     * @param recipient the recipient it is about
     * @param what a short description, e.g. {@code "consegna"}, {@code "preavviso"}
     */
    public Scheduled {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(what, "what");
    }
}
