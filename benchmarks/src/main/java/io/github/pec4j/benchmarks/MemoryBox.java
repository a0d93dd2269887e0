package io.github.pec4j.benchmarks;

import io.github.pec4j.mailroom.Mailroom;
import io.github.pec4j.mailroom.internal.Mailbox;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An institutional box in memory, for {@link IntakeBenchmark#intakeNoImap}: listing, reading and moving a message
 * cost next to nothing, so a round of the mailroom over it is the whole intake but the IMAP transfer. The mailroom
 * takes such a box only from its own tests' package ({@code Mailroom.Builder.mailbox} is not public API); the
 * benchmark reaches it by reflection, as the benchmarks run on the class path.
 */
final class MemoryBox implements Mailbox {
    private static final long UID_VALIDITY = 1;
    private final String address;
    private final Map<String, TreeMap<Long, byte[]>> folders = new HashMap<>();
    private long nextUid;

    MemoryBox(String address) {
        this.address = address;
    }

    /** {@code builder.mailbox(box)}. */
    static Mailroom.Builder into(Mailroom.Builder builder, MemoryBox box) throws ReflectiveOperationException {
        // a method handle of that one method: Class.getDeclaredMethod would resolve every method's types, Micrometer's too
        MethodHandle mailbox = MethodHandles.privateLookupIn(Mailroom.Builder.class, MethodHandles.lookup())
                .findVirtual(Mailroom.Builder.class, "mailbox", MethodType.methodType(Mailroom.Builder.class, Mailbox.class));
        try {
            return (Mailroom.Builder) mailbox.invoke(builder, box);
        } catch (Throwable t) {
            throw new ReflectiveOperationException(t);
        }
    }

    synchronized void deliver(byte[] raw) {
        folder("INBOX").put(++nextUid, raw);
    }

    private TreeMap<Long, byte[]> folder(String name) {
        return folders.computeIfAbsent(name, k -> new TreeMap<>());
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public synchronized void open(List<String> names) {
        names.forEach(this::folder);
    }

    @Override
    public synchronized List<Ref> list(String folder, int max) {
        List<Ref> refs = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : folder(folder).entrySet()) {
            if (refs.size() == max) break;
            refs.add(new Ref(folder, UID_VALIDITY, e.getKey(), e.getValue().length));
        }
        return refs;
    }

    @Override
    public synchronized InputStream open(Ref ref) throws NoSuchFileException {
        byte[] raw = folder(ref.folder()).get(ref.uid());
        if (raw == null) throw new NoSuchFileException(ref.folder() + "/" + ref.uid());
        return new ByteArrayInputStream(raw);
    }

    @Override
    public synchronized void move(Ref ref, String to) {
        byte[] raw = folder(ref.folder()).remove(ref.uid());
        if (raw != null) folder(to).put(++nextUid, raw);
    }

    @Override
    public void awaitMail(Duration max) {}

    @Override
    public Optional<Quota> quota() {
        return Optional.empty();
    }

    @Override
    public void close() {}
}
