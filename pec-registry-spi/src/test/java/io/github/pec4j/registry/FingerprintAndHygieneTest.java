package io.github.pec4j.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The idempotency fingerprint, the protected-field comparison, and secrets kept out of toString. */
class FingerprintAndHygieneTest {
    private static final RegisterId PG = RegisterId.of("c_h501", "A1", "PG");
    private static final byte[] PDF = "%PDF-1.4\n% uno\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] XML = "<a/>".getBytes(StandardCharsets.US_ASCII);
    private static final Instant RECEIVED = Instant.parse("2025-03-14T08:59:58.250Z");

    /** The base request: everything the fingerprint covers is set. */
    private static RegistrationRequest.Builder base() {
        return RegistrationRequest.incoming(PG, Channel.PEC)
                .correspondent(Correspondent.of("Regione Lombardia", "protocollo@pec.regione.example.it"))
                .oggetto("Trasmissione delibera")
                .senderReference(new SenderReference("0004711", LocalDate.of(2025, 3, 13)))
                .document(DocumentRequest.of("delibera.pdf", "application/pdf", PDF))
                .document(DocumentRequest.of("allegato.xml", "application/xml", XML))
                .receivedAt(RECEIVED)
                .classification(Classification.of("VI.3"))
                .idempotencyKey(IdempotencyKey.of("k1"))
                .operator(Actor.system("intake"));
    }

