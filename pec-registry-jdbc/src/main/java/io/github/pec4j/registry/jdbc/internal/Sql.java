package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.RegistryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Column conventions shared by every table. An instant is two columns, {@code <name>_s} (epoch
 * seconds, BIGINT) and {@code <name>_n} (nanoseconds, INTEGER), so that every instant comes back
 * exactly as it was given, whatever the database's timestamp precision and time zone.
 */
final class Sql {
    /** SQLSTATE of a unique or primary-key violation, in H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private Sql() {}

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) return true;
        }
        return false;
    }

    /**
     * Whether trying the whole transaction again may succeed: a deadlock or serialization failure
     * (class 40), a lock timeout (H2 {@code HYT00}), or H2's concurrent-update conflict (90131).
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("40") || state.equals("HYT00") || state.equals("90131"));
    }

    /** A storage failure ({@code SQLException}, {@code IOException} of the content store, or an unchecked one from a driver) as STORAGE, with its cause. */
    static RegistryException storage(String what, Exception e) {
        return new RegistryException(RegistryException.Reason.STORAGE, what + " failed: " + e.getMessage(), e);
    }

    static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setLong(index, instant.getEpochSecond());
        ps.setInt(index + 1, instant.getNano());
    }

    static void setInstant(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setInstant(ps, index, instant.get());
        } else {
            ps.setNull(index, Types.BIGINT);
            ps.setNull(index + 1, Types.INTEGER);
        }
    }

    static Instant instant(ResultSet rs, String name) throws SQLException {
        return Instant.ofEpochSecond(rs.getLong(name + "_s"), rs.getInt(name + "_n"));
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String name) throws SQLException {
        long seconds = rs.getLong(name + "_s");
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds, rs.getInt(name + "_n")));
    }

    static void setString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        setOptional(ps, index, value, Types.VARCHAR);
    }

    static Optional<String> optionalString(ResultSet rs, String name) throws SQLException {
        return Optional.ofNullable(rs.getString(name));
    }

    static void setDate(PreparedStatement ps, int index, Optional<LocalDate> value) throws SQLException {
        setOptional(ps, index, value, Types.DATE);
    }

    /** The value, or SQL NULL of {@code sqlType} when empty. */
    static void setOptional(PreparedStatement ps, int index, Optional<?> value, int sqlType) throws SQLException {
        if (value.isPresent()) {
            ps.setObject(index, value.get());
        } else {
            ps.setNull(index, sqlType);
        }
    }

    static Optional<LocalDate> optionalDate(ResultSet rs, String name) throws SQLException {
        return Optional.ofNullable(rs.getObject(name, LocalDate.class));
    }

    static LocalDate date(ResultSet rs, String name) throws SQLException {
        LocalDate d = rs.getObject(name, LocalDate.class);
        if (d == null) throw new SQLException("column " + name + " is null");
        return d;
    }

    static String string(ResultSet rs, String name) throws SQLException {
        String s = rs.getString(name);
        if (s == null) throw new SQLException("column " + name + " is null");
        return s;
    }

    /** {@code ?, ?, ?} with {@code n} markers. */
    static String markers(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
