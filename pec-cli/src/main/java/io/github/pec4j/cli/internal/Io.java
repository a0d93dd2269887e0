package io.github.pec4j.cli.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
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
    /** Standard error itself, where the progress line is drawn. */
    private final PrintStream raw;
    private final boolean terminal;
    private boolean quiet;
    /** The progress whose line is on the terminal now, if any: erased before anything else is written. */
    private Progress shown;

    /**
     * @param out standard output
     * @param err standard error
     * @param terminal whether standard error is a terminal a person watches (progress is shown only then)
     */
    public Io(PrintStream out, PrintStream err, boolean terminal) {
        this.out = terminal ? erasingFirst(out) : out;
        this.err = terminal ? erasingFirst(err) : err;
        this.terminal = terminal;
        this.raw = err;
    }

    /** {@code stream}, erasing the progress line before it writes (results and errors start at the line's beginning). */
    private PrintStream erasingFirst(PrintStream stream) {
        return new PrintStream(new FilterOutputStream(stream) {
            @Override
            public void write(int b) throws IOException {
                erase();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                erase();
                out.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }

    private void erase() {
        Progress p = shown;
        if (p != null) {
            shown = null;
            p.erase();
        }
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
        return new Progress(terminal && !quiet && total > 1 ? raw : null, command, total);
    }

    /** One status line, rewritten in place on standard error as the files go by. */
    final class Progress {
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
            if (terminal != null) erase();
        }

        private void show(String line) {
            String text = line.length() > 100 ? line.substring(0, 97) + "..." : line;
            erase();
            terminal.print("\r" + text);
            terminal.flush();
            width = text.length();
            Io.this.shown = this;
        }

        private void erase() {
            if (width == 0) return;
            terminal.print("\r" + " ".repeat(width) + "\r");
            terminal.flush();
            width = 0;
        }
    }
}
