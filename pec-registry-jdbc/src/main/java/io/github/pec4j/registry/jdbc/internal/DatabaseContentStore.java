package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Content in the database: {@code pec4j_content} (one row per SHA-256) and its bytes in parts of
 * {@value #PART} bytes in {@code pec4j_content_part} (schema 4), so that no document is ever held
 * whole in memory, neither when written nor when read, on H2 and PostgreSQL alike. Content written
 * before schema 4 keeps its 1 MiB chunks in {@code pec4j_content_chunk} and is read from there.
 *
 * <p>Writing is one pass: each part is hashed as it is read and sent in batches of
 * {@value #PARTS_PER_BATCH}; the size limit and the declared impronta are checked in that pass. The
 * parts stay below the size where G1 allocates arrays outside the young generation.
 */
final class DatabaseContentStore implements ContentStore {
    static final String KIND = "database";
    /** Bytes per part (the last part of a content may be shorter). */
    static final int PART = 256 * 1024;
    /** Parts held by the driver at most before the batch is executed (4 MiB). */
    static final int PARTS_PER_BATCH = 16;
    /** Parts read per query (1 MiB). */
    private static final int PARTS_PER_READ = 4;
    private static final String OLD_CHUNKS = "SELECT chunk_no, chunk_data FROM pec4j_content_chunk WHERE chunk_key = ? AND chunk_no >= ? "
            + "AND chunk_no < ? ORDER BY chunk_no";
    private static final String PARTS = "SELECT part_no, part_data FROM pec4j_content_part WHERE chunk_key = ? AND part_no >= ? "
            + "AND part_no < ? ORDER BY part_no";

    private final Database database;
    private final ReadBuffers buffers = new ReadBuffers(PART, 4);

    DatabaseContentStore(Database database) {
        this.database = database;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean contains(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pec4j_content WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Writes the parts under a fresh key, then records the content under its SHA-256, unless it is
     * recorded already (or a concurrent transaction records it first): then the new parts go. No
     * look-up first: new content is the rule, and the insert finds the duplicate itself.
     */
    @Override
    public Stored write(Connection c, DocumentRequest document, long maxBytes) throws IOException, SQLException {
        String chunkKey = UUID.randomUUID().toString();
        Stored stored;
        int parts;
        byte[] buffer = buffers.take();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_content_part (chunk_key, part_no, part_data) VALUES (?, ?, ?)")) {
            PartWriter writer = new PartWriter(ps, chunkKey);
            stored = ContentStore.copy(document, maxBytes, buffer, writer::add);
            writer.flush();
            parts = writer.parts;
        } finally {
            buffers.give(buffer); // the batch has run or is abandoned with its statement: nothing reads the buffer
        }
        boolean recorded;
        try (PreparedStatement ps = c.prepareStatement(database.dialect().insertIfAbsent("pec4j_content",
                List.of("sha256", "size_bytes", "chunk_key", "chunk_count", "part_size"), List.of("sha256")))) {
            ps.setString(1, stored.impronta().hex());
            ps.setLong(2, stored.size());
            ps.setString(3, chunkKey);
            ps.setInt(4, parts);
            ps.setInt(5, PART);
            recorded = ps.executeUpdate() == 1; // PostgreSQL: 0 when kept already
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) throw e;
            recorded = false; // H2: the failed statement alone is undone, the transaction goes on
        }
        if (!recorded) deleteParts(c, chunkKey);
        return stored;
    }

    /**
     * Adds parts to the batch of one INSERT. A full part is bound from the read buffer itself: the
     * drivers of both dialects copy the array in {@code setBytes}, so the buffer can be read into again.
     */
    private static final class PartWriter {
        private final PreparedStatement insert;
        private final String chunkKey;
        int parts;
        private int pending;

        PartWriter(PreparedStatement insert, String chunkKey) {
            this.insert = insert;
            this.chunkKey = chunkKey;
        }

        void add(byte[] buffer, int length) throws SQLException {
            insert.setString(1, chunkKey);
            insert.setInt(2, parts++);
            insert.setBytes(3, length == buffer.length ? buffer : Arrays.copyOf(buffer, length));
            insert.addBatch();
            if (++pending == PARTS_PER_BATCH) flush();
        }

        void flush() throws SQLException {
            if (pending == 0) return;
            insert.executeBatch();
            pending = 0;
        }
    }

    private static void deleteParts(Connection c, String chunkKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pec4j_content_part WHERE chunk_key = ?")) {
            ps.setString(1, chunkKey);
            ps.executeUpdate();
        }
    }

    /** The content's bytes, from either layout, checked against its SHA-256 and size as they are read. */
    @Override
    public InputStream open(String sha256) throws IOException {
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement("SELECT size_bytes, chunk_key, chunk_count, part_size FROM pec4j_content WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new RegistryException(RegistryException.Reason.STORAGE, "content " + sha256 + " is missing from the database");
                boolean parts = rs.getObject("part_size") != null;
                InputStream in = parts
                        ? new ChunkStream(PARTS, Sql.string(rs, "chunk_key"), rs.getInt("chunk_count"), PARTS_PER_READ)
                        : new ChunkStream(OLD_CHUNKS, Sql.string(rs, "chunk_key"), rs.getInt("chunk_count"), 1);
                return new VerifyingStream(in, sha256, rs.getLong("size_bytes"));
            }
        } catch (SQLException e) {
            throw Sql.storage("reading content " + sha256, e);
        }
    }

    /** Reads the chunks (or parts) a few at a time, each few with a short query of its own. */
    private final class ChunkStream extends InputStream {
        private final String select;
        private final String chunkKey;
        private final int count;
        private final int perQuery;
        private final Deque<byte[]> fetched = new ArrayDeque<>();
        private int next;
        private byte[] chunk = new byte[0];
        private int position;

        ChunkStream(String select, String chunkKey, int count, int perQuery) {
            this.select = select;
            this.chunkKey = chunkKey;
            this.count = count;
            this.perQuery = perQuery;
        }

        private boolean fill() throws IOException {
            while (position >= chunk.length) {
                if (fetched.isEmpty()) {
                    if (next >= count) return false;
                    fetch();
                }
                chunk = fetched.removeFirst();
                position = 0;
            }
            return true;
        }

        private void fetch() throws IOException {
            int to = Math.min(count, next + perQuery);
            try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, chunkKey);
                ps.setInt(2, next);
                ps.setInt(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    for (; next < to; next++) {
                        if (!rs.next() || rs.getInt(1) != next) {
                            throw new RegistryException(RegistryException.Reason.STORAGE, "chunk " + next + " of " + chunkKey + " is missing");
                        }
                        fetched.addLast(Objects.requireNonNull(rs.getBytes(2), "chunk data"));
                    }
                }
            } catch (SQLException e) {
                throw Sql.storage("reading chunk " + next + " of " + chunkKey, e);
            }
        }

        @Override
        public int read() throws IOException {
            return fill() ? chunk[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }
    }
}
