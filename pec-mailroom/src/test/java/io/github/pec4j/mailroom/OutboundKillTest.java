package io.github.pec4j.mailroom;

import static io.github.pec4j.mailroom.OutboundFixture.BOX;
import static io.github.pec4j.mailroom.OutboundFixture.REGIONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.registry.ProtocolRegistry;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SearchQuery;
import io.github.pec4j.registry.jdbc.JdbcRegistry;
import io.github.pec4j.registry.jdbc.JdbcRegistryConfig;
import io.github.pec4j.simulator.PecProviderSimulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real kill -9 of a child JVM between the registration's commit and the submission, then a restart. */
class OutboundKillTest {

    /** The child: registers a letter into the H2 register, says so, and waits to be killed before submitting it. */
    public static void main(String[] args) throws Exception {
        try (ProtocolRegistry registry = JdbcRegistry.open(args[0], "", "", JdbcRegistryConfig.defaults(), Clock.systemUTC());
                Outbound outbound = Outbound.builder(registry, Harness.REGISTER, BOX)
                        .smtp(SmtpSettings.parse(args[1]).withPassword("secret".toCharArray())).afterRegistration(id -> {
                            System.out.println("REGISTERED " + id);
                            System.out.flush();
                            try {
                                Thread.sleep(Duration.ofMinutes(5).toMillis()); // killed here
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }).build()) {
            outbound.send(OutboundFixture.letter(Recipient.pec(REGIONE)).build());
        }
    }

    @Test
    @Tag("OUT-ONCE-01")
    @DisplayName("OUT-ONCE-01 kill -9 of the sending JVM after the registration's commit: the restart submits exactly one message with the stored Message-ID")
    void killedChildJvm(@TempDir Path dir) throws Exception {
        String url = JdbcRegistry.h2Url(dir.resolve("registry"));
        try (PecProviderSimulator pec = PecProviderSimulator.start()) {
            pec.box(BOX, "secret").box(REGIONE, "secret");
            String smtp = "smtp://" + BOX.replace("@", "%40") + "@" + pec.smtp().host() + ":" + pec.smtp().port() + "?starttls=none";
            Process child = new ProcessBuilder(command(url, smtp)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith("REGISTERED "));
                assertThat(line).as("the child registered the letter").isNotNull();
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(pec.submissions()).as("killed before the submission").isEmpty();

            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)); // past the claim of the killed send
            try (ProtocolRegistry registry = JdbcRegistry.open(url, "", "", JdbcRegistryConfig.defaults(), later);
                    Outbound restarted = Outbound.builder(registry, Harness.REGISTER, BOX).smtp(OutboundFixture.smtp(pec, BOX)).clock(later).build()) {
                List<Registration> all = registry.search(SearchQuery.all().page(0, SearchQuery.MAX_LIMIT));
                assertThat(all).hasSize(1);
                List<OutboundResult> resumed = restarted.resume();
                assertThat(resumed).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(OutboundResult.State.SUBMITTED));
                assertThat(restarted.resume()).isEmpty();
                assertThat(pec.submissions()).hasSize(1);
                assertThat("<" + pec.submissions().get(0).messageId().orElseThrow() + ">").isEqualTo(resumed.get(0).messageId().orElseThrow());
                assertThat(resumed.get(0).protocol()).contains(all.get(0).id());
            }
        }
    }

    private static List<String> command(String url, String smtp) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Stream.of(System.getProperty("jdk.module.path"), System.getProperty("java.class.path"))
                .filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath, OutboundKillTest.class.getName(), url, smtp));
        return cmd;
    }
}
