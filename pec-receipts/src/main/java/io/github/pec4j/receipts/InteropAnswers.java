package io.github.pec4j.receipts;

import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Destinatario;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.MessaggioRicevuto;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.Soggetto;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answers an AOO sends to another administration about what it received (AgID LG 2021 Allegato 6 §4,
 * OUT-INTEROP-01): the {@link ConfermaRicezione} naming the sender's registration and our own. Pure functions: the
 * caller registers, sends (once: {@link #confermaOutboxId}) and records.
 */
public final class InteropAnswers {
    private InteropAnswers() {}

    /**
     * The conferma di ricezione to send for an incoming registration made from a received segnatura, when the
     * segnatura asks for one; empty when it does not, or {@code incoming} is not an incoming registration.
     *
     * <p>Whether a conferma is asked is read from the {@code Destinatario} entries that are us: an administration
     * with our codice IPA (and our AOO, when it names one), or any soggetto with one of {@code ourAddresses}. Their
     * {@code confermaRicezione} decides (true when any of them asks). When no entry can be recognised as us, the
     * schema's default stands: asked, unless every destinatario says {@code false}.
     *
     * @param received the segnatura as received with the message
     * @param incoming our registration of that message
     * @param ourAddresses the institutional box(es) the message may have been addressed to
     * @return the conferma di ricezione to send for an incoming registration made from a received segnatura, when the
     *     segnatura asks for one; empty when it does not, or {@code incoming} is not an incoming registration
     */
    public static Optional<ConfermaRicezione> confermaRicezione(Segnatura received, Registration incoming, Set<String> ourAddresses) {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(ourAddresses, "ourAddresses");
        if (incoming.direction() != Direction.INCOMING || !asked(received, incoming.id(), ourAddresses)) return Optional.empty();
        MessaggioRicevuto ricevuto = new MessaggioRicevuto(Optional.of(received.identificatore()), received.primaRegistrazione(),
                Optional.empty());
        return Optional.of(new ConfermaRicezione(identificatore(incoming), ricevuto));
    }

    /**
     * Whether the segnatura asks us for a conferma di ricezione (see {@link #confermaRicezione}).
     *
     * @param received the segnatura as received with the message
     * @param ourAddresses the institutional box(es) the message may have been addressed to
     * @param ours the protocol id of our registration of the message
     * @return whether the segnatura asks us for a conferma di ricezione (see {@link #confermaRicezione})
     */
    public static boolean asked(Segnatura received, ProtocolId ours, Set<String> ourAddresses) {
        Set<String> addresses = ourAddresses.stream().map(Keys::address).collect(Collectors.toSet());
        List<Destinatario> us = received.destinatari().stream().filter(d -> isUs(d.soggetto(), ours, addresses)).toList();
        List<Destinatario> judged = us.isEmpty() ? received.destinatari() : us;
        return judged.isEmpty() || judged.stream().anyMatch(Destinatario::confermaRicezione);
    }

    private static boolean isUs(Soggetto s, ProtocolId ours, Set<String> addresses) {
        if (s.pec().map(Keys::address).filter(addresses::contains).isPresent()) return true;
        return s instanceof Soggetto.Amministrazione a && a.codiceIpa().equalsIgnoreCase(ours.register().amministrazione())
                && a.codiceAoo().map(aoo -> aoo.equalsIgnoreCase(ours.register().aoo())).orElse(true);
    }

    /**
     * A registration of ours as an Identificatore: codes, zero-padded number, Italian date and time of registration.
     *
     * @param r one of our registrations
     * @return a registration of ours as an Identificatore: codes, zero-padded number, Italian date and time of
     *     registration
     */
    public static Identificatore identificatore(Registration r) {
        Objects.requireNonNull(r, "r");
        ProtocolId id = r.id();
        ZonedDateTime at = r.registeredAt().atZone(Registration.ROME);
        return Identificatore.of(id.register().amministrazione(), id.register().aoo(), id.register().registro(), id.number(),
                at.toLocalDate()).withOra(at.toLocalTime().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The id under which the conferma for {@code incoming} is queued (e.g. an {@code OutboxEntry} id), the same on
     * every attempt so that it is sent once: {@code conferma-ricezione:<protocol>}.
     *
     * @param incoming our registration of that message
     * @return the outbox id, stable for a given incoming registration
     */
    public static String confermaOutboxId(ProtocolId incoming) {
        return "conferma-ricezione:" + Objects.requireNonNull(incoming, "incoming");
    }
}
