package io.github.pec4j.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README table "rules and the periods they apply to" is generated from the rule data: this test
 * fails when the README differs from what the data gives, and prints the table to paste.
 */
class RulePeriodsTableTest {
    static final String BEGIN = "<!-- rule-periods:begin (generated from rules.json by RulePeriodsTableTest) -->";
    static final String END = "<!-- rule-periods:end -->";

    /** The table, one row per rule in the data's order. */
    static String table(RuleBook book) {
        StringBuilder out = new StringBuilder("| rule | from | to | citation | source |\n|---|---|---|---|---|\n");
        for (Rule r : book.all()) {
            out.append("| ").append(r.id()).append(" | ").append(r.from().getYear() > 1900 ? r.from() : "—").append(" | ")
                    .append(r.to().map(Object::toString).orElse("")).append(" | ").append(cell(r.citation())).append(" | ")
                    .append(cell(r.source())).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    @Test
    @DisplayName("the README's table of rules and periods is the one the rule data gives")
    void readmeTable() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../README.md").normalize();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String expected = BEGIN + "\n" + table(RuleBook.standard()) + END;
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String actual = begin >= 0 && end > begin ? text.substring(begin, end + END.length()) : "(no table between the markers)";
        if (!actual.equals(expected)) {
            System.out.println("README.md: replace the block between the markers with\n" + expected);
        }
        assertThat(actual).as("README table of rules and periods (the expected table is printed above)").isEqualTo(expected);
    }
}
