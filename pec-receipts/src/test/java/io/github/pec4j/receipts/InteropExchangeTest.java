package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationRequest;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.registry.TransmissionRecord;
import io.github.pec4j.registry.memory.MemoryRegistryProvider;
import io.github.pec4j.segnatura.AnnullamentoProtocollazione;
import io.github.pec4j.segnatura.AnomalyCode;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Destinatario;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.InteropMessage;
import io.github.pec4j.segnatura.InteropMessages;
import io.github.pec4j.segnatura.NotificaEccezione;
import io.github.pec4j.segnatura.ReceivedSegnatura;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaFormat;
import io.github.pec4j.segnatura.Soggetto;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Conferma di ricezione between two administrations, each with its own register (OUT-INTEROP-01). */
class InteropExchangeTest {
    static final RegisterId COMUNE = RegisterId.of("c_esempio", "AOO_CENTRALE", "PG");
    static final RegisterId REGIONE = RegisterId.of("r_esempio", "AOO_GIUNTA", "PG");
    static final String COMUNE_BOX = "protocollo@pec.comune.esempio.it";
    static final String REGIONE_BOX = "giunta@pec.regione.esempio.it";
    /** 10:00 in Rome on 14 March: sent by the comune. */
    static final Instant SENT = Instant.parse("2025-03-14T09:00:00Z");
    /** 09:00 in Rome on 15 March: registered by the regione. */
    static final Instant RECEIVED = Instant.parse("2025-03-15T08:00:00Z");
    static final Actor OPERATOR = Actor.system("mailroom");

    ProtocolRegistry comune;
    ProtocolRegistry regione;

