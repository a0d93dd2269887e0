package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pec4j.testkit.HostileEnvelopes;
import io.github.pec4j.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit's envelopes through the commands: unread content is reported, never accepted or receivable. */
class FailClosedCliTest {
    static final HostileEnvelopes HOSTILE = HostileEnvelopes.create();

    @Test
    @Tag("SEC-CLOSED-01")
    @Tag("SEC-CLOSED-02")
    @Tag("SEC-CLOSED-03")
    @DisplayName("SEC-CLOSED-01 SEC-CLOSED-02 SEC-CLOSED-03 fattura.exe behind a limit: inspect names the gap, check never accepts, admit never says receivable or register")
    void behindALimit(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
        List<String> files = new ArrayList<>();
        files.add(write(dir, "parts.eml", HOSTILE.exeAfterParts(2_100)));
        files.add(write(dir, "deep.eml", HOSTILE.exeNested(30)));
        files.add(write(dir, "headers.eml", HOSTILE.exeBehindJunkHeaders(290 * 1024)));
        for (JsonNode n : json(args("inspect", "--json", files))) {
            assertThat(n.get("complete").asBoolean()).as(n.get("file").asText()).isFalse();
            assertThat(n.get("gaps")).as(n.get("file").asText()).isNotEmpty();
        }
        for (JsonNode n : json(args("check", "--json", files))) {
            assertThat(n.get("verdict").asText()).as(n.get("file").asText()).isNotEqualTo("accept");
        }
        List<String> admit = args("admit", "--json", files);
        admit.add("--trust");
        admit.add(ca.toString());
        for (JsonNode n : json(admit)) {
            assertThat(n.at("/receivability/outcome").asText()).as(n.get("file").asText()).isNotEqualTo("receivable");
            assertThat(n.at("/registration/outcome").asText()).as(n.get("file").asText()).isEqualTo("needs-operator");
        }
    }

    private static List<String> args(String command, String json, List<String> files) {
        List<String> a = new ArrayList<>(List.of(command, json));
        a.addAll(files);
        return a;
    }

    private static List<JsonNode> json(List<String> args) throws Exception {
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertThat(r.err()).as("stderr of " + args.get(0)).doesNotContain("Exception").doesNotContain("[Fatal Error]");
        List<JsonNode> lines = r.lines();
        assertThat(lines).as(args.get(0) + " reports every file").hasSize(3);
        return lines;
    }

    private static String write(Path dir, String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes).toString();
    }
}
