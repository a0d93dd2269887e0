package io.github.pec4j.core;

/**
 * A range of bytes in a raw message, {@code [start, end)}.
 *
 * @param start first byte offset
 * @param end offset just past the last byte
 */
public record ByteRange(long start, long end) {
    /**
     * Creates the record: refuses values out of range.
     *
     * @param start first byte offset
     * @param end offset just past the last byte
     */
    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /**
     * Number of bytes in the range.
     *
     * @return {@code end - start}, zero for an empty range
     */
    public long length() {
        return end - start;
    }
}
