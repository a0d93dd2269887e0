package io.github.pec4j.simulator;

import java.util.Objects;

/**
 * Where a server of the simulator listens.
 *
 * @param host the loopback address, {@code 127.0.0.1}
 * @param port the ephemeral port it was given
 */
public record Endpoint(String host, int port) {
    /**
     * Checks the port range.
     *
     * @param host the loopback address, {@code 127.0.0.1}
     * @param port the ephemeral port it was given
     */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
