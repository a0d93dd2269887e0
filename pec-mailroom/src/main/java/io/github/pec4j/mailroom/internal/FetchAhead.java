package io.github.pec4j.mailroom.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch's next messages fetched on another thread while the current one is judged and committed (MRM-PREFETCH-01):
 * the mailbox's latency and the intake's work overlap instead of adding up. At most {@code depth} messages are
 * fetched ahead, one at a time and in the batch's order, each spooled as {@link Spooled#read} does (in memory up
 * to its limit, beyond it in a temporary file).
 *
 * <p>Fetching only reads ({@code BODY.PEEK}): a message fetched ahead and never taken (the round stopped, the lease
 * was lost, a storage failure ended the batch) is as if it had never been fetched, and {@link #close} deletes its
 * spool. A failed fetch reaches the caller, from {@link #take}, as the same exception a fetch of its own would have
 * thrown. {@link #close} returns only once no fetch is running, so nothing reads the mailbox after the batch.
 */
final class FetchAhead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FetchAhead.class);

    private record Pending(Mailbox.Ref ref, CompletableFuture<Spooled> bytes) {}

    private final ExecutorService fetcher;
    private final Mailbox mailbox;
    private final List<Mailbox.Ref> batch;
    private final int depth;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private int started;
    private volatile boolean closed;

    /**
     * @param fetcher one thread ({@link #fetcher(String)}), so fetches run in order
     * @param mailbox shared with the caller's thread (a {@link LockedMailbox})
     * @param depth messages fetched ahead of the one taken; 0 fetches each when it is taken
     */
    FetchAhead(ExecutorService fetcher, Mailbox mailbox, List<Mailbox.Ref> batch, int depth) {
        this.fetcher = fetcher;
        this.mailbox = mailbox;
        this.batch = List.copyOf(batch);
        this.depth = depth;
    }

    /** A box's fetching thread ({@code pec4j-fetch-<box>}, a daemon), ended after 30 s without work. */
    static ThreadPoolExecutor fetcher(String box) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pec4j-fetch-" + box);
            t.setDaemon(true);
            return t;
        });
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /**
     * The message's bytes, fetched ahead or now, and the fetch of the next ones started. Messages of the batch
     * before {@code ref} not taken are dropped.
     *
     * @throws IOException as {@link Mailbox#open(Mailbox.Ref)} or the reading of its stream threw it
     */
    Spooled take(Mailbox.Ref ref) throws IOException {
        int at = batch.indexOf(ref);
        if (at < 0) throw new IllegalArgumentException("not in this batch: " + ref);
        startUpTo(Math.min(batch.size() - 1, at + depth));
        Pending p;
        while (!(p = pending.removeFirst()).ref().equals(ref)) discard(p);
        return await(p.bytes());
    }

    private void startUpTo(int last) {
        for (; started <= last; started++) {
            Mailbox.Ref ref = batch.get(started);
            pending.addLast(new Pending(ref, CompletableFuture.supplyAsync(() -> fetch(ref), fetcher)));
        }
    }

    private Spooled fetch(Mailbox.Ref ref) {
        if (closed) return null; // the batch ended before this fetch began
        try {
            return Spooled.read(mailbox.open(ref), ref.size());
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static Spooled await(CompletableFuture<Spooled> bytes) throws IOException {
        try {
            return bytes.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        }
    }

    /** Waits for the fetch running, if any, and deletes the spools of the messages fetched and not taken. */
    @Override
    public void close() {
        closed = true;
        while (!pending.isEmpty()) discard(pending.removeFirst());
    }

    private static void discard(Pending p) {
        Spooled s = p.bytes().handle((bytes, failure) -> bytes).join();
        if (s == null) return;
        try {
            s.close();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the spool of uid {} fetched ahead: {}", p.ref().uid(), e.toString());
        }
    }
}
