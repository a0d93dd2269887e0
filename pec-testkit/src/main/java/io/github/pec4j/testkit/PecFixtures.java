package io.github.pec4j.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The fixture factory: realistic PEC messages, signed by a test provider, deterministic for a
 * given clock, PKI and builder settings.
 *
 * <pre>{@code
 * PecFixtures fixtures = PecFixtures.create();
 * byte[] receipt = fixtures.message(FixtureKind.ACCETTAZIONE).build();
 * fixtures.message(FixtureKind.POSTA_CERTIFICATA)
 *         .attachment("istanza.pdf", "application/pdf", 30L * 1024 * 1024)  // generated while written
 *         .quirk(Quirk.LOWERCASE_HEADER_NAMES)
 *         .writeTo(Path.of("envelope.eml"));
 * }</pre>
 *
 * Instances are immutable; {@code with...} methods return copies.
 */
public final class PecFixtures {
    /** The default clock: 15 March 2024, 10:15:30 in Rome (+01:00). */
    public static final Clock DEFAULT_CLOCK = Clock.fixed(Instant.parse("2024-03-15T09:15:30Z"), ZoneId.of("Europe/Rome"));

    private final Clock clock;
    private final TestPki pki;
    private final String gestore;
    private final String domain;

    private PecFixtures(Clock clock, TestPki pki, String gestore, String domain) {
        this.clock = clock;
        this.pki = pki;
        this.gestore = gestore;
        this.domain = domain;
    }

    /**
     * Fixtures with {@link #DEFAULT_CLOCK}, {@link TestPki#shared()} and the provider "Test PEC S.p.A." on {@code pec.testpec.it}.
     *
     * @return the fixtures
     */
    public static PecFixtures create() {
        return new PecFixtures(DEFAULT_CLOCK, TestPki.shared(), "Test PEC S.p.A.", "pec.testpec.it");
    }

    /**
     * A copy with another clock (its instant is the message time; zona follows Europe/Rome).
     *
     * @param clock the clock the messages are dated by
     * @return a copy with another clock (its instant is the message time; zona follows Europe/Rome)
     */
    public PecFixtures withClock(Clock clock) {
        return new PecFixtures(Objects.requireNonNull(clock, "clock"), pki, gestore, domain);
    }

    /**
     * A copy signing with another PKI.
     *
     * @param pki the PKI to sign with
     * @return a copy signing with another PKI
     */
    public PecFixtures withPki(TestPki pki) {
        return new PecFixtures(clock, Objects.requireNonNull(pki, "pki"), gestore, domain);
    }

    /**
     * A copy for another provider name ({@code gestore-emittente}) and domain.
     *
     * @param gestoreName the provider's name
     * @param domain the provider's mail domain
     * @return a copy for another provider name ({@code gestore-emittente}) and domain
     */
    public PecFixtures withProvider(String gestoreName, String domain) {
        return new PecFixtures(clock, pki, Objects.requireNonNull(gestoreName, "gestoreName"), Objects.requireNonNull(domain, "domain"));
    }

    /**
     * A builder for one message of this kind, with realistic defaults.
     *
     * @param kind the kind of message
     * @return a builder for one message of this kind, with realistic defaults
     */
    public MessageBuilder message(FixtureKind kind) {
        return new MessageBuilder(this, Objects.requireNonNull(kind, "kind"));
    }

    /**
     * The clock messages are dated with.
     *
     * @return the clock messages are dated with
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The PKI messages are signed with.
     *
     * @return the PKI messages are signed with
     */
    public TestPki pki() {
        return pki;
    }

    /**
     * The provider name written in {@code gestore-emittente}.
     *
     * @return the provider name written in {@code gestore-emittente}
     */
    public String gestore() {
        return gestore;
    }

    /**
     * The provider's mail domain.
     *
     * @return the provider's mail domain
     */
    public String domain() {
        return domain;
    }
}
