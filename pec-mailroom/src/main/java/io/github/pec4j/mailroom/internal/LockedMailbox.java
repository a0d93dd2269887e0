package io.github.pec4j.mailroom.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A mailbox used by two threads in turn: the intake thread and {@link FetchAhead}'s, which share one connection
 * (MRM-PREFETCH-01). Every call holds one lock; a stream from {@link #open(Ref)} holds it until it is closed, on the
 * thread that opened it (the connection is busy until the message is read).
 */
final class LockedMailbox implements Mailbox {
    private final Mailbox box;
    private final ReentrantLock lock = new ReentrantLock();

    LockedMailbox(Mailbox box) {
        this.box = box;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T locked(Call<T> call) throws IOException {
        lock.lock();
        try {
            return call.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String address() {
        return box.address();
    }

    @Override
    public void open(List<String> folders) throws IOException {
        locked(() -> {
            box.open(folders);
            return null;
        });
    }

    @Override
    public List<Ref> list(String folder, int max) throws IOException {
        return locked(() -> box.list(folder, max));
    }

    @Override
    public InputStream open(Ref ref) throws IOException {
        lock.lock();
        try {
            return new Unlocking(box.open(ref));
        } catch (IOException | RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    /** The message's stream; closing it gives the connection back. */
    private final class Unlocking extends FilterInputStream {
        private boolean closed;

        Unlocking(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                super.close();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public Map<Ref, byte[]> readAll(List<Ref> refs) throws IOException {
        return locked(() -> box.readAll(refs));
    }

    @Override
    public void move(Ref ref, String folder) throws IOException {
        locked(() -> {
            box.move(ref, folder);
            return null;
        });
    }

    @Override
    public void moveAll(List<Ref> refs, String folder) throws IOException {
        locked(() -> {
            box.moveAll(refs, folder);
            return null;
        });
    }

    @Override
    public void awaitMail(Duration max) throws IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            box.awaitMail(max);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Quota> quota() throws IOException {
        return locked(box::quota);
    }

    @Override
    public void close() throws IOException {
        locked(() -> {
            box.close();
            return null;
        });
    }
}
