package io.github.pec4j.registry.jdbc.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A small pool over {@link DriverManager}: at most {@code size} connections, idle ones kept and
 * checked before reuse when they have rested a while. Closing a borrowed connection rolls back what
 * it left open and returns it.
 */
public final class PooledDataSource implements DataSource, AutoCloseable {
    private static final long WAIT_SECONDS = 60;
    private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Idle(Connection connection, long since) {}

    private final String url;
    private final Properties properties;
    private final Semaphore permits;
    private final int size;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private volatile boolean closed;

    /** A pool of at most {@code size} connections to {@code url} with these connection properties (copied). */
    public PooledDataSource(String url, Properties properties, int size) {
        this.url = Objects.requireNonNull(url, "url");
        this.properties = (Properties) properties.clone();
        if (size < 1) throw new IllegalArgumentException("pool size < 1");
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) throw new SQLException("connection pool closed");
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLTransientConnectionException("no connection free within " + WAIT_SECONDS + " s (all " + size + " in use)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        try {
            Connection raw = takeIdle();
            if (raw == null) raw = DriverManager.getConnection(url, properties);
            return wrap(raw);
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    private @Nullable Connection takeIdle() {
        while (true) {
            Idle candidate;
            synchronized (idle) {
                candidate = idle.pollFirst();
            }
            if (candidate == null) return null;
            if (System.nanoTime() - candidate.since() < CHECK_AFTER_NANOS || valid(candidate.connection())) {
                return candidate.connection();
            }
            closeQuietly(candidate.connection());
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void giveBack(Connection raw, boolean broken) {
        try {
            if (!broken && !closed && !raw.isClosed()) {
                if (!raw.getAutoCommit()) {
                    raw.rollback();
                    raw.setAutoCommit(true);
                }
                synchronized (idle) {
                    idle.addFirst(new Idle(raw, System.nanoTime()));
                }
                if (closed) drain(); // close() ran meanwhile
                return;
            }
        } catch (SQLException e) {
            // unusable: closed below
        } finally {
            permits.release();
        }
        closeQuietly(raw);
    }

    private Connection wrap(Connection raw) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean returned;
            private boolean broken;

            @Override
            public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
                switch (method.getName()) {
                    case "close" -> {
                        if (!returned) {
                            returned = true;
                            giveBack(raw, broken);
                        }
                        return null;
                    }
                    case "isClosed" -> {
                        return returned || raw.isClosed();
                    }
                    case "equals" -> {
                        return args != null && proxy == args[0];
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    case "toString" -> {
                        return "pooled " + raw;
                    }
                    default -> {
                        if (returned) throw new SQLException("connection already returned to the pool");
                        try {
                            return method.invoke(raw, args);
                        } catch (InvocationTargetException e) {
                            Throwable cause = e.getCause();
                            if (cause instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                                broken = true; // connection exception: never reuse
                            }
                            throw cause;
                        }
                    }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private void drain() {
        while (true) {
            Idle i;
            synchronized (idle) {
                i = idle.pollFirst();
            }
            if (i == null) return;
            closeQuietly(i.connection());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing more to do with it
        }
    }

    /** Closes the idle connections now and the borrowed ones when they come back. */
    @Override
    public void close() {
        closed = true;
        drain();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool has fixed credentials");
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null; // JDBC: logging disabled
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {
        // no logging
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // DriverManager's timeout applies
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) return type.cast(this);
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
