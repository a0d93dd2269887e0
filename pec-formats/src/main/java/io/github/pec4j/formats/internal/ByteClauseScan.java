package io.github.pec4j.formats.internal;

import io.github.pec4j.formats.internal.TikaMagics.Bytes;
import io.github.pec4j.formats.internal.TikaMagics.Magic;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The byte clauses of a signature's rivals that look for a pattern over a wide range of offsets, all tried in one
 * pass over the head (part of the FMT-DETECT-01 shortcut). Alone, each such clause reads every offset of its range: a PDF's rivals hold
 * dozens over the first 8 KB, which made detection cost more than the parse of a message. Here each offset's byte is
 * read once and only the clauses that can start with it are tried there. The answer for each clause is the one
 * {@link Bytes#eval(byte[])} gives; clauses over a few offsets are left to it.
 */
final class ByteClauseScan {
    /** A range of fewer offsets is cheaper to try alone. */
    static final int WIDE = 16;
    private static final int[] NONE = new int[0];

    private final List<Bytes> clauses;
    private final Map<Bytes, Integer> index = new IdentityHashMap<>();
    /** For each byte value, the clauses a match of which can start with it. */
    private final int[][] byFirstByte = new int[256][];
    /**
     * Which two bytes can start a match: for a first byte, the index of its row of 256 bits over the second byte, or -1
     * when no match starts with it. A few hundred bytes in all, so they stay in the fastest cache while a head is read
     * (a table of every pair, 8 KB, missed it between files).
     */
    private final int[] rowOf = new int[256];
    private final long[] rows;
    private final int lastOffset;

    private ByteClauseScan(List<Bytes> clauses) {
        this.clauses = List.copyOf(clauses);
        int last = -1;
        List<List<Integer>> starts = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            starts.add(new ArrayList<>());
        }
        for (int i = 0; i < this.clauses.size(); i++) {
            Bytes c = this.clauses.get(i);
            index.put(c, i);
            last = Math.max(last, c.end());
            for (int b = 0; b < 256; b++) {
                if (c.canStartWith(b)) {
                    starts.get(b).add(i);
                }
            }
        }
        java.util.Arrays.fill(rowOf, -1);
        int used = 0;
        for (int b = 0; b < 256; b++) {
            if (!starts.get(b).isEmpty()) {
                rowOf[b] = used++;
            }
        }
        this.rows = new long[used * 4];
        for (int b = 0; b < 256; b++) {
            for (int i : starts.get(b)) {
                for (int next = 0; next < 256; next++) {
                    if (this.clauses.get(i).canContinueWith(next)) {
                        rows[rowOf[b] * 4 + (next >>> 6)] |= 1L << next;
                    }
                }
            }
        }
        for (int b = 0; b < 256; b++) {
            byFirstByte[b] = starts.get(b).isEmpty() ? NONE : starts.get(b).stream().mapToInt(Integer::intValue).toArray();
        }
        this.lastOffset = last;
    }

    /** The scan of the wide byte clauses found in {@code rivals}' clauses (each once, whatever magics share it). */
    static ByteClauseScan of(List<Magic> rivals) {
        Set<Bytes> wide = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Bytes> ordered = new ArrayList<>();
        for (Magic m : rivals) {
            TikaMagics.leaves(m.clause(), c -> {
                if (c instanceof Bytes b && b.end() - b.begin() >= WIDE && !startsWithAnyByte(b) && wide.add(b)) {
                    ordered.add(b);
                }
            });
        }
        return new ByteClauseScan(ordered);
    }

    /** A clause whose first byte is masked out could start anywhere: the pass would try it at every offset, as alone. */
    private static boolean startsWithAnyByte(Bytes b) {
        for (int v = 0; v < 256; v++) {
            if (!b.canStartWith(v)) {
                return false;
            }
        }
        return true;
    }

    /** How many clauses the pass answers for. */
    int size() {
        return clauses.size();
    }

    /** The answers of every clause of this scan for {@code head}. */
    Result run(byte[] head) {
        boolean[] hit = new boolean[clauses.size()];
        int stop = Math.min(lastOffset, head.length - 1);
        for (int o = 0; o <= stop; o++) {
            int first = head[o] & 0xff;
            int row = rowOf[first];
            if (row < 0) {
                continue;
            }
            int next = o + 1 < head.length ? head[o + 1] & 0xff : 0; // past the head a window reads zeros
            if ((rows[row * 4 + (next >>> 6)] & 1L << next) == 0) {
                continue;
            }
            for (int i : byFirstByte[first]) {
                if (!hit[i]) {
                    Bytes c = clauses.get(i);
                    hit[i] = o >= c.begin() && o <= c.end() && c.canContinueWith(next) && c.at(head, o);
                }
            }
        }
        for (int i = 0; i < hit.length; i++) {
            Bytes c = clauses.get(i);
            hit[i] = c.complete(head) && (hit[i] || c.pastHead(head));
        }
        return new Result(index, hit);
    }

    /** The answers of one pass: {@link #answer} is null for a clause the pass did not try. */
    static final class Result {
        /** No clause answered: every clause is evaluated alone. */
        static final Result NONE = new Result(Map.of(), new boolean[0]);
        private final Map<Bytes, Integer> index;
        private final boolean[] matched;

        private Result(Map<Bytes, Integer> index, boolean[] matched) {
            this.index = index;
            this.matched = matched;
        }

        Boolean answer(Bytes clause) {
            Integer i = index.get(clause);
            return i == null ? null : matched[i];
        }
    }
}
