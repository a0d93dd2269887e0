package io.github.pec4j.mailroom;

import io.github.pec4j.mailroom.internal.Mailbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An institutional box in memory, with the failures the pipeline must survive: a message whose bytes cannot be
 * fetched, moves that fail, a message that vanishes (another node took it), a quota.
 */
final class MemoryMailbox implements Mailbox {
    private final String address;
    private final Map<String, TreeMap<Long, byte[]>> folders = new LinkedHashMap<>();
    private final Map<String, Long> nextUid = new LinkedHashMap<>();
    private final long uidValidity = 1_700_000_000L;
    private Predicate<byte[]> failOpen = b -> false;
    private int failMoves;
    private Optional<Quota> quota = Optional.empty();
    int moves;
    /** The folders of each group move ({@link #moveAll}), in order. */
    final List<String> groupMoves = new ArrayList<>();
    boolean closed;

    MemoryMailbox(String address) {
        this.address = address;
        folders.put(Folders.INBOX, new TreeMap<>());
    }

    synchronized long deliver(byte[] message) {
        return append(Folders.INBOX, message);
    }

    synchronized long append(String folder, byte[] message) {
        long uid = nextUid.merge(folder, 1L, Long::sum);
        folders.computeIfAbsent(folder, f -> new TreeMap<>()).put(uid, message.clone());
        return uid;
    }

    /** The messages in a folder, oldest UID first. */
    synchronized List<byte[]> messages(String folder) {
        return new ArrayList<>(folders.getOrDefault(folder, new TreeMap<>()).values());
    }

    synchronized int count(String folder) {
        return folders.getOrDefault(folder, new TreeMap<>()).size();
    }

    /** Opening a message whose bytes match throws an IOException (a server that cannot serve it). */
    synchronized void failOpen(Predicate<byte[]> which) {
        failOpen = which;
    }

    /** The next {@code n} moves throw. */
    synchronized void failMoves(int n) {
        failMoves = n;
    }

    synchronized void quota(long usedKb, long limitKb) {
        quota = Optional.of(new Quota(usedKb, limitKb));
    }

    /** Removes a message as another node would (the next open finds it gone). */
    synchronized void vanish(String folder, long uid) {
        folders.get(folder).remove(uid);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public synchronized void open(List<String> names) {
        names.forEach(n -> folders.computeIfAbsent(n, f -> new TreeMap<>()));
    }

    @Override
    public synchronized List<Ref> list(String folder, int max) {
        List<Ref> out = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : folders.getOrDefault(folder, new TreeMap<>()).entrySet()) {
            if (out.size() >= max) break;
            out.add(new Ref(folder, uidValidity, e.getKey(), e.getValue().length));
        }
        return out;
    }

    @Override
    public synchronized InputStream open(Ref ref) throws IOException {
        byte[] bytes = folders.getOrDefault(ref.folder(), new TreeMap<>()).get(ref.uid());
        if (bytes == null) throw new NoSuchFileException(ref.folder() + "/" + ref.uid());
        if (failOpen.test(bytes)) throw new IOException("FETCH failed: the server cannot serve uid " + ref.uid());
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public synchronized void move(Ref ref, String folder) throws IOException {
        if (failMoves > 0) {
            failMoves--;
            throw new IOException("MOVE failed: connection lost");
        }
        byte[] bytes = folders.getOrDefault(ref.folder(), new TreeMap<>()).remove(ref.uid());
        if (bytes == null) return;
        append(folder, bytes);
        moves++;
    }

    @Override
    public synchronized void moveAll(List<Ref> refs, String folder) throws IOException {
        groupMoves.add(folder);
        Mailbox.super.moveAll(refs, folder);
    }

    @Override
    public void awaitMail(Duration max) throws InterruptedException {
        Thread.sleep(Math.min(max.toMillis(), 50));
    }

    @Override
    public synchronized Optional<Quota> quota() {
        return quota;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
