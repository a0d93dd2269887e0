package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.TransmissionEvent;
import io.github.pec4j.segnatura.AnnullamentoProtocollazione;
import io.github.pec4j.segnatura.AnomalyCode;
import io.github.pec4j.segnatura.ConfermaRicezione;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.InteropMessages;
import io.github.pec4j.segnatura.NotificaEccezione;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class InteropReceiptsTest {
    static final Identificatore OURS = Identificatore.of("c_esempio", "AOO_CENTRALE", "PG", 42, LocalDate.of(2025, 3, 14));
    static final Identificatore THEIRS = Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 4711, LocalDate.of(2025, 3, 15));
    static final Instant AT = Instant.parse("2025-03-15T08:00:00Z");

    @Test
    @Tag("ADM-REG-01")
    @DisplayName("ADM-REG-01 a ConfermaRicezione read from its XML becomes a transmission event of our registration, with their protocol number")
    void conferma() throws Exception {
        byte[] xml = InteropMessages.write(ConfermaRicezione.of(THEIRS, OURS));
        InteropReceipts.Reply reply = InteropReceipts.of(InteropMessages.read(xml), "Protocollo@PEC.Regione.esempio.it", AT).orElseThrow();
        assertThat(reply.registration()).contains(ProtocolId.of(RegisterId.of("c_esempio", "AOO_CENTRALE", "PG"), 2025, 42));
        assertThat(reply.event().type()).isEqualTo(TransmissionEvent.Type.CONFERMA_RICEZIONE);
        assertThat(reply.event().recipient()).contains("protocollo@pec.regione.esempio.it");
        assertThat(reply.event().recipientProtocol()).contains("r_esempio/AOO_GIUNTA/PG/0004711 del 2025-03-15");
        assertThat(reply.event().occurredAt()).isEqualTo(AT);
    }

    @Test
    @Tag("SEG-ANOM-01")
    @DisplayName("SEG-ANOM-01 a NotificaEccezione keeps its anomaly code in the event; an annullamento names their registration")
    void eccezioneAndAnnullamento() throws Exception {
        byte[] xml = InteropMessages.write(NotificaEccezione.of(OURS, AnomalyCode.normalise("002_AnomaliaImpronta").orElseThrow(), "delibera.pdf"));
        InteropReceipts.Reply reply = InteropReceipts.of(InteropMessages.read(xml), "protocollo@pec.regione.esempio.it", AT).orElseThrow();
        assertThat(reply.registration()).map(ProtocolId::number).contains(42L);
        assertThat(reply.event().type()).isEqualTo(TransmissionEvent.Type.NOTIFICA_ECCEZIONE);
        assertThat(reply.event().note()).hasValueSatisfying(n -> assertThat(n).startsWith("002_AnomaliaImpronte").contains("delibera.pdf"));
        InteropReceipts.Reply annul = InteropReceipts.of(new AnnullamentoProtocollazione(THEIRS, "errore materiale", "Det. 3/2025"),
                "protocollo@pec.regione.esempio.it", AT).orElseThrow();
        assertThat(annul.event().type()).isEqualTo(TransmissionEvent.Type.ANNULLAMENTO);
        assertThat(annul.event().note()).contains("errore materiale (Det. 3/2025)");
    }
}
