package io.github.pec4j.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The command tree as picocli sees it: nothing undocumented. */
class CommandTreeTest {
    @Test
    @Tag("CLI-HELP-01")
    @DisplayName("CLI-HELP-01 every command has a description, every option and operand too, and --help and --quiet")
    void everythingDescribed() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        List<CommandSpec> commands = new ArrayList<>();
        collect(Pec.commandLine(new Io(nowhere, nowhere, false)), commands);
        assertThat(commands).extracting(CommandSpec::qualifiedName).contains("pec inspect", "pec register take", "pec intake queue",
                "pec send", "pec generate-completion", "pec help");
        for (CommandSpec c : commands) {
            assertThat(c.usageMessage().description()).as(c.qualifiedName()).isNotEmpty();
            assertThat(c.findOption("--help")).as(c.qualifiedName()).isNotNull();
            assertThat(c.findOption("--quiet")).as(c.qualifiedName()).isNotNull();
            for (OptionSpec o : c.options()) {
                assertThat(String.join("", o.description())).as(c.qualifiedName() + " " + o.longestName()).isNotBlank();
            }
            for (PositionalParamSpec p : c.positionalParameters()) {
                assertThat(String.join("", p.description())).as(c.qualifiedName() + " " + p.paramLabel()).isNotBlank();
            }
        }
    }

    private static void collect(CommandLine cl, List<CommandSpec> into) {
        into.add(cl.getCommandSpec());
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
