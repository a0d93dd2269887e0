package io.github.pec4j.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.Capability;
import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
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

/** Several JVMs registering at once against one PostgreSQL register (MULTI_PROCESS); skipped without PostgreSQL. */
class MultiProcessTest {
    private static final int JVMS = 3;
    private static final int EACH = 150;

    @TempDir
    Path directory;

    /** One registration as a child printed it. */
    private record Printed(int jvm, long number, boolean duplicate) {}

    @Test
    @Tag("REG-NUM-03")
    @Tag("REG-DUP-01")
    @DisplayName("REG-NUM-03 REG-DUP-01 three JVMs registering at once share one gapless sequence; a key all three submit registers once")
    void threeJvmsOneSequence() throws Exception {
        TestStores.assumePostgres();
        String schema = TestStores.newSchema();
        try {
            JdbcRegistryConfig config = BurstMain.config(schema, "-");
            List<Child> children = new ArrayList<>();
            Map<String, List<Printed>> byKey = new HashMap<>();
            try {
                for (int j = 0; j < JVMS; j++) {
                    List<String> args = new ArrayList<>(List.of(TestStores.POSTGRES_URL, TestStores.POSTGRES_USER, schema, "-"));
                    for (int i = 0; i < EACH; i++) args.add(i % 2 == 0 ? "shared-" + i : "jvm" + j + "-" + i);
                    children.add(Child.start(directory, args.toArray(String[]::new)));
                }
                for (Child c : children) c.expectReady();
                for (Child c : children) c.go();
                for (int j = 0; j < JVMS; j++) {
                    Child c = children.get(j);
                    for (String line; (line = c.nextLine(Duration.ofSeconds(60))) != null && !line.equals("done"); ) {
                        String[] f = line.split(" ");
                        assertThat(f[0]).as("child %d: %s; stderr:\n%s", j, line, c.stderr()).isEqualTo("committed");
                        byKey.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new Printed(j, Long.parseLong(f[2]), Boolean.parseBoolean(f[3])));
                    }
                    assertThat(c.waitFor(Duration.ofSeconds(60))).as("exit of child %d; stderr:\n%s", j, c.stderr()).isZero();
                }
            } finally {
                children.forEach(Child::close);
            }

            int distinct = EACH / 2 + JVMS * (EACH / 2);
            assertThat(byKey).hasSize(distinct);
            List<Long> numbers = new ArrayList<>();
            byKey.forEach((key, printed) -> {
                assertThat(printed).as(key).extracting(Printed::number).containsOnly(printed.get(0).number());
                assertThat(printed).as(key).filteredOn(p -> !p.duplicate()).hasSize(1);
                numbers.add(printed.get(0).number());
            });
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, distinct).boxed().toList());
            try (ProtocolRegistry registry = JdbcRegistry.open(TestStores.POSTGRES_URL, TestStores.POSTGRES_USER, "", config, BurstMain.CLOCK)) {
                assertThat(registry.capabilities()).contains(Capability.MULTI_PROCESS);
                assertThat(registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT)))
                        .extracting(Registration::id).extracting(id -> id.number())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, distinct).boxed().toList());
            }
        } finally {
            TestStores.dropSchema(schema);
        }
    }
}
