package io.github.pec4j.mailroom.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * the mailbox's latency and the intake's work overlap instead of adding up. Fetching begins {@code depth} messages
 * ahead of the one taken, in the batch's order, one command at a time; small messages (up to {@link #SMALL} bytes as
 * listed) are read together, up to {@link #GROUP} of them and {@link #GROUP_BYTES} in all, in one command
 * (MRM-PREFETCH-02: one round trip to the server for them all). Each message is spooled as {@link Spooled#read} does
 * (in memory up to its limit, beyond it in a temporary file).
 *
 * <p>Fetching only reads ({@code BODY.PEEK}): a message fetched ahead and never taken (the round stopped, the lease
 * was lost, a storage failure ended the batch) is as if it had never been fetched, and {@link #close} deletes its
 * spool. A failed read of several messages is done again message by message, so that a message the server cannot
 * serve fails alone; a failed fetch reaches the caller, from {@link #take}, as the same exception a fetch of its own
 * would have thrown. {@link #close} returns only once no fetch is running, so nothing reads the mailbox after the
 * batch.
 */
final class FetchAhead implements AutoCloseable {
    /** Messages up to this size, as listed, are read together. */
    static final long SMALL = 256 * 1024;
    /** Messages read together at most. */
    static final int GROUP = 16;
    /** Bytes read together at most, as listed. */
    static final long GROUP_BYTES = 2 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FetchAhead.class);

    /** A message's bytes, or why they could not be fetched. */
    private record Fetched(Spooled bytes, IOException failure) {}

    private record Pending(Mailbox.Ref ref, CompletableFuture<Fetched> fetched) {}

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
     * @param depth messages fetched ahead of the one taken; 0 fetches each alone when it is taken
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
        Fetched f = await(p.fetched());
        if (f.failure() != null) throw f.failure();
        return f.bytes();
    }

    private void startUpTo(int last) {
        while (started <= last) {
            List<Mailbox.Ref> group = nextGroup();
            CompletableFuture<Map<Mailbox.Ref, Fetched>> all = CompletableFuture.supplyAsync(() -> fetch(group), fetcher);
            for (Mailbox.Ref ref : group) pending.addLast(new Pending(ref, all.thenApply(m -> m.get(ref))));
            started += group.size();
        }
    }

    /** From the first message not started: small ones together (within the group's bounds), or one; one only at depth 0. */
    private List<Mailbox.Ref> nextGroup() {
        if (depth == 0) return List.of(batch.get(started));
        List<Mailbox.Ref> group = new ArrayList<>();
        long bytes = 0;
        for (int i = started; i < batch.size() && group.size() < GROUP; i++) {
            Mailbox.Ref r = batch.get(i);
            boolean small = r.size() >= 0 && r.size() <= SMALL;
            if (group.isEmpty() && !small) return List.of(r);
            if (!small || bytes + r.size() > GROUP_BYTES) break;
            group.add(r);
            bytes += r.size();
        }
        return group;
    }

    /** Each message's bytes or failure; none once the batch has ended. */
    private Map<Mailbox.Ref, Fetched> fetch(List<Mailbox.Ref> group) {
        Map<Mailbox.Ref, Fetched> out = new LinkedHashMap<>();
        if (closed) return out; // the batch ended before this fetch began
        Map<Mailbox.Ref, byte[]> read = group.size() > 1 ? together(group) : Map.of();
        for (Mailbox.Ref ref : group) {
            byte[] bytes = read.get(ref);
            out.put(ref, bytes != null ? new Fetched(Spooled.of(bytes), null) : alone(ref));
        }
        return out;
    }

    /** The group in one command; what it did not bring (or all of it, when it failed) is then fetched alone. */
    private Map<Mailbox.Ref, byte[]> together(List<Mailbox.Ref> group) {
        try {
            return mailbox.readAll(group);
        } catch (IOException | RuntimeException e) {
            LOG.debug("reading {} messages together failed ({}); one by one", group.size(), e.toString());
            return Map.of();
        }
    }

    private Fetched alone(Mailbox.Ref ref) {
        if (closed) return new Fetched(null, null);
        try {
            return new Fetched(Spooled.fetch(mailbox, ref), null);
        } catch (IOException e) {
            return new Fetched(null, e);
        }
    }

    private static Fetched await(CompletableFuture<Fetched> fetched) throws IOException {
        try {
            return fetched.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
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
        Fetched f = p.fetched().handle((fetched, failure) -> fetched).join();
        if (f == null || f.bytes() == null) return;
        try {
            f.bytes().close();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the spool of uid {} fetched ahead: {}", p.ref().uid(), e.toString());
        }
    }
}
