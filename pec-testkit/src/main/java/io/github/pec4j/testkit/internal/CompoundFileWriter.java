package io.github.pec4j.testkit.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes OLE2 compound files (MS-CFB version 3, 512-byte sectors) for fixtures such as Outlook
 * {@code .msg} messages: streams under 4,096 bytes go to the mini stream, larger ones to regular
 * sectors, as the specification requires. No DIFAT, so files up to about 7 MB.
 */
public final class CompoundFileWriter {
    private static final int SECTOR = 512;
    private static final int MINI = 64;
    private static final int CUTOFF = 4096;
    private static final int END = 0xFFFFFFFE;
    private static final int FREE = 0xFFFFFFFF;
    private static final int FATSECT = 0xFFFFFFFD;
    private static final int NONE = 0xFFFFFFFF;

    /** A storage (with children) or a stream (with data). */
    public static final class Node {
        final String name;
        final byte[] data;
        final List<Node> children = new ArrayList<>();
        int id;
        int start = END;

        private Node(String name, byte[] data) {
            this.name = name;
            this.data = data;
        }

        /** Adds a child storage and returns it. */
        public Node storage(String childName) {
            Node n = new Node(childName, null);
            children.add(n);
            return n;
        }

        /** Adds a child stream and returns this storage. */
        public Node stream(String childName, byte[] bytes) {
            children.add(new Node(childName, bytes.clone()));
            return this;
        }
    }

    private final Node root = new Node("Root Entry", null);

    /** The root storage. */
    public Node root() {
        return root;
    }

    /** The file's bytes. */
    public byte[] toBytes() {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        for (int i = 0; i < all.size(); i++) {
            all.get(i).id = i;
        }
        // mini stream and mini FAT
        java.io.ByteArrayOutputStream mini = new java.io.ByteArrayOutputStream();
        List<Integer> miniFat = new ArrayList<>();
        List<Node> big = new ArrayList<>();
        for (Node n : all) {
            if (n.data == null) {
                continue;
            }
            if (n.data.length >= CUTOFF) {
                big.add(n);
                continue;
            }
            int units = (n.data.length + MINI - 1) / MINI;
            if (units == 0) {
                continue;
            }
            n.start = miniFat.size();
            for (int u = 0; u < units; u++) {
                miniFat.add(u == units - 1 ? END : miniFat.size() + 1);
            }
            mini.write(n.data, 0, n.data.length);
            mini.write(new byte[units * MINI - n.data.length], 0, units * MINI - n.data.length);
        }
        byte[] miniBytes = mini.toByteArray();
        int dirSectors = (all.size() * 128 + SECTOR - 1) / SECTOR;
        int miniFatSectors = (miniFat.size() * 4 + SECTOR - 1) / SECTOR;
        int miniSectors = (miniBytes.length + SECTOR - 1) / SECTOR;
        int bigSectors = big.stream().mapToInt(n -> (n.data.length + SECTOR - 1) / SECTOR).sum();
        int rest = dirSectors + miniFatSectors + miniSectors + bigSectors;
        int fatSectors = 1;
        while (fatSectors * (SECTOR / 4) < fatSectors + rest) {
            fatSectors++;
        }
        if (fatSectors > 109) {
            throw new IllegalStateException("fixture too large for a header-only DIFAT");
        }
        int total = fatSectors + rest;
        int[] fat = new int[fatSectors * (SECTOR / 4)];
        java.util.Arrays.fill(fat, FREE);
        for (int i = 0; i < fatSectors; i++) {
            fat[i] = FATSECT;
        }
        int next = fatSectors;
        int dirStart = chain(fat, next, dirSectors);
        next += dirSectors;
        int miniFatStart = miniFatSectors == 0 ? END : chain(fat, next, miniFatSectors);
        next += miniFatSectors;
        int miniStart = miniSectors == 0 ? END : chain(fat, next, miniSectors);
        next += miniSectors;
        for (Node n : big) {
            int count = (n.data.length + SECTOR - 1) / SECTOR;
            n.start = chain(fat, next, count);
            next += count;
        }

        ByteBuffer out = ByteBuffer.allocate(SECTOR * (1 + total)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(0, 0xE11AB1A1E011CFD0L);
        out.putShort(0x18, (short) 0x3E);
        out.putShort(0x1A, (short) 3);
        out.putShort(0x1C, (short) 0xFFFE);
        out.putShort(0x1E, (short) 9);
        out.putShort(0x20, (short) 6);
        out.putInt(0x2C, fatSectors);
        out.putInt(0x30, dirStart);
        out.putInt(0x38, CUTOFF);
        out.putInt(0x3C, miniFatStart);
        out.putInt(0x40, miniFatSectors);
        out.putInt(0x44, END);
        out.putInt(0x48, 0);
        for (int i = 0; i < 109; i++) {
            out.putInt(0x4C + 4 * i, i < fatSectors ? i : FREE);
        }
        for (int i = 0; i < fat.length; i++) {
            out.putInt(SECTOR + 4 * i, fat[i]);
        }
        int dirOffset = SECTOR * (1 + dirStart);
        for (int i = 0; i < dirSectors * SECTOR / 128; i++) {
            int off = dirOffset + 128 * i;
            out.putInt(off + 0x44, NONE);
            out.putInt(off + 0x48, NONE);
            out.putInt(off + 0x4C, NONE);
        }
        for (Node n : all) {
            int off = dirOffset + 128 * n.id;
            byte[] name = n.name.getBytes(StandardCharsets.UTF_16LE);
            out.put(off, name, 0, Math.min(62, name.length));
            out.putShort(off + 0x40, (short) (Math.min(62, name.length) + 2));
            out.put(off + 0x42, (byte) (n == root ? 5 : n.data == null ? 1 : 2));
            out.put(off + 0x43, (byte) 1);
            List<Node> kids = sorted(n.children);
            out.putInt(off + 0x4C, kids.isEmpty() ? NONE : kids.get(0).id);
            for (int k = 0; k < kids.size(); k++) {
                out.putInt(dirOffset + 128 * kids.get(k).id + 0x48, k + 1 < kids.size() ? kids.get(k + 1).id : NONE);
            }
            if (n == root) {
                out.putInt(off + 0x74, miniStart);
                out.putInt(off + 0x78, miniBytes.length);
            } else if (n.data != null) {
                out.putInt(off + 0x74, n.data.length == 0 ? END : n.start);
                out.putInt(off + 0x78, n.data.length);
            }
        }
        for (int i = 0; i < miniFat.size(); i++) {
            out.putInt(SECTOR * (1 + miniFatStart) + 4 * i, miniFat.get(i));
        }
        if (miniSectors > 0) {
            out.put(SECTOR * (1 + miniStart), miniBytes);
        }
        for (Node n : big) {
            out.put(SECTOR * (1 + n.start), n.data);
        }
        return out.array();
    }

    private static int chain(int[] fat, int first, int count) {
        for (int i = 0; i < count; i++) {
            fat[first + i] = i == count - 1 ? END : first + i + 1;
        }
        return first;
    }

    private static void collect(Node n, List<Node> all) {
        all.add(n);
        for (Node c : n.children) {
            collect(c, all);
        }
    }

    /** Directory order: shorter names first, then by upper-case name (MS-CFB 2.6.4). */
    private static List<Node> sorted(List<Node> nodes) {
        return nodes.stream().sorted(Comparator.<Node>comparingInt(c -> c.name.length())
                .thenComparing(c -> c.name.toUpperCase(Locale.ROOT))).toList();
    }
}