    @BeforeEach
    void open() {
        comune = MemoryRegistryProvider.create(Clock.fixed(SENT, ZoneOffset.UTC));
        regione = MemoryRegistryProvider.create(Clock.fixed(RECEIVED, ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        comune.close();
        regione.close();
    }

    static Registration register(ProtocolRegistry registry, RegistrationRequest.Builder b, String correspondent) throws Exception {
        return registry.register(b.correspondent(Correspondent.of(correspondent, correspondent)).oggetto("Determina n. 42")
                .document(DocumentRequest.of("determina.pdf", "application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)))
                .classification(Classification.of("VI.3")).operator(OPERATOR).build()).registration();
    }

    /** The segnatura the comune sends with its outgoing registration, to the regione's AOO. */
    static Segnatura segnatura(Registration outgoing, boolean conferma) {
        Soggetto.Amministrazione to = Soggetto.Amministrazione.aoo("Regione Esempio", "r_esempio", "AOO_GIUNTA", REGIONE_BOX);
        return Segnatura.builder().identificatore(InteropAnswers.identificatore(outgoing)).oggetto("Determina n. 42")
                .classifica(Classifica.flat("Contratti", "VI.3")).mittente(Soggetto.Amministrazione.aoo("Comune di Esempio", "c_esempio",
                        "AOO_CENTRALE", COMUNE_BOX))
                .destinatario(new Destinatario(to, conferma, false))
                .documentoPrimario(Documento.of("determina.pdf", "application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)))
                .build();
    }

    Registration outgoing() throws Exception {
        return register(comune, RegistrationRequest.outgoing(COMUNE, Channel.PEC), REGIONE_BOX);
    }

    Registration incoming() throws Exception {
        return register(regione, RegistrationRequest.incoming(REGIONE, Channel.PEC), COMUNE_BOX);
    }

    @Test
    @Tag("OUT-INTEROP-01")
    @DisplayName("OUT-INTEROP-01 both ways: the regione answers the comune's segnatura with a conferma naming both registrations, "
            + "and the comune files it on its outgoing registration, once")
    void bothWays() throws Exception {
        Registration out = outgoing();
        Registration in = incoming();
        ConfermaRicezione conferma = InteropAnswers.confermaRicezione(segnatura(out, true), in, Set.of(REGIONE_BOX)).orElseThrow();
        assertThat(conferma.identificatore()).isEqualTo(Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", in.id().number(),
                LocalDate.of(2025, 3, 15)).withOra(LocalTime.of(9, 0)));
        assertThat(conferma.messaggioRicevuto().identificatore()).contains(Identificatore.of("c_esempio", "AOO_CENTRALE", "PG",
                out.id().number(), LocalDate.of(2025, 3, 14)).withOra(LocalTime.of(10, 0)));
        assertThat(InteropAnswers.confermaOutboxId(in.id())).isEqualTo("conferma-ricezione:" + in.id());

        byte[] xml = InteropMessages.write(conferma);
        InteropMessage read = InteropMessages.read(xml);
        InteropRecorder recorder = InteropRecorder.of(comune, OPERATOR);
        InteropRecorder.Filed filed = recorder.record(read, "Giunta@PEC.regione.esempio.it", RECEIVED.plusSeconds(60), Optional.of(xml));
        assertThat(filed.outcome()).isEqualTo(InteropRecorder.Outcome.RECORDED);
        assertThat(filed.registration()).contains(out.id());
        TransmissionRecord record = filed.record().orElseThrow();
        assertThat(record.event().type()).isEqualTo(TransmissionEvent.Type.CONFERMA_RICEZIONE);
        assertThat(record.event().recipient()).contains(REGIONE_BOX);
        assertThat(record.event().recipientProtocol()).contains(conferma.identificatore().reference());
        try (InputStream kept = comune.openReceipt(out.id(), record.sequence())) {
            assertThat(kept.readAllBytes()).isEqualTo(xml);
        }

        InteropRecorder.Filed again = recorder.record(InteropMessages.read(xml), REGIONE_BOX, RECEIVED.plusSeconds(120), Optional.of(xml));
        assertThat(again.outcome()).isEqualTo(InteropRecorder.Outcome.DUPLICATE);
        assertThat(comune.transmissions(out.id())).hasSize(1);

        OutgoingDelivery d = DeliveryBoard.of(comune).delivery(out.id(), RECEIVED).orElseThrow();
        assertThat(d.interop()).extracting(t -> t.event().type()).containsExactly(TransmissionEvent.Type.CONFERMA_RICEZIONE);
    }

    @Test
    @Tag("OUT-INTEROP-01")
    @DisplayName("OUT-INTEROP-01 no conferma when our destinatario entry says confermaRicezione=false, nor for an outgoing registration")
    void notAsked() throws Exception {
        Registration out = outgoing();
        Registration in = incoming();
        assertThat(InteropAnswers.confermaRicezione(segnatura(out, false), in, Set.of())).isEmpty();
        assertThat(InteropAnswers.confermaRicezione(segnatura(out, true), out, Set.of())).isEmpty();
        // recognised by codice IPA alone, without the box address
        assertThat(InteropAnswers.confermaRicezione(segnatura(out, true), in, Set.of())).isPresent();
        assertThat(InteropAnswers.asked(segnatura(out, false), in.id(), Set.of(REGIONE_BOX)))
                .isFalse();
    }

    @Test
    @Tag("OUT-INTEROP-01")
    @DisplayName("OUT-INTEROP-01 an answer naming no outgoing registration of ours, or ours on another day, is not recorded (fail closed)")
    void unmatched() throws Exception {
        Registration out = outgoing();
        Registration in = incoming();
        Identificatore theirs = InteropAnswers.identificatore(in);
        InteropRecorder recorder = InteropRecorder.of(comune, OPERATOR);

        Identificatore unknown = Identificatore.of("c_esempio", "AOO_CENTRALE", "PG", 999, LocalDate.of(2025, 3, 14));
        assertThat(recorder.record(ConfermaRicezione.of(theirs, unknown), REGIONE_BOX, RECEIVED, Optional.empty()))
                .satisfies(f -> {
                    assertThat(f.outcome()).isEqualTo(InteropRecorder.Outcome.UNMATCHED);
                    assertThat(f.reason()).startsWith("OUT-INTEROP-01").contains("no registration");
                });
        Identificatore wrongDay = Identificatore.of("c_esempio", "AOO_CENTRALE", "PG", out.id().number(), LocalDate.of(2025, 2, 1));
        assertThat(recorder.record(ConfermaRicezione.of(theirs, wrongDay), REGIONE_BOX, RECEIVED, Optional.empty()).reason())
                .contains("registered on 2025-03-14");
        Registration ownIncoming = register(comune, RegistrationRequest.incoming(COMUNE, Channel.PEC), REGIONE_BOX);
        Identificatore incomingOfOurs = InteropAnswers.identificatore(ownIncoming);
        assertThat(recorder.record(ConfermaRicezione.of(theirs, incomingOfOurs), REGIONE_BOX, RECEIVED, Optional.empty()).reason())
                .contains("not an outgoing registration");
        assertThat(recorder.record(new AnnullamentoProtocollazione(theirs, "errore", "Det. 1"), REGIONE_BOX, RECEIVED, Optional.empty())
                .outcome()).isEqualTo(InteropRecorder.Outcome.UNMATCHED);
        assertThat(comune.transmissions(out.id())).isEmpty();
    }

    @Test
    @Tag("OUT-INTEROP-01")
    @DisplayName("OUT-INTEROP-01 an eccezione is filed on the registration it names; an annullamento of their registration on the one they confirmed")
    void eccezioneAndAnnullamento() throws Exception {
        Registration out = outgoing();
        Registration in = incoming();
        Identificatore ours = InteropAnswers.identificatore(out);
        Identificatore theirs = InteropAnswers.identificatore(in);
        InteropRecorder recorder = InteropRecorder.of(comune, OPERATOR);

        NotificaEccezione eccezione = NotificaEccezione.of(ours, AnomalyCode.normalise("002_AnomaliaImpronta").orElseThrow(), "determina.pdf");
        InteropRecorder.Filed e = recorder.record(eccezione, REGIONE_BOX, RECEIVED, Optional.empty());
        assertThat(e.outcome()).isEqualTo(InteropRecorder.Outcome.RECORDED);
        assertThat(e.registration()).contains(out.id());

        recorder.record(ConfermaRicezione.of(theirs, ours), REGIONE_BOX, RECEIVED, Optional.empty());
        InteropRecorder.Filed a = recorder.record(new AnnullamentoProtocollazione(theirs, "errore materiale", "Det. 3/2025"), REGIONE_BOX,
                RECEIVED.plusSeconds(3600), Optional.empty());
        assertThat(a.outcome()).isEqualTo(InteropRecorder.Outcome.RECORDED);
        assertThat(a.registration()).contains(out.id());
        assertThat(comune.transmissions(out.id())).extracting(t -> t.event().type()).containsExactly(TransmissionEvent.Type.NOTIFICA_ECCEZIONE,
                TransmissionEvent.Type.CONFERMA_RICEZIONE, TransmissionEvent.Type.ANNULLAMENTO);
        ReceivedSegnatura segnatura = new ReceivedSegnatura(SegnaturaFormat.V3, segnatura(out, true), false, List.of(), new byte[] {'<'});
        assertThat(recorder.record(segnatura, REGIONE_BOX, RECEIVED, Optional.empty()).outcome()).isEqualTo(InteropRecorder.Outcome.NOT_AN_ANSWER);
    }
}
