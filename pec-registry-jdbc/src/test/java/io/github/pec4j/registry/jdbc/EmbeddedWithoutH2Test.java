package io.github.pec4j.registry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.jdbc.internal.Drivers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2 is optional in this module: the embedded registry names it when it is missing. */
@Tag("REG-H2-OPT-01")
class EmbeddedWithoutH2Test {

    @Test
    @DisplayName("REG-H2-OPT-01 without H2 on the class path, embedded() fails with an IllegalStateException naming com.h2database:h2")
    void embeddedWithoutH2NamesTheArtifact(@TempDir Path dir) throws Exception {
        String withoutH2 = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("h2database"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(withoutH2).isNotEqualTo(System.getProperty("java.class.path"));
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", withoutH2, EmbeddedMain.class.getName(), dir.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(output).contains("java.lang.IllegalStateException")
                .contains("the embedded registry needs the JDBC driver com.h2database:h2");
        assertThat(dir.resolve("registry.mv.db")).doesNotExist();
    }

    @Test
    @DisplayName("REG-H2-OPT-01 with H2 on the class path, embedded() opens the register")
    void embeddedWithH2Opens(@TempDir Path dir) throws Exception {
        try (ProtocolRegistry registry = JdbcRegistry.embedded(dir, Clock.systemUTC())) {
            assertThat(registry).isNotNull();
        }
        assertThat(dir.resolve("registry.mv.db")).exists();
    }

    @Test
    @DisplayName("REG-H2-OPT-01 a driver no one registered is named with its artifact and purpose")
    void unknownDriverIsNamed() {
        assertThatThrownBy(() -> Drivers.require("jdbc:pec4j-absent:", "org.example:absent", "the test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the test needs the JDBC driver org.example:absent");
    }

    /** The child JVM: opens the embedded registry and prints what happened. */
    static final class EmbeddedMain {
        public static void main(String[] args) throws Exception {
            try (ProtocolRegistry registry = JdbcRegistry.embedded(Path.of(args[0]), Clock.systemUTC())) {
                System.out.println("opened " + registry);
            } catch (IllegalStateException e) {
                System.out.println(e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
