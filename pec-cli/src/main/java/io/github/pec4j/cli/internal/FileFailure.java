package io.github.pec4j.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * A file of a batch whose processing failed for a reason other than reading it: a defect in pec4j or
 * in a library it uses. It is reported as one entry (the file, {@code error}, a fixed short message
 * and the exception class; never a stack trace, never the exception's message, which may quote the
 * input) and the batch goes on.
 */
public final class FileFailure {
    /** The message of every such entry. */
    public static final String MESSAGE = "processing this file failed (internal error); the other files were processed";

    /** A test seam: called with each file before it is processed; the CLI's tests make it throw to stand for a defect. */
    public static volatile java.util.function.Consumer<String> probe = file -> {};

    private FileFailure() {}

    /**
     * The JSON entry of a failed file.
     *
     * @param file the file as given on the command line
     * @param field the field that holds the command's verdict ({@code kind}, {@code verdict}, {@code integrity})
     * @param failure what was thrown
     * @return {@code {"file":…, field:"error", "error":{"message":…, "exception":…}}}
     */
    public static ObjectNode json(String file, String field, Throwable failure) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("file", file);
        o.put(field, "error");
        ObjectNode e = o.putObject("error");
        e.put("message", MESSAGE);
        e.put("exception", failure.getClass().getName());
        return o;
    }

    /**
     * Reports a failed file: its JSON line on {@code out}, or a text line on {@code err}.
     *
     * @param command the command name, e.g. {@code inspect}
     * @param field the JSON verdict field
     */
    public static void report(String command, String file, String field, Throwable failure, boolean json, PrintStream out,
            PrintStream err) {
        if (json) {
            out.println(json(file, field, failure).toString());
        } else {
            err.println("pec " + command + ": " + file + ": error: " + MESSAGE + " (" + failure.getClass().getName() + ")");
        }
    }
}
