package io.github.pec4j.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pec4j.directory.StubServer.Reply;
import io.github.pec4j.directory.StubServer.Request;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InadDirectoryTest {
    private static final String CF = "RSSMRA80A01H501U";
    private static final LocalDate RECEIVED = LocalDate.of(2024, 3, 10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = new TestClock(Instant.parse("2025-12-01T10:00:00Z"));
    private StubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private InadDirectory inad(Function<Request, Reply> handler) throws IOException {
        server = new StubServer(handler);
        return builder(server.base()).build();
    }

    private InadDirectory.Builder builder(URI base) {
        return InadDirectory.builder(base)
                .tokenSupplier(() -> "voucher-1")
                .practicalReference("prot-2024-123")
                .requestTimeout(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(1))
                .clock(clock);
    }

    @Test
    @DisplayName("DIR-INAD-01 verify is called with the codice fiscale, the address and since = the date of receipt; outcome and dateTimeCheck are recorded")
    void verify() throws IOException {
        InadDirectory inad = inad(r -> Reply.json(200, "{\"outcome\":true,\"dateTimeCheck\":\"2025-12-01T09:15:00Z\"}"));
        Answer<Boolean> a = inad.verify(CF, "Mario.Rossi@pec.it", RECEIVED);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.FOUND);
        assertThat(a.value()).contains(true);
        assertThat(a.asOf()).isEqualTo(Instant.parse("2025-12-01T09:15:00Z"));
        assertThat(a.source()).isEqualTo("inad");

        Request r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.operation()).isEqualTo("/verify/" + CF);
        assertThat(r.query()).containsEntry("digital_address", "Mario.Rossi@pec.it")
                .containsEntry("since", "2024-03-10")
                .containsEntry("practicalReference", "prot-2024-123");
        assertThat(r.authorization()).isEqualTo("Bearer voucher-1");
    }

    @Test
    @DisplayName("DIR-INAD-01 a negative verify outcome is FOUND(false) with its dateTimeCheck")
    void verifyFalse() throws IOException {
        InadDirectory inad = inad(r -> Reply.json(200, "{\"outcome\":false,\"dateTimeCheck\":\"2025-12-01T11:15:00+01:00\"}"));
        Answer<Boolean> a = inad.verify(CF, "other@pec.it", RECEIVED, "fasc-9");
        assertThat(a.value()).contains(false);
        assertThat(a.asOf()).isEqualTo(Instant.parse("2025-12-01T10:15:00Z"));
        assertThat(server.requests().get(0).query()).containsEntry("practicalReference", "fasc-9");
    }

    private static final String EXTRACT = "{\"codiceFiscale\":\"" + CF + "\",\"since\":\"2025-12-01T09:00:00Z\",\"digitalAddress\":["
            + "{\"digitalAddress\":\"old@pec.it\",\"usageInfo\":{\"motivation\":\"CESSAZIONE_VOLONTARIA\",\"dateEndValidity\":\"2024-03-01T10:00:00Z\"}},"
            + "{\"digitalAddress\":\"studio@pec.it\",\"practicedProfession\":\"Avvocato\"}]}";

    @Test
    @DisplayName("DIR-INAD-01 extract: an address whose dateEndValidity precedes the day of receipt is not a domicile then")
    void extract() throws IOException {
        InadDirectory inad = inad(r -> Reply.json(200, EXTRACT));
        Answer<List<Domicile>> a = inad.domicilesOf(CF, RECEIVED);
        assertThat(a.isFound()).isTrue();
        assertThat(a.asOf()).as("INAD's extraction time").isEqualTo(Instant.parse("2025-12-01T09:00:00Z"));
        assertThat(a.value().orElseThrow()).singleElement().satisfies(d -> {
            assertThat(d.address()).isEqualTo("studio@pec.it");
            assertThat(d.profession()).contains("Avvocato");
            assertThat(d.source()).isEqualTo("inad");
        });
        assertThat(inad.domicilesOf(CF, LocalDate.of(2024, 2, 1)).value().orElseThrow()).extracting(Domicile::address)
                .containsExactly("old@pec.it", "studio@pec.it");
        assertThat(inad.domicilesOf(CF, LocalDate.of(2024, 2, 1)).value().orElseThrow().get(0).until())
                .contains(LocalDate.of(2024, 3, 1));

        Request r = server.requests().get(0);
        assertThat(r.operation()).isEqualTo("/extract/" + CF);
        assertThat(r.query()).containsEntry("practicalReference", "prot-2024-123");
        assertThat(r.authorization()).isEqualTo("Bearer voucher-1");
    }

    @Test
    @DisplayName("DIR-INAD-01 extract with only ceased addresses, or none, is NOT_FOUND")
    void extractNone() throws IOException {
        InadDirectory inad = inad(r -> Reply.json(200, "{\"codiceFiscale\":\"" + CF + "\",\"since\":\"2025-12-01T09:00:00Z\",\"digitalAddress\":[]}"));
        assertThat(inad.domicilesOf(CF, RECEIVED).outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);
    }

    @Test
    @DisplayName("DIR-CHAIN-01 NOT_FOUND only when INAD says so: a 404 with the API's error body")
    void notFound() throws IOException {
        InadDirectory inad = inad(r -> Reply.problem(404, "NOT_FOUND"));
        assertThat(inad.domicilesOf(CF, RECEIVED).outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);
        assertThat(inad.verify(CF, "a@pec.it", RECEIVED).outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);
    }

    @Test
    @DisplayName("DIR-CHAIN-01 a 404 without the API's error body (a wrong URL) is UNKNOWN")
    void notFoundWithoutBody() throws IOException {
        InadDirectory inad = inad(r -> new Reply(404, "<html>Not Found</html>", Map.of("Content-Type", "text/html"), 0));
        Answer<List<Domicile>> a = inad.domicilesOf(CF, RECEIVED);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.UNKNOWN);
        assertThat(a.reason()).hasValueSatisfying(x -> assertThat(x).startsWith(Answer.REASON_UNAVAILABLE).contains("404"));
    }

    @Test
    @DisplayName("DIR-CHAIN-01 HTTP errors (401, 403, 500, 503) are UNKNOWN with the status and INAD's error type")
    void httpErrors() throws IOException {
        AtomicInteger n = new AtomicInteger();
        int[] statuses = {401, 403, 500, 503};
        String[] types = {"UNAUTHORIZED", "FORBIDDEN", "INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE"};
        InadDirectory inad = inad(r -> {
            int i = n.getAndIncrement();
            return Reply.problem(statuses[i], types[i]);
        });
        for (int i = 0; i < statuses.length; i++) {
            Answer<List<Domicile>> a = inad.domicilesOf(CF, RECEIVED);
            assertThat(a.isUnknown()).isTrue();
            assertThat(a.reason().orElseThrow()).contains("HTTP " + statuses[i]).contains(types[i]);
            assertThat(a.asOf()).isEqualTo(clock.instant());
        }
    }

    @Test
    @DisplayName("DIR-CHAIN-01 malformed JSON, a missing outcome or an answer about another codice fiscale is UNKNOWN")
    void malformed() throws IOException {
        List<String> bodies = List.of("{not json", "[]", "{\"dateTimeCheck\":\"2025-12-01T09:15:00Z\"}",
                "{\"codiceFiscale\":\"BNCLRA85B41F205X\",\"since\":\"2025-12-01T09:00:00Z\",\"digitalAddress\":[]}",
                "{\"codiceFiscale\":\"" + CF + "\",\"digitalAddress\":[{\"practicedProfession\":\"x\"}]}",
                "{\"codiceFiscale\":\"" + CF + "\",\"digitalAddress\":{}}");
        AtomicInteger n = new AtomicInteger();
        InadDirectory inad = inad(r -> Reply.json(200, bodies.get(n.getAndIncrement())));
        assertThat(inad.domicilesOf(CF, RECEIVED).reason()).hasValueSatisfying(x -> assertThat(x).startsWith(Answer.REASON_MALFORMED));
        assertThat(inad.verify(CF, "a@pec.it", RECEIVED).reason()).hasValueSatisfying(x -> assertThat(x).startsWith(Answer.REASON_MALFORMED));
        assertThat(inad.verify(CF, "a@pec.it", RECEIVED).reason()).hasValueSatisfying(x -> assertThat(x).contains("outcome"));
        assertThat(inad.domicilesOf(CF, RECEIVED).reason()).hasValueSatisfying(x -> assertThat(x).contains("BNCLRA85B41F205X"));
        assertThat(inad.domicilesOf(CF, RECEIVED).isUnknown()).isTrue();
        assertThat(inad.domicilesOf(CF, RECEIVED).isUnknown()).isTrue();
    }

    @Test
    @DisplayName("DIR-CHAIN-01 a request that overruns its timeout is UNKNOWN (timeout)")
    void timeout() throws IOException {
        server = new StubServer(r -> new Reply(200, EXTRACT, Map.of(), 3_000));
        InadDirectory inad = builder(server.base()).requestTimeout(Duration.ofMillis(200)).build();
        Answer<List<Domicile>> a = inad.domicilesOf(CF, RECEIVED);
        assertThat(a.isUnknown()).isTrue();
        assertThat(a.reason()).hasValueSatisfying(x -> assertThat(x).startsWith(Answer.REASON_TIMEOUT));
    }

    @Test
    @DisplayName("DIR-CHAIN-01 a refused connection, a failing voucher supplier and a malformed codice fiscale are UNKNOWN")
    void unreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        InadDirectory refused = builder(URI.create("http://127.0.0.1:" + port + "/inad")).build();
        assertThat(refused.domicilesOf(CF, RECEIVED).reason()).hasValueSatisfying(x -> assertThat(x).startsWith(Answer.REASON_UNAVAILABLE));

        InadDirectory noVoucher = inad(r -> Reply.json(200, EXTRACT));
        InadDirectory failing = builder(server.base()).tokenSupplier(() -> {
            throw new IllegalStateException("PDND down");
        }).build();
        assertThat(failing.domicilesOf(CF, RECEIVED).reason()).hasValueSatisfying(x -> assertThat(x).contains("voucher").contains("PDND down"));
        assertThat(noVoucher.domicilesOf("not a cf", RECEIVED).reason()).hasValueSatisfying(x -> assertThat(x).startsWith(Answer.REASON_NOT_SUPPORTED));
        assertThat(server.requests()).isEmpty();
        assertThat(noVoucher.ownerOf("a@pec.it", RECEIVED).reason()).contains(Answer.REASON_NOT_SUPPORTED);
    }

    /** A stub of the batch operations: each request goes PRESA_IN_CARICO, IN_ELABORAZIONE, then 303. */
    private final class BatchStub implements Function<Request, Reply> {
        final Map<String, List<String>> batches = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        final List<JsonNode> posted = new ArrayList<>();
        final boolean stall;

        BatchStub(boolean stall) {
            this.stall = stall;
        }

        @Override
        public synchronized Reply apply(Request r) {
            try {
                String op = r.operation();
                if (r.method().equals("POST") && op.equals("/listDigitalAddress")) {
                    JsonNode body = JSON.readTree(r.body());
                    posted.add(body);
                    String id = "f8c3de3d-1fea-4d7c-a8b0-29f63c4c345" + batches.size();
                    List<String> cfs = new ArrayList<>();
                    body.get("codiciFiscali").forEach(n -> cfs.add(n.asText()));
                    batches.put(id, cfs);
                    polls.put(id, new AtomicInteger());
                    return new Reply(202, "{\"state\":\"PRESA_IN_CARICO\",\"message\":\"Richiesta elenco presa in carico\",\"id\":\"" + id
                            + "\",\"dateTimeRequest\":\"2025-12-01T10:00:00Z\"}",
                            Map.of("Location", server.base() + "/listDigitalAddress/state/" + id, "Content-Type", "application/json"), 0);
                }
                if (op.startsWith("/listDigitalAddress/state/")) {
                    String id = op.substring(op.lastIndexOf('/') + 1);
                    int n = polls.get(id).incrementAndGet();
                    clock.advance(Duration.ofMinutes(1));
                    if (stall || n < 3) {
                        return Reply.json(200, "{\"state\":\"" + (n == 1 ? "PRESA_IN_CARICO" : "IN_ELABORAZIONE") + "\",\"message\":\"...\"}");
                    }
                    return new Reply(303, "{\"state\":\"DISPONIBILE\",\"message\":\"Richiesta elenco disponibile\"}",
                            Map.of("Location", server.base() + "/listDigitalAddress/response/" + id), 0);
                }
                if (op.startsWith("/listDigitalAddress/response/")) {
                    String id = op.substring(op.lastIndexOf('/') + 1);
                    StringBuilder list = new StringBuilder("{\"list\":[");
                    List<String> cfs = batches.get(id);
                    for (int i = 0; i < cfs.size(); i++) {
                        String cf = cfs.get(i);
                        list.append(i == 0 ? "" : ",").append("{\"codiceFiscale\":\"").append(cf).append("\",\"since\":\"2025-12-01T10:05:00Z\"");
                        if (Long.parseLong(cf) % 2 == 0) {
                            list.append(",\"digitalAddress\":[{\"digitalAddress\":\"d").append(cf).append("@pec.it\"}]");
                        }
                        list.append("}");
                    }
                    return Reply.json(200, list.append("]}").toString());
                }
                return Reply.problem(404, "NOT_FOUND");
            } catch (IOException e) {
                return Reply.problem(400, "BAD_REQUEST");
            }
        }
    }

    private static List<String> taxCodes(int n) {
        List<String> cfs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cfs.add(String.format("%011d", 10_000_000_000L + i));
        }
        return cfs;
    }

    @Test
    @DisplayName("DIR-INAD-02 a batch sends at most 1000 codici fiscali per request under praticalReference and polls PRESA_IN_CARICO, IN_ELABORAZIONE, DISPONIBILE")
    void batch() throws IOException {
        BatchStub stub = new BatchStub(false);
        server = new StubServer(stub);
        InadDirectory inad = builder(server.base()).batchTimeout(Duration.ofHours(1)).build();
        List<String> cfs = taxCodes(2_500);
        Map<String, Answer<List<Domicile>>> answers = inad.domicilesOfAll(cfs, RECEIVED);

        assertThat(stub.posted).hasSize(3);
        assertThat(stub.posted).extracting(b -> b.get("codiciFiscali").size()).containsExactly(1000, 1000, 500);
        assertThat(stub.posted).allSatisfy(b -> {
            assertThat(b.get("praticalReference").asText()).isEqualTo("prot-2024-123");
            assertThat(b.has("practicalReference")).isFalse();
        });
        assertThat(stub.polls.values()).allSatisfy(p -> assertThat(p.get()).isEqualTo(3));
        assertThat(server.requests()).filteredOn(r -> r.operation().startsWith("/listDigitalAddress/response/")).hasSize(3);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer voucher-1"));

        assertThat(answers).hasSize(2_500);
        Answer<List<Domicile>> even = answers.get(cfs.get(0));
        assertThat(even.value().orElseThrow()).extracting(Domicile::address).containsExactly("d" + cfs.get(0) + "@pec.it");
        assertThat(even.asOf()).isEqualTo(Instant.parse("2025-12-01T10:05:00Z"));
        assertThat(answers.get(cfs.get(1)).outcome()).as("no digitalAddress: no domicile").isEqualTo(Answer.Outcome.NOT_FOUND);
        assertThat(answers.values()).noneMatch(Answer::isUnknown);
    }

    @Test
    @DisplayName("DIR-INAD-02 a batch still IN_ELABORAZIONE at the timeout (read on the clock) gives UNKNOWN (pending) answers")
    void batchPending() throws IOException {
        BatchStub stub = new BatchStub(true);
        server = new StubServer(stub);
        InadDirectory inad = builder(server.base()).batchTimeout(Duration.ofMinutes(5)).build();
        List<String> cfs = List.of("10000000000", "10000000001", "not-a-cf");
        Map<String, Answer<List<Domicile>>> answers = inad.domicilesOfAll(cfs, RECEIVED);

        assertThat(answers).containsOnlyKeys(cfs);
        assertThat(answers.get("10000000000").outcome()).isEqualTo(Answer.Outcome.UNKNOWN);
        assertThat(answers.get("10000000000").reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith(Answer.REASON_PENDING).contains("IN_ELABORAZIONE").contains(stub.batches.keySet().iterator().next()));
        assertThat(answers.get("not-a-cf").reason()).hasValueSatisfying(r -> assertThat(r).startsWith(Answer.REASON_NOT_SUPPORTED));
        assertThat(stub.posted.get(0).get("codiciFiscali")).hasSize(2);
        assertThat(stub.polls.values().iterator().next().get()).isEqualTo(5);
        assertThat(server.requests()).noneMatch(r -> r.operation().startsWith("/listDigitalAddress/response/"));
    }

    @Test
    @DisplayName("DIR-INAD-02 a batch whose submission fails gives UNKNOWN answers, never NOT_FOUND")
    void batchFails() throws IOException {
        InadDirectory inad = inad(r -> Reply.problem(503, "SERVICE_UNAVAILABLE"));
        Map<String, Answer<List<Domicile>>> answers = inad.domicilesOfAll(taxCodes(3), RECEIVED);
        assertThat(answers.values()).allSatisfy(a -> {
            assertThat(a.isUnknown()).isTrue();
            assertThat(a.reason().orElseThrow()).contains("503");
        });
    }

    @Test
    @DisplayName("the builder requires a voucher supplier and an http(s) URL; capabilities and registers are INAD's")
    void builderChecks() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InadDirectory.builder(URI.create("http://127.0.0.1:1/x")).build())
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InadDirectory.builder(URI.create("ftp://127.0.0.1/x")))
                .isInstanceOf(IllegalArgumentException.class);
        InadDirectory inad = builder(URI.create("http://127.0.0.1:1/x/")).build();
        assertThat(inad.capabilities()).containsExactlyInAnyOrder(Lookup.DOMICILES_BY_TAX_CODE, Lookup.VERIFY_AT_DATE, Lookup.BATCH);
        assertThat(inad.registers()).containsExactly(DomicileRegister.INAD);
        assertThat(inad.id()).isEqualTo("inad");
    }

    @Test
    @DisplayName("DIR-INAD-01 SEC-EXC-01 hostile answers (deep nesting, wrong types, huge numbers, broken UTF-8, cut short) are UNKNOWN, never an exception")
    void hostileAnswers() throws IOException {
        List<String> bodies = List.of("[".repeat(100_000), "{\"a\":".repeat(50_000), "{\"codiceFiscale\":{\"x\":1},\"digitalAddress\":{}}",
                "{\"codiceFiscale\":\"" + CF + "\",\"digitalAddress\":[[]],\"since\":[1]}",
                "{\"codiceFiscale\":\"" + CF + "\",\"digitalAddress\":[{\"digitalAddress\":1e999999999,\"usageInfo\":{\"dateEndValidity\":\"9999999999-01-01\"}}]}",
                "{\"outcome\":true,\"dateTimeCheck\":[\"2025-12-01T09:15:00Z\"]}", "{\"outcome\":\"true\"}", "\u0000\u00ff\ufffe",
                "{\"codiceFiscale\":\"" + CF + "\",\"digitalAddress\":[{\"digitalAddress\":\"a@b", "null", "");
        for (String body : bodies) {
            InadDirectory inad = inad(r -> Reply.json(200, body));
            assertThat(inad.domicilesOf(CF, RECEIVED).outcome()).as(body.length() > 40 ? body.substring(0, 40) : body)
                    .isEqualTo(Answer.Outcome.UNKNOWN);
            assertThat(inad.verify(CF, "a@pec.it", RECEIVED).outcome()).isEqualTo(Answer.Outcome.UNKNOWN);
            assertThat(inad.domicilesOfAll(List.of(CF), RECEIVED).get(CF).outcome()).isEqualTo(Answer.Outcome.UNKNOWN);
            server.close();
            server = null;
        }
    }
}
