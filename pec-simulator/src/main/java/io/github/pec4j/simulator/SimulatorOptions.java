package io.github.pec4j.simulator;

import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.TestPki;
import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link PecProviderSimulator} is set up. Start from {@link #defaults()} and change what the
 * test needs with the {@code with...} methods.
 *
 * @param clock the base clock; the simulator's time is this clock plus whatever
 *     {@link PecProviderSimulator#advance(java.time.Duration)} added. A fixed clock makes every
 *     message byte-for-byte reproducible
 * @param pki the PKI that signs receipts and envelopes and issues the TLS server certificate
 * @param gestore the provider's name ({@code gestore-emittente})
 * @param domain the provider's mail domain (receipts come from {@code posta-certificata@domain})
 * @param maxMessageBytes larger submissions get an avviso di non accettazione
 * @param strictSenders as real providers: SMTP submission needs AUTH as a box of the simulator
 *     ({@code 530 5.7.0 Authentication required} otherwise) and {@code MAIL FROM} must be that box
 *     ({@code 553 5.7.1 Sender address rejected: not owned by user}); off by default, when any client
 *     may submit as any sender
 */
public record SimulatorOptions(Clock clock, TestPki pki, String gestore, String domain, long maxMessageBytes,
        boolean strictSenders) {
    /** 100 MiB, the common limit of Italian PEC providers (message size times recipients aside). */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 100L * 1024 * 1024;

    /**
     * Checks the settings.
     *
     * @param clock the base clock; the simulator's time is this clock plus whatever {@link
     *     PecProviderSimulator#advance(java.time.Duration)} added. A fixed clock makes every message byte-for-byte
     *     reproducible
     * @param pki the PKI that signs receipts and envelopes and issues the TLS server certificate
     * @param gestore the provider's name ({@code gestore-emittente})
     * @param domain the provider's mail domain (receipts come from {@code posta-certificata@domain})
     * @param maxMessageBytes larger submissions get an avviso di non accettazione
     * @param strictSenders as real providers: SMTP submission needs AUTH as a box of the simulator ({@code 530 5.7.0
     *     Authentication required} otherwise) and {@code MAIL FROM} must be that box ({@code 553 5.7.1 Sender address
     *     rejected: not owned by user}); off by default, when any client may submit as any sender
     */
    public SimulatorOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pki, "pki");
        Objects.requireNonNull(gestore, "gestore");
        Objects.requireNonNull(domain, "domain");
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
    }

    /**
     * {@link PecFixtures#DEFAULT_CLOCK} (15 March 2024, 10:15:30 in Rome), {@link TestPki#shared()},
     * the provider "Test PEC S.p.A." on {@code pec.testpec.it}, {@link #DEFAULT_MAX_MESSAGE_BYTES},
     * senders not checked.
     *
     * @return the default options
     */
    public static SimulatorOptions defaults() {
        PecFixtures f = PecFixtures.create();
        return new SimulatorOptions(f.clock(), f.pki(), f.gestore(), f.domain(), DEFAULT_MAX_MESSAGE_BYTES, false);
    }

    /**
     * A copy with another base clock.
     *
     * @param clock the base clock; the simulator's time is this clock plus whatever {@link
     *     PecProviderSimulator#advance(java.time.Duration)} added. A fixed clock makes every message byte-for-byte
     *     reproducible
     * @return a copy with another base clock
     */
    public SimulatorOptions withClock(Clock clock) {
        return new SimulatorOptions(clock, pki, gestore, domain, maxMessageBytes, strictSenders);
    }

    /**
     * A copy signing with another PKI.
     *
     * @param pki the PKI that signs receipts and envelopes and issues the TLS server certificate
     * @return a copy signing with another PKI
     */
    public SimulatorOptions withPki(TestPki pki) {
        return new SimulatorOptions(clock, pki, gestore, domain, maxMessageBytes, strictSenders);
    }

    /**
     * A copy for another provider name and domain.
     *
     * @param gestore the provider's name ({@code gestore-emittente})
     * @param domain the provider's mail domain (receipts come from {@code posta-certificata@domain})
     * @return a copy for another provider name and domain
     */
    public SimulatorOptions withProvider(String gestore, String domain) {
        return new SimulatorOptions(clock, pki, gestore, domain, maxMessageBytes, strictSenders);
    }

    /**
     * A copy that checks SMTP senders as real providers do (see {@link #strictSenders()}), or not.
     *
     * @param strict true to refuse a sender that is not the authenticated box
     * @return a copy that checks SMTP senders as real providers do (see {@link #strictSenders()}), or not
     */
    public SimulatorOptions withStrictSenders(boolean strict) {
        return new SimulatorOptions(clock, pki, gestore, domain, maxMessageBytes, strict);
    }

    /**
     * A copy with another size limit for submissions.
     *
     * @param maxMessageBytes larger submissions get an avviso di non accettazione
     * @return a copy with another size limit for submissions
     */
    public SimulatorOptions withMaxMessageBytes(long maxMessageBytes) {
        return new SimulatorOptions(clock, pki, gestore, domain, maxMessageBytes, strictSenders);
    }
}
