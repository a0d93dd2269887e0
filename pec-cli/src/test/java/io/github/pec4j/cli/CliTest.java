package io.github.pec4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.cli.internal.Io;
import io.github.pec4j.cli.internal.Pec;
import io.github.pec4j.testkit.SampleMailbox;
import io.github.pec4j.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line itself: help on every command, exit statuses, --quiet, progress, passwords from a file or the environment. */
class CliTest {
    @TempDir
    static Path dir;
    static List<Path> mailbox;
    static Path ca;

    @BeforeAll
    static void mailbox() throws Exception {
        mailbox = SampleMailbox.generate(dir.resolve("mailbox"));
        ca = dir.resolve("ca.pem");
        TestPki.shared().writeTrustAnchorPem(ca);
    }

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    static String file(String name) {
        return mailbox.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow().toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "verify", "check", "admit", "track", "register", "register search", "register show", "register open",
        "register assign", "register take", "register reject", "register desk", "intake", "intake queue", "intake reprocess", "send",
        "generate-samples", "demo", "generate-completion"})
    @Tag("CLI-HELP-01")
    @DisplayName("CLI-HELP-01 every command and subcommand answers --help on standard output with its usage, exit 0")
    void helpOnEveryCommand(String command) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        MainTest.Run r = run(args);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("usage: pec " + command).contains("-h, --help").contains("-q, --quiet");
        assertThat(r.err()).isEmpty();
        MainTest.Run viaHelp = run("help", words[0]);
        assertThat(viaHelp.status()).isZero();
        assertThat(viaHelp.out()).startsWith("usage: pec " + words[0]);
    }

    @Test
    @Tag("CLI-EXIT-01")
    @DisplayName("CLI-EXIT-01 pec --help lists the exit statuses once, and the passwords' sources; usage errors exit 2 and say what is wrong")
    void exitStatuses() {
        MainTest.Run help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Exit status", "  0   done", "  1   an internal error", "  2   usage", "  3   unreadable", "  4   failed",
                "--*-password-file", "generate-completion");
        assertThat(run("inspect", "--help").out()).doesNotContain("Exit status");
        MainTest.Run unknown = run("inspect", "--frobnicate", "x.eml");
        assertThat(unknown.status()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("pec inspect: Unknown option: '--frobnicate'", "usage: pec inspect", "pec inspect --help");
        assertThat(unknown.out()).isEmpty();
        MainTest.Run missing = run("register", "take", "c_demo/AOO_DEMO/PG/2026/0000001");
        assertThat(missing.status()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("Missing required");
        assertThat(run().status()).isEqualTo(Main.USAGE);
        assertThat(run("--version").out()).startsWith("pec4j ");
        assertThat(run("send", "--version").out()).startsWith("pec4j ");
    }

    @Test
    @Tag("CLI-HELP-01")
    @DisplayName("CLI-HELP-01 pec generate-completion prints a bash/zsh completion script for every command")
    void completion() {
        MainTest.Run r = run("generate-completion");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("complete -F", "inspect", "register", "intake", "send", "--trust-password-file");
    }

    @Test
    @Tag("CLI-QUIET-01")
    @DisplayName("CLI-QUIET-01 --quiet prints no result and no warning, only errors; the exit status is unchanged")
    void quiet() {
        String acc = file("03-accettazione.eml");
        MainTest.Run loud = run("admit", acc, "nope.eml");
        assertThat(loud.out()).contains("registration");
        assertThat(loud.err()).contains("no --trust given", "nope.eml: file not found");
        MainTest.Run quiet = run("admit", "--quiet", acc, "nope.eml");
        assertThat(quiet.status()).isEqualTo(loud.status()).isEqualTo(Main.UNREADABLE);
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEqualTo("pec admit: nope.eml: file not found\n");
        MainTest.Run ok = run("-q", "inspect", acc);
        assertThat(ok.status()).isZero();
        assertThat(ok.out() + ok.err()).isEmpty();
    }

    @Test
    @Tag("CLI-PROGRESS-01")
    @DisplayName("CLI-PROGRESS-01 progress on standard error only on a terminal, for more than one file, and never with --quiet")
    void progress() {
        String[] files = {file("03-accettazione.eml"), file("10-non-pec.eml")};
        String terminal = onTerminal(true, "inspect", files[0], files[1]);
        assertThat(terminal).contains("\rpec inspect: 1/2 ", "\rpec inspect: 2/2 ").endsWith("\r");
        assertThat(onTerminal(true, "inspect", files[0])).isEmpty();
        assertThat(onTerminal(true, "inspect", "-q", files[0], files[1])).isEmpty();
        assertThat(onTerminal(false, "inspect", files[0], files[1])).isEmpty();
        assertThat(run("inspect", files[0], files[1]).err()).doesNotContain("\r");
        assertThat(onTerminal(true, "verify", files[0], files[1])).contains("\rpec verify: 2/2 ");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(screen, true, StandardCharsets.UTF_8);
        Pec.run(new String[] {"inspect", files[0], files[1]}, new Io(both, both, true));
        assertThat(screen.toString(StandardCharsets.UTF_8)).as("the progress line is erased before each result")
                .contains("\r=== " + files[0], "\r=== " + files[1]).doesNotContain(files[0] + "===");
    }

    private static String onTerminal(boolean terminal, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Pec.run(args, new Io(nowhere, new PrintStream(err, true, StandardCharsets.UTF_8), terminal));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Tag("CLI-SECRET-01")
    @DisplayName("CLI-SECRET-01 a key store's password from a file or an environment variable; a variable not set is a usage error")
    void passwordFromFile(@TempDir Path tmp) throws Exception {
        Path p12 = tmp.resolve("ca.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(ca)) {
            ks.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "s3cr3t-pw".toCharArray());
        }
        Path pw = Files.writeString(tmp.resolve("pw.txt"), "s3cr3t-pw\n");
        String acc = file("03-accettazione.eml");
        MainTest.Run fromFile = run("inspect", "--trust", p12.toString(), "--trust-password-file", pw.toString(), acc);
        assertThat(fromFile.status()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("intact, trusted provider");
        Path wrong = Files.writeString(tmp.resolve("wrong.txt"), "nope");
        assertThat(run("inspect", "--trust", p12.toString(), "--trust-password-file", wrong.toString(), acc).status()).isEqualTo(Main.UNREADABLE);
        MainTest.Run unset = run("inspect", "--trust", p12.toString(), "--trust-password-env", "PEC4J_TEST_NO_SUCH_VARIABLE", acc);
        assertThat(unset.status()).isEqualTo(Main.USAGE);
        assertThat(unset.err()).contains("PEC4J_TEST_NO_SUCH_VARIABLE is not set");
        assertThat(run("admit", "--trust", p12.toString(), "--trust-password-env", "PEC4J_TEST_NO_SUCH_VARIABLE", acc).status())
                .isEqualTo(Main.USAGE);
        assertThat(run("admit", "--json", "--trust", p12.toString(), "--trust-password-file", pw.toString(), acc).status()).isZero();
        assertThat(run("inspect", "--trust", p12.toString(), "--trust-password-file", pw.toString(), "--trust-password", "x", acc).status())
                .isEqualTo(Main.USAGE);
        String path = System.getenv("PATH") == null ? null : "PATH";
        if (path != null) {
            // a variable that is set, holding the wrong password: read, then refused by the key store
            assertThat(run("inspect", "--trust", p12.toString(), "--trust-password-env", path, acc).status()).isEqualTo(Main.UNREADABLE);
        }
        assertThat(fromFile.out() + fromFile.err()).doesNotContain("s3cr3t-pw");
    }
}
