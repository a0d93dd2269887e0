package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.DocumentRequest;
import io.github.pec4j.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Content in the database: {@code pec4j_content} (one row per SHA-256) and its bytes in chunks of
 * 1 MiB in {@code pec4j_content_chunk}, so that no document is ever held whole in memory, neither
 * when written nor when read, on H2 and PostgreSQL alike.
 */
final class DatabaseContentStore implements ContentStore {
    static final String KIND = "database";
    static final int CHUNK = 1 << 20;

    private final Database database;

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
     * Writes the chunks under a fresh key, then records the content under its SHA-256, unless it is
     * recorded already (or a concurrent transaction records it first): then the new chunks go. No
     * look-up first: new content is the rule, and the insert finds the duplicate itself.
     */
    @Override
    public Stored write(Connection c, DocumentRequest document, long maxBytes) throws IOException, SQLException {
        String chunkKey = UUID.randomUUID().toString();
        int[] chunks = {0};
        Stored stored;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_content_chunk (chunk_key, chunk_no, chunk_data) VALUES (?, ?, ?)")) {
            stored = ContentStore.copy(document, maxBytes, CHUNK, (buffer, length) -> {
                ps.setString(1, chunkKey);
                ps.setInt(2, chunks[0]++);
                ps.setBytes(3, Arrays.copyOf(buffer, length));
                ps.executeUpdate();
            });
        }
        boolean recorded;
        try (PreparedStatement ps = c.prepareStatement(database.dialect().insertIfAbsent("pec4j_content",
                List.of("sha256", "size_bytes", "chunk_key", "chunk_count"), List.of("sha256")))) {
            ps.setString(1, stored.impronta().hex());
            ps.setLong(2, stored.size());
            ps.setString(3, chunkKey);
            ps.setInt(4, chunks[0]);
            recorded = ps.executeUpdate() == 1; // PostgreSQL: 0 when kept already
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) throw e;
            recorded = false; // H2: the failed statement alone is undone, the transaction goes on
        }
        if (!recorded) deleteChunks(c, chunkKey);
        return stored;
    }

    private static void deleteChunks(Connection c, String chunkKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pec4j_content_chunk WHERE chunk_key = ?")) {
            ps.setString(1, chunkKey);
            ps.executeUpdate();
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement("SELECT chunk_key, chunk_count FROM pec4j_content WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new RegistryException(RegistryException.Reason.STORAGE, "content " + sha256 + " is missing from the database");
                return new ChunkStream(Sql.string(rs, "chunk_key"), rs.getInt("chunk_count"));
            }
        } catch (SQLException e) {
            throw Sql.storage("reading content " + sha256, e);
        }
    }

    /** Reads the chunks one at a time, each with a short query of its own. */
    private final class ChunkStream extends InputStream {
        private final String chunkKey;
        private final int count;
        private int next;
        private byte[] chunk = new byte[0];
        private int position;

        ChunkStream(String chunkKey, int count) {
            this.chunkKey = chunkKey;
            this.count = count;
        }

        private boolean fill() throws IOException {
            while (position >= chunk.length) {
                if (next >= count) return false;
                try (Connection c = database.connection();
                        PreparedStatement ps = c.prepareStatement("SELECT chunk_data FROM pec4j_content_chunk WHERE chunk_key = ? AND chunk_no = ?")) {
                    ps.setString(1, chunkKey);
                    ps.setInt(2, next);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) throw new RegistryException(RegistryException.Reason.STORAGE, "chunk " + next + " of " + chunkKey + " is missing");
                        chunk = Objects.requireNonNull(rs.getBytes(1), "chunk_data");
                    }
                } catch (SQLException e) {
                    throw Sql.storage("reading chunk " + next + " of " + chunkKey, e);
                }
                next++;
                position = 0;
            }
            return true;
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
