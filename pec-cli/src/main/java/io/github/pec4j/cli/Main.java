package io.github.pec4j.cli;

import io.github.pec4j.cli.internal.Io;
import io.github.pec4j.cli.internal.Pec;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code pec} command: {@code pec --help} lists the commands, the exit statuses and where passwords come
 * from; {@code pec COMMAND --help} a command's options.
 *
 * <p>Exit status: 0 done, 1 an internal error (a defect, in one line), 2 a usage error, 3 a file, the
 * configuration, the mailbox or the register could not be read or reached, 4 processing failed or was refused
 * (a file's failure is its error entry and the batch goes on). Nothing the input contains produces a stack trace.
 */
public final class Main {
    /** Every file was processed. */
    public static final int OK = Pec.OK;
    /** The command line was wrong. */
    public static final int USAGE = Pec.USAGE;
    /** At least one file could not be read. */
    public static final int UNREADABLE = Pec.UNREADABLE;
    /** Processing at least one file failed (an internal error on that file); the others were processed. */
    public static final int FAILED = Pec.FAILED;

    private Main() {}

    /**
     * Runs {@code pec} and exits with its status; shows progress when standard error is a terminal.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(Pec.run(args, new Io(out, err, terminal())));
    }

    /**
     * Runs the command line; never shows progress (the streams are not a terminal's).
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Pec.run(args, new Io(out, err, false));
    }

    /**
     * Whether standard error is a terminal a person watches. On Linux, what file descriptor 2 is (so that
     * {@code pec inspect *.eml > report.txt} still shows progress); elsewhere, whether there is a console
     * (on Java 22 and later, one that is a terminal).
     */
    private static boolean terminal() {
        try {
            Path stderr = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(stderr)) {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: ask the console below
        }
        Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console exists only on a terminal
        }
    }
}
