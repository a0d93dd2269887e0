package io.github.pec4j.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.AuditEntry;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.RegistrationResult;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.StoredDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a burst of registrations: a child JVM registers {@code burst-0}
 * to {@code burst-N}, printing each number once committed; the test kills it after 200 and checks
 * that nothing committed was lost, nothing half-written remains, and the intake resumes gaplessly
 * by submitting every key again.
 */
@Tag("REG-NUM-03")
@Tag("REG-ATOM-01")
@Tag("REG-DUP-01")
@Tag("REG-INTAKE-01")
class CrashTest {
    private static final int KEYS = 400;
    private static final int KILL_AFTER = 200;

    @TempDir
    Path directory;

    @Test
    @DisplayName("REG-NUM-03 REG-ATOM-01 H2: after kill -9 every printed number is there, complete, gapless, and the burst resumes")
    void h2() throws Exception {
        crash(TestStores.h2Url(directory), "", "-", "-");
    }

    @Test
    @DisplayName("REG-NUM-03 REG-ATOM-01 H2 with content in files: the same after kill -9")
    void h2Files() throws Exception {
        crash(TestStores.h2Url(directory), "", "-", directory.resolve("content").toString());
    }

    @Test
    @DisplayName("REG-NUM-03 REG-ATOM-01 PostgreSQL: the same after kill -9")
    void postgres() throws Exception {
        TestStores.assumePostgres();
        String schema = TestStores.newSchema();
        try {
            crash(TestStores.POSTGRES_URL, TestStores.POSTGRES_USER, schema, "-");
        } finally {
            TestStores.dropSchema(schema);
        }
    }

    private void crash(String url, String user, String schema, String contentDir) throws Exception {
        Map<String, Long> printed = new HashMap<>();
        try (Child child = Child.start(directory, url, user, schema, contentDir, "burst-0.." + (KEYS - 1))) {
            child.expectReady();
            child.go();
            while (printed.size() < KILL_AFTER) {
                String line = child.nextLine(Duration.ofSeconds(60));
                assertThat(line).as("the burst ended early; stderr:\n%s", child.stderr()).isNotNull().startsWith("committed ");
                String[] f = line.split(" ");
                printed.put(f[1], Long.parseLong(f[2]));
            }
            child.kill();
            for (String line; (line = child.nextLine(Duration.ofSeconds(30))) != null; ) {
                String[] f = line.split(" "); // committed before the kill, read from the pipe after it
                if (f[0].equals("committed") && f.length == 4) printed.put(f[1], Long.parseLong(f[2]));
            }
        }

        try (ProtocolRegistry registry = JdbcRegistry.open(url, user, "", BurstMain.config(schema, contentDir), BurstMain.CLOCK)) {
            List<Registration> all = registry.search(SearchQuery.all().inRegister(BurstMain.REGISTER).page(0, SearchQuery.MAX_LIMIT));
            long max = all.size();
            assertThat(max).isGreaterThanOrEqualTo(KILL_AFTER).isLessThan(KEYS);
            assertThat(all).extracting(r -> r.id().number()).containsExactlyElementsOf(LongStream.rangeClosed(1, max).boxed().toList());
            for (Map.Entry<String, Long> p : printed.entrySet()) {
                assertThat(registry.findByIdempotencyKey(io.github.pec4j.registry.IdempotencyKey.of(p.getKey())))
                        .as("printed %s as number %d", p.getKey(), p.getValue())
                        .hasValueSatisfying(r -> assertThat(r.id().number()).isEqualTo(p.getValue()));
            }
            for (Registration r : all) {
                assertThat(r.documents()).extracting(StoredDocument::role)
                        .containsExactly(StoredDocument.Role.PRIMARY, StoredDocument.Role.GENERATED);
                for (StoredDocument d : r.documents()) {
                    try (InputStream in = registry.openDocument(r.id(), d.index())) {
                        assertThat(Impronta.of(in)).isEqualTo(d.impronta());
                    }
                }
                assertThat(registry.audit(r.id())).first().extracting(AuditEntry::action).isEqualTo(AuditEntry.Action.REGISTERED);
                assertThat(r.idempotencyKey()).isPresent();
            }

            Map<String, Long> committed = new HashMap<>();
            all.forEach(r -> committed.put(r.idempotencyKey().orElseThrow().value(), r.id().number()));
            List<Long> resumed = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                String key = "burst-" + i;
                RegistrationResult result = registry.register(BurstMain.request(key));
                if (committed.containsKey(key)) {
                    assertThat(result.duplicate()).as(key).isTrue();
                    assertThat(result.registration().id().number()).as(key).isEqualTo(committed.get(key));
                } else {
                    assertThat(result.duplicate()).as(key).isFalse();
                    resumed.add(result.registration().id().number());
                }
            }
            assertThat(resumed).containsExactlyElementsOf(LongStream.rangeClosed(max + 1, KEYS).boxed().toList());
        }
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
