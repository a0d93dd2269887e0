package io.github.pec4j.formats.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A read-only reader of OLE2 compound files (MS-CFB), enough to list storages and read streams of
 * Outlook {@code .msg} files and legacy Office documents without Apache POI. Hostile files are
 * expected: every sector number, chain and directory link is bounds- and cycle-checked, and a broken
 * structure is an {@link IOException}, never an endless loop or an unchecked exception.
 */
final class CompoundFile implements AutoCloseable {
    private static final long MAGIC = 0xE11AB1A1E011CFD0L;
    private static final int END_OF_CHAIN = 0xFFFFFFFE;
    private static final int FREE = 0xFFFFFFFF;
    private static final int NO_STREAM = 0xFFFFFFFF;

    /** One directory entry. */
    record Entry(int id, String name, int type, int left, int right, int child, int start, long size) {
        boolean isStorage() {
            return type == 1 || type == 5;
        }

        boolean isStream() {
            return type == 2;
        }
    }

    private final FileChannel channel;
    private final int sectorSize;
    private final int miniSectorSize;
    private final long miniCutoff;
    private final int[] fat;
    private final int[] miniFat;
    private final List<Entry> entries;
    private final long sectorCount;
    private byte[] miniStream;

    private CompoundFile(FileChannel channel) throws IOException {
        this.channel = channel;
        ByteBuffer h = read(0, 512);
        if (h.getLong(0) != MAGIC) {
            throw new IOException("not an OLE2 compound file");
        }
        int sectorShift = h.getShort(0x1E) & 0xFFFF;
        int miniShift = h.getShort(0x20) & 0xFFFF;
        if (sectorShift != 9 && sectorShift != 12 || miniShift != 6) {
            throw new IOException("unsupported sector sizes " + sectorShift + "/" + miniShift);
        }
        sectorSize = 1 << sectorShift;
        miniSectorSize = 1 << miniShift;
        sectorCount = Math.max(0, (channel.size() - sectorSize + sectorSize - 1) / sectorSize);
        int fatSectors = h.getInt(0x2C);
        int firstDir = h.getInt(0x30);
        miniCutoff = h.getInt(0x38) & 0xFFFFFFFFL;
        int firstMiniFat = h.getInt(0x3C);
        int firstDifat = h.getInt(0x44);
        int difatSectors = h.getInt(0x48);
        if (fatSectors < 0 || fatSectors > sectorCount + 1 || difatSectors < 0 || difatSectors > sectorCount + 1) {
            throw new IOException("implausible FAT size");
        }
        List<Integer> fatSectorIds = new ArrayList<>();
        for (int i = 0; i < 109 && fatSectorIds.size() < fatSectors; i++) {
            fatSectorIds.add(h.getInt(0x4C + 4 * i));
        }
        int difat = firstDifat;
        BitSet seen = new BitSet();
        while (fatSectorIds.size() < fatSectors && difat >= 0 && difat < sectorCount) {
            if (seen.get(difat)) {
                throw new IOException("DIFAT cycle");
            }
            seen.set(difat);
            ByteBuffer d = sector(difat);
            int per = sectorSize / 4 - 1;
            for (int i = 0; i < per && fatSectorIds.size() < fatSectors; i++) {
                fatSectorIds.add(d.getInt(4 * i));
            }
            difat = d.getInt(4 * per);
        }
        fat = new int[fatSectorIds.size() * (sectorSize / 4)];
        for (int s = 0; s < fatSectorIds.size(); s++) {
            ByteBuffer b = sector(fatSectorIds.get(s));
            for (int i = 0; i < sectorSize / 4; i++) {
                fat[s * (sectorSize / 4) + i] = b.getInt(4 * i);
            }
        }
        byte[] dir = chainBytes(firstDir, Long.MAX_VALUE, fat, false);
        entries = new ArrayList<>();
        ByteBuffer d = ByteBuffer.wrap(dir).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off + 128 <= dir.length; off += 128) {
            int nameBytes = Math.min(64, Math.max(0, (d.getShort(off + 0x40) & 0xFFFF) - 2));
            String name = new String(dir, off, nameBytes - nameBytes % 2, StandardCharsets.UTF_16LE);
            long size = d.getLong(off + 0x78);
            if (sectorSize == 512) {
                size &= 0xFFFFFFFFL; // version 3 files: the high half is undefined
            }
            entries.add(new Entry(off / 128, name, dir[off + 0x42], d.getInt(off + 0x44), d.getInt(off + 0x48), d.getInt(off + 0x4C),
                    d.getInt(off + 0x74), size));
        }
        if (entries.isEmpty() || entries.get(0).type() != 5) {
            throw new IOException("no root entry");
        }
        miniFat = toInts(chainBytes(firstMiniFat, Long.MAX_VALUE, fat, false));
    }

    /** Opens {@code file}; an IOException when it is not a readable compound file. */
    static CompoundFile open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new CompoundFile(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e instanceof IOException io ? io : new IOException("broken compound file: " + e, e);
        }
    }

    Entry root() {
        return entries.get(0);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The direct children of a storage (the red-black tree under its child link, walked with a cycle guard). */
    List<Entry> children(Entry storage) throws IOException {
        List<Entry> out = new ArrayList<>();
        BitSet seen = new BitSet();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.push(storage.child());
        while (!todo.isEmpty()) {
            int id = todo.pop();
            if (id == NO_STREAM || id < 0) {
                continue;
            }
            if (id >= entries.size() || seen.get(id)) {
                throw new IOException("broken directory tree at " + id);
            }
            seen.set(id);
            Entry e = entries.get(id);
            out.add(e);
            todo.push(e.left());
            todo.push(e.right());
        }
        return out;
    }

    /** The bytes of a stream, at most {@code max}; an IOException when the stream is larger. */
    byte[] read(Entry stream, long max) throws IOException {
        if (stream.size() > max) {
            throw new IOException("stream " + stream.name() + " larger than " + max + " bytes");
        }
        if (stream.size() < miniCutoff) {
            if (miniStream == null) {
                miniStream = chainBytes(root().start(), root().size(), fat, false);
            }
            byte[] mini = miniStream;
            byte[] chain = chainBytes(stream.start(), stream.size(), miniFat, true, mini);
            return java.util.Arrays.copyOf(chain, (int) Math.min(stream.size(), chain.length));
        }
        byte[] chain = chainBytes(stream.start(), stream.size(), fat, false);
        return java.util.Arrays.copyOf(chain, (int) Math.min(stream.size(), chain.length));
    }

    private byte[] chainBytes(int start, long limit, int[] table, boolean mini) throws IOException {
        return chainBytes(start, limit, table, mini, null);
    }

    /** Follows a sector chain, refusing cycles and sectors outside the file. */
    private byte[] chainBytes(int start, long limit, int[] table, boolean mini, byte[] miniStream) throws IOException {
        int unit = mini ? miniSectorSize : sectorSize;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BitSet seen = new BitSet();
        int s = start;
        while (s != END_OF_CHAIN && s != FREE && out.size() < limit) {
            if (s < 0 || s >= table.length || seen.get(s)) {
                throw new IOException("broken sector chain at " + s);
            }
            seen.set(s);
            if (mini) {
                if ((long) (s + 1) * unit > miniStream.length) {
                    throw new IOException("mini sector " + s + " outside the mini stream");
                }
                out.write(miniStream, s * unit, unit);
            } else {
                if (s >= sectorCount) {
                    throw new IOException("sector " + s + " outside the file");
                }
                ByteBuffer b = sector(s);
                out.write(b.array(), 0, b.limit());
            }
            s = table[s];
        }
        return out.toByteArray();
    }

    private ByteBuffer sector(int id) throws IOException {
        if (id < 0 || id >= sectorCount) {
            throw new IOException("sector " + id + " outside the file");
        }
        return read((long) (id + 1) * sectorSize, sectorSize);
    }

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new IOException("compound file truncated at " + (position + b.position()));
            }
        }
        return b.flip();
    }

    private static int[] toInts(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.getInt(4 * i);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
