package io.github.pec4j.cli.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a command writes: its result on {@link #out()}, errors on {@link #err()}, and notes (warnings, hints,
 * progress) on {@link #notes()}. With {@code --quiet} the result and the notes are dropped: only errors are
 * written, and the exit status carries the outcome.
 */
public final class Io {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private boolean quiet;

    /**
     * @param out standard output
     * @param err standard error
     * @param terminal whether standard error is a terminal a person watches (progress is shown only then)
     */
    public Io(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** From now on, only errors are written. */
    void quiet() {
        quiet = true;
    }

    boolean isQuiet() {
        return quiet;
    }

    /** Where results go: standard output, or nowhere with {@code --quiet}. */
    public PrintStream out() {
        return quiet ? NOWHERE : out;
    }

    /** Where errors go: standard error, always. */
    public PrintStream err() {
        return err;
    }

    /** Where warnings and hints go: standard error, or nowhere with {@code --quiet}. */
    public PrintStream notes() {
        return quiet ? NOWHERE : err;
    }

    /** The progress of a run over {@code total} files: on a terminal, not quiet, and more than one file; else silent. */
    Progress progress(String command, int total) {
        return new Progress(terminal && !quiet && total > 1 ? err : null, command, total);
    }

    /** One status line, rewritten in place on standard error as the files go by. */
    static final class Progress {
        private final PrintStream terminal;
        private final String command;
        private final int total;
        private int done;
        private int width;

        private Progress(PrintStream terminal, String command, int total) {
            this.terminal = terminal;
            this.command = command;
            this.total = total;
        }

        /** Says which file is next. */
        void next(String file) {
            if (terminal == null) return;
            done++;
            show(String.format("pec %s: %d/%d %s", command, done, total, file));
        }

        /** Clears the line, so that the terminal holds only the results. */
        void finish() {
            if (terminal != null && width > 0) show("");
        }

        private void show(String line) {
            String shown = line.length() > 100 ? line.substring(0, 97) + "..." : line;
            terminal.print("\r" + shown + " ".repeat(Math.max(0, width - shown.length())) + (shown.isEmpty() ? "\r" : ""));
            terminal.flush();
            width = shown.length();
        }
    }
}
