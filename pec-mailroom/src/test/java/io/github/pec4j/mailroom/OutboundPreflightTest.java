package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.CITTADINO;
import static io.github.pec4j.mailroom.OutboundFixture.PDF;
import static io.github.pec4j.mailroom.OutboundFixture.REGIONE;
import static io.github.pec4j.mailroom.OutboundFixture.STUDIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.pec4j.directory.StaticDirectory;
import io.github.pec4j.mailroom.Preflight.Code;
import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pre-flight: every failure at once, and nothing registered or sent when it fails (no number used). */
class OutboundPreflightTest {
    private static final String CF = "RSSMRA80A01H501U";
    private static final String DOMICILE = "mario.rossi@pec.example.it";

    private static Outbound.Builder outbound(Harness h) {
        return Outbound.builder(h.registry, Harness.REGISTER, Harness.BOX).mailSender(h.smtp).ipa(OutboundFixture.ipa()).trust(h.trust)
                .clock(h.clock);
    }

    @Test
    @Tag("OUT-PRE-01")
    @DisplayName("OUT-PRE-01 a refused pre-flight lists every failure at once and uses no number: the next letter is number 1")
    void everyFailureAtOnceAndNoNumberUsed() throws Exception {
        try (Harness h = new Harness(); Outbound outbound = outbound(h).policy(OutboundPolicy.defaults().withProviderLimit(1_000)).build()) {
            OutboundRequest bad = OutboundFixture.letter(Recipient.codiceFiscale(CF), Recipient.pec("not an address"), Recipient.ipa("x_ignoto"),
                    Recipient.pec(STUDIO), Recipient.pec(STUDIO.toUpperCase(Locale.ROOT))).build();

            OutboundResult refused = outbound.send(bad);

            assertThat(refused.state()).isEqualTo(OutboundResult.State.REFUSED_BY_PREFLIGHT);
            assertThat(refused.protocol()).isEmpty();
            assertThat(refused.preflight().errors()).extracting(Preflight.Problem::code)
                    .containsExactlyInAnyOrder(Code.NO_DOMICILE, Code.BAD_ADDRESS, Code.NO_DOMICILE, Code.DUPLICATE_RECIPIENT, Code.TOO_LARGE);
            assertThat(refused.preflight().errors()).extracting(Preflight.Problem::subject).contains("cf:" + CF, "not an address", "ipa:x_ignoto", "*");
            assertThat(OutboundFixture.registrations(h)).isZero();
            assertThat(h.smtp.attempts).isZero();
            assertThat(outbound.preflight(bad).errors()).hasSize(5);

            try (Outbound ok = outbound(h).build()) {
                OutboundResult sent = ok.send(OutboundFixture.letter(Recipient.pec(STUDIO)).build());
                assertThat(sent.state()).isEqualTo(OutboundResult.State.SUBMITTED);
                assertThat(sent.protocol().orElseThrow().number()).as("the refused letter used no number").isEqualTo(1);
            }
        }
    }

    @Test
    @Tag("OUT-PRE-01")
    @DisplayName("OUT-PRE-01 a codice fiscale is sent to its digital domicile; an administration's address is recognised in IPA")
    void resolvesDomiciles() throws Exception {
        StaticDirectory inad = StaticDirectory.builder("inad").domicile(CF, DOMICILE).build();
        try (Harness h = new Harness(); Outbound outbound = outbound(h).directory(inad).build()) {
            OutboundResult sent = outbound.send(OutboundFixture.letter(Recipient.codiceFiscale(CF), Recipient.ipa("R_ESEMPIO")).build());

            assertThat(sent.state()).as(sent.toString()).isEqualTo(OutboundResult.State.SUBMITTED);
            assertThat(sent.recipients()).extracting(Addressee::address).containsExactly(DOMICILE, REGIONE);
            assertThat(h.registry.find(sent.protocol().orElseThrow()).orElseThrow().correspondents())
                    .extracting(Correspondent::taxCode, Correspondent::ipaCode)
                    .containsExactly(tuple(Optional.of(CF), Optional.empty()),
                            tuple(Optional.of("80000000001"), Optional.of("r_esempio")));
            assertThat(h.smtp.sent).hasSize(1);
        }
    }

    @Test
    @Tag("OUT-PRE-02")
    @DisplayName("OUT-PRE-02 under Mogliano's policy an unsigned primary, a non-PDF secondary and an ordinary address are refused before any number is used")
    void moglianoRefusesUnsignedPrimary() throws Exception {
        try (Harness h = new Harness(); Outbound outbound = outbound(h).policy(OutboundPolicy.mogliano()).build()) {
            OutboundRequest unsigned = OutboundRequest.builder().subject("Comunicazione").primary(OutboundDocument.of("lettera.pdf", "application/pdf", PDF))
                    .attach(OutboundDocument.of("note.txt", "text/plain", OutboundFixture.text("note\n"))).to(Recipient.pec(REGIONE))
                    .to(Recipient.email(CITTADINO)).classification(Classification.of("I.1")).operator(Actor.of("m.rossi", "Mario Rossi")).build();

            OutboundResult refused = outbound.send(unsigned);

            assertThat(refused.state()).isEqualTo(OutboundResult.State.REFUSED_BY_PREFLIGHT);
            assertThat(refused.preflight().errors()).extracting(Preflight.Problem::code)
                    .containsExactlyInAnyOrder(Code.UNSIGNED_PRIMARY, Code.SECONDARY_FORMAT, Code.ORDINARY_ADDRESS);
            assertThat(OutboundFixture.registrations(h)).isZero();
            assertThat(h.smtp.attempts).isZero();

            OutboundResult signed = outbound.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build());
            assertThat(signed.state()).as(signed.toString()).isEqualTo(OutboundResult.State.SUBMITTED);
            assertThat(signed.protocol().orElseThrow().number()).isEqualTo(1);
        }
    }

    @Test
    @Tag("OUT-PRE-02")
    @DisplayName("OUT-PRE-02 by default an unsigned primary only warns, and an ordinary address warns that delivery will not be provable")
    void defaultPolicyWarns() throws Exception {
        try (Harness h = new Harness(); Outbound outbound = outbound(h).build()) {
            OutboundRequest unsigned = OutboundRequest.builder().subject("Comunicazione").primary(OutboundDocument.of("lettera.pdf", "application/pdf", PDF))
                    .to(Recipient.email(CITTADINO)).classification(Classification.of("I.1")).operator(Actor.of("m.rossi", "Mario Rossi")).build();

            OutboundResult sent = outbound.send(unsigned);

            assertThat(sent.state()).isEqualTo(OutboundResult.State.SUBMITTED);
            assertThat(sent.preflight().warnings()).extracting(Preflight.Problem::code).containsExactlyInAnyOrder(Code.UNSIGNED_PRIMARY,
                    Code.ORDINARY_ADDRESS);
            assertThat(sent.recipients()).extracting(Addressee::domicile).containsExactly(false);
        }
    }
}
