package io.github.pec4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static final RegisterId PG = RegisterId.of("c_h501", "A1", "PG");

    @Test
    @Tag("REG-NUM-01")
    @DisplayName("REG-NUM-01 numbers render zero-padded to seven digits; longer numbers unchanged; ids parse back")
    void numberFormat() {
        assertThat(ProtocolId.format(1234)).isEqualTo("0001234");
        assertThat(ProtocolId.format(1)).isEqualTo("0000001");
        assertThat(ProtocolId.format(9_999_999)).isEqualTo("9999999");
        assertThat(ProtocolId.format(12_345_678)).isEqualTo("12345678");
        ProtocolId id = ProtocolId.of(PG, 2025, 42);
        assertThat(id).hasToString("c_h501/A1/PG/2025/0000042");
        assertThat(ProtocolId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> ProtocolId.of(PG, 2025, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolId.parse("c_h501/A1/PG/25/1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegisterId.of("c h501", "A1", "PG")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("REG-DUP-01")
    @DisplayName("REG-DUP-01 the message key ignores angle brackets and mailbox case, and differs per mailbox and per message")
    void messageKey() {
        IdempotencyKey a = IdempotencyKey.forMessage("Protocollo@PEC.comune.example.it", "<opec.1@pec.example>", "<c.1@client>");
        IdempotencyKey b = IdempotencyKey.forMessage("protocollo@pec.comune.example.it", " opec.1@pec.example ", "c.1@client");
        assertThat(a).isEqualTo(b);
        assertThat(a.value()).startsWith("msg:").hasSize(4 + 64);
        assertThat(IdempotencyKey.forMessage("altro@pec.example.it", "<opec.1@pec.example>", "<c.1@client>")).isNotEqualTo(a);
        assertThat(IdempotencyKey.forMessage("protocollo@pec.comune.example.it", "<opec.2@pec.example>", "<c.1@client>")).isNotEqualTo(a);
        assertThat(IdempotencyKey.forMessage("protocollo@pec.comune.example.it", "<opec.1@pec.example>", "")).isNotEqualTo(a);
        assertThatThrownBy(() -> IdempotencyKey.of("with space")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("SEC-CLOSED-09")
    @DisplayName("SEC-CLOSED-09 the key of a message identified by unsigned headers is never the key of the same identifiers signed")
    void unsignedMessageKey() {
        IdempotencyKey signed = IdempotencyKey.forMessage("protocollo@pec.comune.example.it", "<opec.1@pec.example>", "<c.1@client>");
        IdempotencyKey unsigned = IdempotencyKey.forUnsignedMessage("Protocollo@PEC.comune.example.it", " opec.1@pec.example ", "c.1@client");
        assertThat(unsigned).isNotEqualTo(signed);
        assertThat(unsigned.value()).startsWith("hdr:").hasSize(4 + 64).endsWith(signed.value().substring(4));
        assertThat(IdempotencyKey.forUnsignedMessage("protocollo@pec.comune.example.it", "<opec.1@pec.example>", "<c.1@client>"))
                .isEqualTo(unsigned);
    }

    @Test
    @Tag("REG-HASH-01")
    @DisplayName("REG-HASH-01 the impronta is the base64 SHA-256 of the bytes, equal whether hashed from an array or a stream")
    void impronta() throws Exception {
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);
        Impronta i = Impronta.of(bytes);
        assertThat(i.base64()).isEqualTo("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
        assertThat(i.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Impronta.of(new ByteArrayInputStream(bytes))).isEqualTo(i);
        assertThat(Impronta.ofBase64(i.base64())).isEqualTo(i).hasSameHashCodeAs(i);
        assertThat(Impronta.ofHex(i.hex())).isEqualTo(i);
        byte[] raw = i.sha256();
        raw[0] = 0;
        assertThat(i.sha256()[0]).isNotZero();
        assertThatThrownBy(() -> new Impronta(Base64.getDecoder().decode("AAAA"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("REG-FIELD-01")
    @Tag("REG-FIELD-02")
    @DisplayName("REG-FIELD-01/02 a request lists every missing mandatory item at once")
    void requestValidation() {
        assertThatThrownBy(() -> RegistrationRequest.outgoing(PG, Channel.PEC).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("destinatari").hasMessageContaining("oggetto").hasMessageContaining("classification")
                .hasMessageContaining("operator").hasMessageContaining("impronta");
    }

    @Test
    @Tag("REG-IMM-01")
    @DisplayName("REG-IMM-01 allowed changes leave the protected fields as they were")
    void changes() {
        Registration r = new Registration(ProtocolId.of(PG, 2025, 1), Instant.parse("2025-01-02T10:00:00Z"), Direction.INCOMING, Channel.PEC,
                List.of(Correspondent.of("A", "a@pec.example.it")), "Oggetto", Optional.empty(),
                List.of(new StoredDocument(0, StoredDocument.Role.PRIMARY, "a.pdf", "application/pdf", 3, Impronta.of(new byte[3]))),
                Classification.of("I"), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Actor.system("intake"), Optional.empty());
        Registration changed = r.withChange(Change.classify(Classification.of("II")))
                .withChange(Change.assign(Assignment.competenza("U1")))
                .withChange(Change.assign(Assignment.conoscenza("U1")))
                .withChange(Change.fileInto("F-1"));
        assertThat(changed.sameProtectedFields(r)).isTrue();
        assertThat(changed.assignments()).containsExactly(Assignment.conoscenza("U1"));
        AuditEntry audit = r.withChanges(List.of(Change.classify(Classification.of("II"))), Instant.EPOCH, Actor.system("x")).audit().get(0);
        assertThat(audit.before()).contains("I");
        assertThat(audit.after()).contains("II");
        assertThatThrownBy(() -> r.correspondents().add(Correspondent.named("B"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @Tag("REG-DAY-01")
    @DisplayName("REG-DAY-01 the daily register CSV quotes separators and neutralises spreadsheet formulas")
    void dailyFormat() {
        Registration r = new Registration(ProtocolId.of(PG, 2025, 7), Instant.parse("2025-07-01T06:00:00Z"), Direction.OUTGOING, Channel.PEC,
                List.of(Correspondent.of("=HYPERLINK(\"x\")", "a@pec.example.it").inCopy()), "Oggetto, con \"virgolette\"\nsu due righe",
                Optional.of(new SenderReference("12", LocalDate.of(2025, 6, 30))), List.of(), Classification.of("I"), Optional.of("F"),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, Actor.system("intake"), Optional.empty());
        String csv = new String(DailyRegisterFormat.render(PG, LocalDate.of(2025, 7, 1), List.of(r)), StandardCharsets.UTF_8);
        assertThat(csv).contains("0000007,2025,2025-07-01T08:00:00+02:00,OUTGOING,PEC,\"'=HYPERLINK(\"\"x\"\") <a@pec.example.it> (cc)\"")
                .contains("\"Oggetto, con \"\"virgolette\"\"\nsu due righe\"").contains(",12 del 2025-06-30,").endsWith("\r\n");
        assertThat(DailyRegisterFormat.render(PG, LocalDate.of(2025, 7, 1), List.of(r))).isEqualTo(csv.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DailyRegisterFormat.render(PG, LocalDate.of(2025, 7, 2), List.of(r))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("REG-EMER-01")
    @DisplayName("REG-EMER-01 emergency entries get distinct, stable idempotency keys even with the longest codes")
    void emergencyKeys() {
        String x = "x".repeat(64);
        RegisterId longest = RegisterId.of(x, x, x);
        java.time.Instant start = java.time.Instant.parse("2025-03-10T08:00:00Z");
        RegistrationRequest request = RegistrationRequest.incoming(longest, Channel.PAPER).correspondent(Correspondent.named("A"))
                .oggetto("o").classification(Classification.of("I")).operator(Actor.system("op")).build();
        EmergencyRegister e = new EmergencyRegister(x, longest, "guasto", start, start.plusSeconds(3600), List.of(),
                List.of(new EmergencyRegister.Entry(1, start, request), new EmergencyRegister.Entry(2, start, request)));
        IdempotencyKey k1 = e.keyOf(e.entries().get(0));
        assertThat(k1.value().length()).isLessThanOrEqualTo(128);
        assertThat(k1).isEqualTo(e.keyOf(e.entries().get(0))).isNotEqualTo(e.keyOf(e.entries().get(1)));
        EmergencyRegister shortCodes = new EmergencyRegister("RE-1", PG, "guasto", start, start.plusSeconds(3600), List.of(),
                List.of(new EmergencyRegister.Entry(7, start, RegistrationRequest.incoming(PG, Channel.PAPER).correspondent(Correspondent.named("A"))
                        .oggetto("o").classification(Classification.of("I")).operator(Actor.system("op")).build())));
        assertThat(shortCodes.keyOf(shortCodes.entries().get(0)).value()).isEqualTo("emergency:c_h501:A1:RE-1:7");
    }

    @Test
    @DisplayName("without a provider, opening a registry fails and says what was found")
    void noProvider() {
        assertThatThrownBy(() -> ProtocolRegistries.open("acme", RegistryOptions.defaults()))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("no registry provider with id 'acme'").hasMessageContaining("found: none")
                .satisfies(e -> assertThat(((RegistryException) e).reason()).isEqualTo(RegistryException.Reason.NO_PROVIDER));
    }

    @Test
    @DisplayName("the SPI module exports exactly its API package and depends on the JDK only")
    void moduleDescriptor() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(ProtocolRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.lang.module.ModuleDescriptor d = java.lang.module.ModuleFinder.of(classes).find("io.github.pec4j.registry").orElseThrow().descriptor();
        assertThat(d.exports()).extracting(java.lang.module.ModuleDescriptor.Exports::source).containsExactly("io.github.pec4j.registry");
        assertThat(d.requires()).extracting(java.lang.module.ModuleDescriptor.Requires::name).containsExactly("java.base");
        assertThat(d.uses()).containsExactly(RegistryProvider.class.getName());
    }
}