    private static String fp(RegistrationRequest r) throws Exception {
        return r.fingerprint();
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 the fingerprint is fp1: and a SHA-256, the same whether computed from the bytes or from their impronte")
    void format() throws Exception {
        RegistrationRequest r = base().build();
        String fingerprint = fp(r);
        assertThat(fingerprint).matches("fp1:[0-9a-f]{64}");
        assertThat(r.fingerprint(List.of(Impronta.of(PDF), Impronta.of(XML)))).isEqualTo(fingerprint);
        assertThat(fp(base().build())).isEqualTo(fingerprint);
        assertThatThrownBy(() -> r.fingerprint(List.of(Impronta.of(PDF)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 what a retry may decide differently leaves the fingerprint unchanged")
    void retryDecisionsIgnored() throws Exception {
        String fingerprint = fp(base().build());
        RegistrationRequest retry = RegistrationRequest.incoming(PG, Channel.PEC)
                .correspondent(Correspondent.of("Regione Lombardia", "protocollo@pec.regione.example.it").withIpaCode("r_lombar").withTaxCode("80050050154"))
                .oggetto("Trasmissione delibera")
                .senderReference(new SenderReference("0004711", LocalDate.of(2025, 3, 13)))
                .document(DocumentRequest.of("delibera .pdf", "application/octet-stream", PDF))
                .document(DocumentRequest.of("allegato-1.xml", "text/xml", XML))
                .receivedAt(RECEIVED.plusNanos(999))
                .classification(Classification.of("I.1"))
                .fascicolo("2025-I.1-0001")
                .assign(Assignment.competenza("UFF-TEC"))
                .riservato(true)
                .idempotencyKey(IdempotencyKey.of("another-key"))
                .generated((id, at) -> List.of())
                .operator(Actor.of("op.rossi", "Giulia Rossi"))
                .build();
        assertThat(fp(retry)).isEqualTo(fingerprint);
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 every fact of what the message is changes the fingerprint")
    void everyFactCounts() throws Exception {
        String fingerprint = fp(base().build());
        List<UnaryOperator<RegistrationRequest>> changes = List.of(
                r -> copy(r, RegisterId.of("c_h501", "A1", "DET"), r.direction(), r.channel(), r.correspondents(), r.oggetto(), r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), Direction.OUTGOING, r.channel(), r.correspondents(), r.oggetto(), r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), Channel.PEO, r.correspondents(), r.oggetto(), r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), List.of(Correspondent.of("Regione Lombardia", "altro@pec.regione.example.it")), r.oggetto(), r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), List.of(Correspondent.of("Regione Piemonte", "protocollo@pec.regione.example.it")), r.oggetto(), r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), List.of(r.correspondents().get(0).inCopy()), r.oggetto(), r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), List.of(r.correspondents().get(0), Correspondent.named("Altro")), r.oggetto(), r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), "Trasmissione delibera ", r.senderReference(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), Optional.empty(), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), Optional.of(new SenderReference("0004712", LocalDate.of(2025, 3, 13))), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), Optional.of(new SenderReference("0004711", LocalDate.of(2025, 3, 12))), r.documents(), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), r.senderReference(), List.of(r.documents().get(1), r.documents().get(0)), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), r.senderReference(), List.of(r.documents().get(0)), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), r.senderReference(),
                        List.of(r.documents().get(0), DocumentRequest.of("allegato.xml", "application/xml", "<b/>".getBytes(StandardCharsets.US_ASCII))), r.receivedAt()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), r.senderReference(), r.documents(), Optional.empty()),
                r -> copy(r, r.register(), r.direction(), r.channel(), r.correspondents(), r.oggetto(), r.senderReference(), r.documents(), Optional.of(RECEIVED.plusMillis(1))));
        for (int i = 0; i < changes.size(); i++) {
            assertThat(fp(changes.get(i).apply(base().build()))).as("REG-DUP-02 change %d must change the fingerprint", i).isNotEqualTo(fingerprint);
        }
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 the fingerprint reads the bytes: a declared impronta that lies does not make other bytes look the same")
    void bytesNotDeclarations() throws Exception {
        RegistrationRequest honest = base().build();
        byte[] other = "%PDF-1.4\n% due\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        RegistrationRequest lying = copy(honest, honest.register(), honest.direction(), honest.channel(), honest.correspondents(), honest.oggetto(),
                honest.senderReference(), List.of(DocumentRequest.of("delibera.pdf", "application/pdf", other).expecting(Impronta.of(PDF)),
                        honest.documents().get(1)), honest.receivedAt());
        assertThat(fp(lying)).isNotEqualTo(fp(honest));
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 field boundaries count: moving text from one field into the next changes the fingerprint")
    void unambiguous() throws Exception {
        RegistrationRequest two = RegistrationRequest.incoming(PG, Channel.PAPER).correspondent(Correspondent.named("A"))
                .correspondent(Correspondent.named("B")).oggetto("o").classification(Classification.of("I")).operator(Actor.system("x")).build();
        RegistrationRequest one = RegistrationRequest.incoming(PG, Channel.PAPER).correspondent(Correspondent.named("A\u0000\u0000\u0000\u0001B"))
                .oggetto("o").classification(Classification.of("I")).operator(Actor.system("x")).build();
        assertThat(fp(one)).isNotEqualTo(fp(two));
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 a registration's own fingerprint equals its request's, whatever changed after commit")
    void registrationFingerprint() throws Exception {
        RegistrationRequest request = base().build();
        Registration r = registrationOf(request);
        assertThat(r.fingerprint()).isEqualTo(fp(request));
        Registration changed = r.withChange(Change.classify(Classification.of("I.1"))).withChange(Change.fileInto("F-1"))
                .withAnnulment(new Annulment(new AnnulmentRequest("Det. 1", LocalDate.of(2025, 3, 15), "errore", Actor.system("rgd")), Instant.EPOCH));
        assertThat(changed.fingerprint()).isEqualTo(fp(request));
        Registration otherOggetto = new Registration(r.id(), r.registeredAt(), r.direction(), r.channel(), r.correspondents(), "Altro", r.senderReference(),
                r.documents(), r.classification(), r.fascicolo(), r.assignments(), r.annulment(), r.idempotencyKey(), r.receivedAt(), r.riservato(),
                r.registeredBy(), r.emergency());
        assertThat(otherOggetto.fingerprint()).isNotEqualTo(fp(request));
    }

    @Test
    @Tag("REG-DUP-02")
    @DisplayName("REG-DUP-02 an idempotency conflict names the key and the existing registration, in its message and its accessor")
    void conflict() {
        ProtocolId existing = ProtocolId.of(PG, 2025, 1);
        RegistryException e = RegistryException.idempotencyConflict(IdempotencyKey.of("msg:abc"), existing);
        assertThat(e.reason()).isEqualTo(RegistryException.Reason.IDEMPOTENCY_CONFLICT);
        assertThat(e.existingRegistration()).contains(existing);
        assertThat(e.getMessage()).startsWith("IDEMPOTENCY_CONFLICT: ").contains("msg:abc").contains("c_h501/A1/PG/2025/0000001")
                .contains("nothing registered");
        assertThat(new RegistryException(RegistryException.Reason.STORAGE, "x").existingRegistration()).isEmpty();
        assertThat(new RegistryException(RegistryException.Reason.STORAGE, "x", new java.io.IOException("disco pieno")).existingRegistration()).isEmpty();
    }

    // ------------------------------------------------------------------ REG-IMM-01

    @Test
    @Tag("REG-IMM-01")
    @DisplayName("REG-IMM-01 sameProtectedFields is false when numero, data, direction, correspondents, oggetto or a document differ")
    void protectedFieldsCompared() throws Exception {
        Registration r = registrationOf(base().build());
        assertThat(r.sameProtectedFields(r)).isTrue();
        List<Registration> altered = List.of(
                with(r, ProtocolId.of(PG, 2025, 2), r.registeredAt(), r.direction(), r.correspondents(), r.oggetto(), r.documents()),
                with(r, ProtocolId.of(PG, 2024, 1), r.registeredAt(), r.direction(), r.correspondents(), r.oggetto(), r.documents()),
                with(r, r.id(), r.registeredAt().plusMillis(1), r.direction(), r.correspondents(), r.oggetto(), r.documents()),
                with(r, r.id(), r.registeredAt(), Direction.OUTGOING, r.correspondents(), r.oggetto(), r.documents()),
                with(r, r.id(), r.registeredAt(), r.direction(), List.of(Correspondent.named("Altro")), r.oggetto(), r.documents()),
                with(r, r.id(), r.registeredAt(), r.direction(), r.correspondents(), r.oggetto() + ".", r.documents()),
                with(r, r.id(), r.registeredAt(), r.direction(), r.correspondents(), r.oggetto(), r.documents().subList(0, 1)),
                with(r, r.id(), r.registeredAt(), r.direction(), r.correspondents(), r.oggetto(),
                        List.of(r.documents().get(0), new StoredDocument(1, StoredDocument.Role.ATTACHMENT, "allegato.xml", "application/xml", 4,
                                Impronta.of("<b/>".getBytes(StandardCharsets.US_ASCII))))));
        for (int i = 0; i < altered.size(); i++) {
            assertThat(altered.get(i).sameProtectedFields(r)).as("REG-IMM-01 alteration %d must be seen", i).isFalse();
            assertThat(r.sameProtectedFields(altered.get(i))).as("REG-IMM-01 alteration %d must be seen both ways", i).isFalse();
        }
        Registration allowed = r.withChange(Change.classify(Classification.of("II"))).withChange(Change.assign(Assignment.competenza("U")))
                .withChange(Change.fileInto("F")).withChange(Change.unassign("U")).withChange(Change.removeFromFascicolo());
        assertThat(allowed.sameProtectedFields(r)).isTrue();
        assertThat(allowed.classification()).isEqualTo(Classification.of("II"));
        assertThat(allowed.assignments()).isEmpty();
        assertThat(allowed.fascicolo()).isEmpty();
    }

    // ------------------------------------------------------------------ hygiene

    @Test
    @DisplayName("RegistryOptions.toString hides passwords, secrets, tokens and credentials, also inside URLs, and shows the rest")
    void optionsRedacted() {
        RegistryOptions options = RegistryOptions.defaults().withClock(Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC))
                .with("jdbc.url", "jdbc:postgresql://db:5432/protocollo?user=pec&password=Url-S3cret&ssl=true")
                .with("jdbc.user", "pec")
                .with("jdbc.password", "Pw-S3cret")
                .with("api.token", "Tk-S3cret")
                .with("s3.SecretKey", "Sk-S3cret")
                .with("vault.credentials", "Cr-S3cret")
                .with("mirror.url", "https://admin:Basic-S3cret@host.example/x")
                .with("h2.url", "jdbc:h2:file:./r;PASSWORD=H2-S3cret;WRITE_DELAY=0")
                .with("content.dir", "/var/lib/pec4j");
        String shown = options.toString();
        assertThat(shown).doesNotContain("S3cret")
                .contains("jdbc.password=***", "api.token=***", "s3.SecretKey=***", "vault.credentials=***")
                .contains("password=***&ssl=true", "https://admin:***@host.example/x", "PASSWORD=***;WRITE_DELAY=0")
                .contains("jdbc.user=pec", "content.dir=/var/lib/pec4j", "jdbc:postgresql://db:5432/protocollo?user=pec");
        assertThat(options.property("jdbc.password")).contains("Pw-S3cret");
        assertThat(options.properties().toString()).contains("Pw-S3cret"); // the map itself is the caller's to guard
    }

    // ------------------------------------------------------------------ helpers

    private static RegistrationRequest copy(RegistrationRequest r, RegisterId register, Direction direction, Channel channel,
            List<Correspondent> correspondents, String oggetto, Optional<SenderReference> senderReference, List<DocumentRequest> documents,
            Optional<Instant> receivedAt) {
        return new RegistrationRequest(register, direction, channel, correspondents, oggetto, senderReference, documents, r.classification(),
                r.fascicolo(), r.assignments(), receivedAt, r.idempotencyKey(), r.riservato(), r.operator(), r.generated(), r.emergency());
    }

    /** The registration a registry would make of {@code request}, with a generated segnatura after the documents. */
    private static Registration registrationOf(RegistrationRequest request) throws Exception {
        List<StoredDocument> docs = new java.util.ArrayList<>();
        for (DocumentRequest d : request.documents()) {
            byte[] bytes;
            try (var in = d.content().open()) {
                bytes = in.readAllBytes();
            }
            docs.add(new StoredDocument(docs.size(), docs.isEmpty() ? StoredDocument.Role.PRIMARY : StoredDocument.Role.ATTACHMENT,
                    d.fileName(), d.mediaType(), bytes.length, Impronta.of(bytes)));
        }
        docs.add(new StoredDocument(docs.size(), StoredDocument.Role.GENERATED, "Segnatura.xml", "application/xml", 3, Impronta.of(new byte[3])));
        return new Registration(ProtocolId.of(request.register(), 2025, 1), Instant.parse("2025-03-14T09:00:00.123Z"), request.direction(),
                request.channel(), request.correspondents(), request.oggetto(), request.senderReference(), docs, request.classification(),
                request.fascicolo(), request.assignments(), Optional.empty(), request.idempotencyKey(), request.receivedAt(), request.riservato(),
                request.operator(), request.emergency());
    }

    private static Registration with(Registration r, ProtocolId id, Instant at, Direction direction, List<Correspondent> correspondents,
            String oggetto, List<StoredDocument> documents) {
        return new Registration(id, at, direction, r.channel(), correspondents, oggetto, r.senderReference(), documents, r.classification(),
                r.fascicolo(), r.assignments(), r.annulment(), r.idempotencyKey(), r.receivedAt(), r.riservato(), r.registeredBy(), r.emergency());
    }
}
