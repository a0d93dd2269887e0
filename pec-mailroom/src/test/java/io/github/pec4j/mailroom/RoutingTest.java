package io.github.pec4j.mailroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.IntakeEntry.Outcome;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SenderReference;
import io.github.pec4j.segnatura.Classifica;
import io.github.pec4j.segnatura.Documento;
import io.github.pec4j.segnatura.Identificatore;
import io.github.pec4j.segnatura.SealKey;
import io.github.pec4j.segnatura.Segnatura;
import io.github.pec4j.segnatura.SegnaturaWriter;
import io.github.pec4j.segnatura.Soggetto;
import io.github.pec4j.testkit.AdmissionScenarios;
import io.github.pec4j.testkit.Attachments;
import io.github.pec4j.testkit.TestPki;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoutingTest {
    private static Routing.Rule rule(String name, List<String> recipients, List<String> senders, List<String> words, List<String> uo,
            List<String> competenza, List<String> conoscenza) {
        return new Routing.Rule(name, recipients, senders, words, uo, competenza, conoscenza);
    }

    private static final Routing ROUTING = Routing.of(List.of(
            rule("suap", List.of("suap@pec.comune.esempio.it"), List.of(), List.of(), List.of(), List.of("SUAP"), List.of()),
            rule("regione", List.of(), List.of("*@pec.regione.esempio.it"), List.of(), List.of(), List.of("SEGRETERIA"), List.of("SINDACO")),
            rule("tributi", List.of(), List.of(), List.of("IMU", "tari"), List.of(), List.of("TRIBUTI"), List.of()),
            rule("urbanistica", List.of(), List.of(), List.of(), List.of("UO_URB"), List.of("URBANISTICA"), List.of()),
            rule("tributi-dalla-regione", List.of(), List.of("*@pec.regione.esempio.it"), List.of("imu"), List.of(), List.of(), List.of("TRIBUTI"))),
            "PROTOCOLLO");

    private static List<String> route(List<String> to, String from, String subject, List<String> uo) {
        return ROUTING.route(new Routing.Facts(to, Optional.of(from), Optional.of(subject), uo)).stream().map(Assignment::describe).toList();
    }

    @Test
    @DisplayName("every matching rule applies; competenza beats conoscenza; nothing routed lands on the protocol office's desk")
    void rules() {
        assertThat(route(List.of("protocollo@pec.comune.esempio.it"), "mario@pec.example.it", "Saluti", List.of()))
                .containsExactly("PROTOCOLLO:competenza");
        assertThat(route(List.of("SUAP@pec.comune.esempio.it"), "ditta@pec.example.it", "Pratica", List.of())).containsExactly("SUAP:competenza");
        assertThat(route(List.of("protocollo@pec.comune.esempio.it"), "Ufficio@PEC.regione.esempio.it", "Versamento IMU 2024", List.of()))
                .containsExactly("SEGRETERIA:competenza", "TRIBUTI:competenza", "SINDACO:conoscenza");
        assertThat(route(List.of("protocollo@pec.comune.esempio.it"), "x@pec.example.it", "Piano", List.of("uo_urb")))
                .containsExactly("URBANISTICA:competenza");
    }

    @Test
    @DisplayName("a conoscenza-only match still gives the protocol office competenza")
    void conoscenzaOnly() {
        Routing r = Routing.of(List.of(rule("info", List.of(), List.of(), List.of("avviso"), List.of(), List.of(), List.of("SINDACO"))), "PROTOCOLLO");
        assertThat(r.route(new Routing.Facts(List.of(), Optional.empty(), Optional.of("Avviso pubblico"), List.of())))
                .extracting(Assignment::describe).containsExactly("PROTOCOLLO:competenza", "SINDACO:conoscenza");
    }

    @Test
    @DisplayName("a rule without criterion or office, or a bad office code, is refused")
    void invalidRules() {
        assertThatThrownBy(() -> rule("vuota", List.of(), List.of(), List.of(), List.of(), List.of("X"), List.of()))
                .hasMessageContaining("no criterion");
        assertThatThrownBy(() -> rule("senza", List.of(), List.of(), List.of("a"), List.of(), List.of(), List.of()))
                .hasMessageContaining("assigns no office");
        assertThatThrownBy(() -> rule("codice", List.of(), List.of(), List.of("a"), List.of(), List.of("UFF TRIB"), List.of()))
                .hasMessageContaining("office code");
    }

    @Test
    @DisplayName("a PA's PEC with a sealed segnatura: routed by its destination office, registered with the sender's reference")
    void segnaturaOffice() throws Exception {
        TestPki pki = TestPki.shared();
        byte[] pdf = Attachments.pdf();
        Segnatura s = Segnatura.builder()
                .identificatore(Identificatore.of("r_esempio", "AOO_GIUNTA", "PG", 4711, LocalDate.of(2024, 3, 15)))
                .oggetto("Trasmissione delibera n. 12/2024")
                .classifica(Classifica.flat("Atti della Giunta", "I.6"))
                .mittente(Soggetto.Amministrazione.aoo("Regione Esempio", "r_esempio", "AOO_GIUNTA", AdmissionScenarios.PA_SENDER))
                .destinatario(new Soggetto.Amministrazione("Comune di Esempio", "c_esempio", Optional.of("AOO_CENTRALE"), Optional.of("UO_URB"),
                        Optional.of(AdmissionScenarios.AOO_BOX)))
                .documentoPrimario(Documento.of("delibera.pdf", "application/pdf", pdf))
                .build();
        byte[] xml = SegnaturaWriter.create(SealKey.of(pki.sealKey(), pki.sealCertificate())).write(s);
        try (Harness h = new Harness(); Mailroom mailroom = h.builder().routing(Routing.of(List.of(
                rule("urbanistica", List.of(), List.of(), List.of(), List.of("UO_URB"), List.of("URBANISTICA"), List.of())), "PROTOCOLLO")).build()) {
            h.mailbox.deliver(h.scenarios.paWithSegnatura(pdf, xml));

            IntakeEntry e = Harness.only(mailroom.runOnce());

            assertThat(e.outcome()).as(e.reasons().toString()).isEqualTo(Outcome.REGISTERED);
            Registration r = h.registry.find(e.registration().orElseThrow()).orElseThrow();
            assertThat(r.assignments()).extracting(Assignment::describe).containsExactly("URBANISTICA:competenza");
            assertThat(r.senderReference()).contains(new SenderReference("r_esempio/AOO_GIUNTA/PG/0004711", LocalDate.of(2024, 3, 15)));
        }
    }
}
