package io.github.pec4j.cli.internal;

import io.github.pec4j.testkit.SampleMailbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pec generate-samples DIR}: the testkit's sample mailbox written out. */
@Command(name = "generate-samples", description = "Write a sample PEC mailbox (every kind, quirk and hostile case, signed by a "
        + "throw-away test CA) into DIR, and print the files' names.")
public final class SamplesCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "DIR", description = "Where to write (created if missing).")
    Path dir;

    SamplesCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            for (Path p : SampleMailbox.generate(dir)) io.out().println(p);
            return Pec.OK;
        } catch (IOException e) {
            io.err().println("pec generate-samples: cannot write " + dir + ": " + e.getMessage());
            return Pec.UNREADABLE;
        }
    }
}
