package io.github.pec4j.core.internal;

import io.github.pec4j.core.ParseCode;
import io.github.pec4j.core.Location;
import io.github.pec4j.core.ParserLimits;
import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.RawMessage;
import io.github.pec4j.core.content.ContentStore;
import io.github.pec4j.core.content.StoredContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One parse: raw source, streaming MIME pass, assembly, clean-up of unused spool. */
public final class ParseRun {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParseRun.class);

    private ParseRun() {}

    public static PecMessage parseFile(Path file, ParserLimits limits, ContentStore store, boolean digest) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return run(in, null, Raws.ofFile(file, size), limits, store, size, digest);
        }
    }

    public static PecMessage parseBytes(byte[] bytes, ParserLimits limits, ContentStore store, boolean digest) throws IOException {
        return run(new ByteArrayInputStream(bytes), null, Raws.ofBytes(bytes), limits, store, bytes.length, digest);
    }

    public static PecMessage parseStream(InputStream in, ParserLimits limits, ContentStore store, boolean digest) throws IOException {
        Raws.Spool spool = new Raws.Spool(1024 * 1024);
        try {
            return run(in, spool, null, limits, store, -1, digest);
        } catch (IOException | RuntimeException | Error e) {
            spool.discard();
            throw e;
        }
    }

    private static PecMessage run(InputStream in, Raws.Spool tee, RawMessage raw, ParserLimits limits, ContentStore store,
            long sizeHint, boolean digest) throws IOException {
        DiagnosticList parseDiags = new DiagnosticList(limits.maxDiagnostics());
        MimeParser parser = new MimeParser(in, tee, limits, parseDiags, store, sizeHint, digest);
        PecAssembler.Context ctx = new PecAssembler.Context();
        boolean ok = false;
        try {
            MimeNode root;
            RuntimeException defect = null;
            try {
                root = parser.parse();
            } catch (StackOverflowError e) {
                // Cannot happen within the depth limit; kept as a last line of defence.
                root = new MimeNode("/", false);
                parseDiags.add(ParseCode.MIME_DEPTH_EXCEEDED, Location.part("/"), "structure too deep to parse");
                root.gap(io.github.pec4j.core.GapKind.MIME_DEPTH, "structure too deep to parse");
            } catch (RuntimeException e) {
                rethrowStoreFailure(e);
                root = new MimeNode("/", false);
                defect = e;
            }
            if (tee != null) {
                parser.drain();
            }
            ctx.spooled.addAll(parser.spooled);
            if (root.headers.fields().isEmpty() && root.end - root.start == 0) {
                parseDiags.add(ParseCode.MESSAGE_EMPTY, Location.part("/"), "the message is empty");
            }
            RawMessage theRaw = raw != null ? raw : tee.toRaw();
            PecAssembler assembler = new PecAssembler(limits, store, parser.signedDigest == null ? null
                    : io.github.pec4j.core.ContentDigest.of(parser.signedDigestAlgorithm, parser.signedDigest));
            PecMessage assembled = defect != null ? failed(root, theRaw, defect, limits, ctx)
                    : assembleGuarded(assembler, root, theRaw, limits, ctx);
            PecMessage result = merge(assembled, parseDiags, Raws.withResources(theRaw, ctx.resources), limits);
            ok = true;
            if (LOG.isDebugEnabled()) {
                LOG.debug("parsed {} bytes as {} with {} attachment(s) and {} diagnostic(s)", theRaw.size(),
                        result.kind().id(), result.attachments().size(), result.diagnostics().size());
            }
            return result;
        } finally {
            for (StoredContent c : ctx.spooled) {
                if (!ok || !ctx.used.contains(c)) {
                    c.release();
                }
            }
            if (!ok) {
                ctx.resources.forEach(Raws.Releasable::release);
            }
        }
    }

    /** The assembled message, or, when the assembler fails with a defect of its own, the failed result. */
    private static PecMessage assembleGuarded(PecAssembler assembler, MimeNode root, RawMessage raw, ParserLimits limits,
            PecAssembler.Context ctx) throws IOException {
        try {
            return assembler.assemble(root, raw, 0, 0, ctx);
        } catch (RuntimeException e) {
            rethrowStoreFailure(e);
            return failed(root, raw, e, limits, ctx);
        }
    }

    /** SEC-CLOSED-08: bad content never throws; a defect becomes a typed, incomplete result (PARSE_FAILED). */
    private static PecMessage failed(MimeNode root, RawMessage raw, RuntimeException defect, ParserLimits limits,
            PecAssembler.Context ctx) {
        LOG.warn("the parser failed on a message of {} bytes; kept as PARSE_FAILED", raw.size(), defect);
        ctx.used.clear(); // nothing spooled is referenced by the result: release it all
        return PecAssembler.failed(root, raw, defect, limits);
    }

    /** The content store's failure is an I/O error of the caller's storage, not bad content: it is thrown as before. */
    private static void rethrowStoreFailure(RuntimeException e) {
        if (e instanceof java.io.UncheckedIOException) {
            throw e;
        }
    }

    /** Puts the MIME-level diagnostics first, then the PEC-level ones, within the limit. */
    private static PecMessage merge(PecMessage m, DiagnosticList parseDiags, RawMessage raw, ParserLimits limits) {
        DiagnosticList all = new DiagnosticList(limits.maxDiagnostics());
        all.addAll(parseDiags.toList());
        all.addAll(m.diagnostics());
        return new PecMessage(m.kind(), m.innerKind(), m.headers(), m.pecHeaders(), m.subject(), m.originalSubject(),
                m.sender(), m.daticert(), m.original(), m.correlation(), m.signedLayout(), m.virusRelated(), m.nested(),
                all.toList(), raw, m.rem(), m.completeness());
    }

}
