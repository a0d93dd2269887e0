package io.github.pec4j.core.internal;

import io.github.pec4j.core.content.ContentSink;
import io.github.pec4j.core.content.StoredContent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Feeds a {@link ContentSink} from the parsing thread. The first {@value #SYNC_LIMIT} bytes are
 * written directly; past that the sink (hashing and spooling, about half the work per byte) runs on
 * a background thread while the parser goes on scanning and decoding, with a few recycled blocks in
 * between. Calls to the sink stay strictly sequential.
 */
final class PipelinedOutput implements MimeParser.Output {
    static final int SYNC_LIMIT = 256 * 1024;
    private static final int BLOCK = 256 * 1024;
    private static final int BLOCKS = 3;
    private static final byte[] END = new byte[0];
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pec4j-spool");
        t.setDaemon(true);
        return t;
    });

    final ContentSink sink;
    private long direct;
    private BlockingQueue<byte[]> full;
    private BlockingQueue<byte[]> free;
    private byte[] current;
    private int fill;
    private Future<?> worker;

    PipelinedOutput(ContentSink sink) {
        this.sink = sink;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (worker == null) {
            if (direct + len <= SYNC_LIMIT) {
                sink.write(b, off, len);
                direct += len;
                return;
            }
            start();
        }
        while (len > 0) {
            int n = Math.min(len, BLOCK - fill);
            System.arraycopy(b, off, current, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == BLOCK) {
                hand(current, BLOCK);
                current = take(free);
                fill = 0;
            }
        }
    }

    private void start() {
        full = new ArrayBlockingQueue<>(BLOCKS + 2);
        free = new ArrayBlockingQueue<>(BLOCKS + 2);
        for (int i = 1; i < BLOCKS; i++) {
            free.add(new byte[BLOCK]);
        }
        current = new byte[BLOCK];
        BlockingQueue<byte[]> in = full;
        BlockingQueue<byte[]> out = free;
        worker = WORKERS.submit(() -> {
            while (true) {
                byte[] block = in.take();
                if (block == END) {
                    return null;
                }
                byte[] len = in.take(); // the block's length, as 4 bytes
                int n = ((len[0] & 0xFF) << 24) | ((len[1] & 0xFF) << 16) | ((len[2] & 0xFF) << 8) | (len[3] & 0xFF);
                sink.write(block, 0, n);
                out.put(block);
            }
        });
    }

    private void hand(byte[] block, int n) throws IOException {
        checkWorker();
        put(block);
        put(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }

    private void put(byte[] b) throws IOException {
        try {
            while (!full.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                checkWorker();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while spooling");
        }
    }

    private byte[] take(BlockingQueue<byte[]> q) throws IOException {
        try {
            byte[] b;
            while ((b = q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                checkWorker();
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while spooling");
        }
    }

    /** Surfaces a sink failure on the parsing thread. */
    private void checkWorker() throws IOException {
        if (worker != null && worker.isDone()) {
            await();
            throw new IOException("spool worker stopped early");
        }
    }

    private void await() throws IOException {
        try {
            worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while spooling");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("spool worker failed", c);
        }
    }

    /** Flushes what is pending and seals the content. */
    StoredContent complete() throws IOException {
        if (worker != null) {
            if (fill > 0) {
                hand(current, fill);
            }
            put(END);
            await();
            worker = null;
        }
        return sink.complete();
    }

    /** Stops the worker and discards the content. */
    void abort() {
        if (worker != null) {
            // Let the worker finish its current write before the sink is discarded under it.
            full.clear();
            full.offer(END);
            try {
                await();
            } catch (IOException | RuntimeException e) {
                // the content is being discarded anyway
            }
            worker = null;
        }
        sink.abort();
    }
}
