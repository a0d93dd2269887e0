package io.github.pec4j.mailroom.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of GreenMail's IMAP that plays server behaviours GreenMail cannot:
 * capabilities removed from every CAPABILITY list (a server without MOVE, UIDPLUS, IDLE or QUOTA), and a
 * connection dropped in the middle of a FETCH literal. It also records the client's command lines, so
 * a test can see what the client sent (IDLE, DONE, UID EXPUNGE...). Literal-aware both ways.
 */
final class ImapProxy implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?\\}\r?\n$");

    private final ServerSocket server;
    private final int upstreamPort;
    private final Set<String> stripped = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dropAfter = new AtomicInteger(-1);
    private final List<String> clientLines = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    ImapProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("imap-proxy-accept", this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Removes these capabilities from what the server announces. */
    ImapProxy strip(String... capabilities) {
        for (String c : capabilities) {
            stripped.add(c.toUpperCase(Locale.ROOT));
        }
        return this;
    }

    /** The next FETCH literal longer than {@code bytes} is cut after {@code bytes} bytes: both sockets close. */
    void dropNextLiteralAfter(int bytes) {
        dropAfter.set(bytes);
    }

    /** The client's command lines so far (without literals), e.g. {@code "A7 IDLE"}. */
    List<String> clientLines() {
        return List.copyOf(clientLines);
    }

    boolean clientSent(String command) {
        String suffix = " " + command.toUpperCase(Locale.ROOT);
        return clientLines.stream().anyMatch(l -> l.toUpperCase(Locale.ROOT).contains(suffix) || l.equalsIgnoreCase(command));
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(upstream);
                connections.incrementAndGet();
                start("imap-proxy-c2s", () -> pump(client, upstream, true));
                start("imap-proxy-s2c", () -> pump(upstream, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        try (InputStream in = new BufferedInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream()) {
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    break;
                }
                if (fromClient) {
                    clientLines.add(line.strip());
                } else if (line.toUpperCase(Locale.ROOT).contains("CAPABILITY")) {
                    line = stripCapabilities(line);
                }
                out.write(line.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Matcher literal = LITERAL.matcher(line);
                if (literal.find() && !copyLiteral(in, out, Long.parseLong(literal.group(1)), !fromClient)) {
                    break;
                }
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Copies a literal; false when it was cut on purpose. */
    private boolean copyLiteral(InputStream in, OutputStream out, long size, boolean fromServer) throws IOException {
        int cut = dropAfter.get();
        boolean drop = fromServer && cut >= 0 && size > cut && dropAfter.compareAndSet(cut, -1);
        long left = drop ? cut : size;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("EOF inside a literal");
            }
            out.write(buf, 0, n);
            left -= n;
        }
        out.flush();
        return !drop;
    }

    private String stripCapabilities(String line) {
        String result = line;
        for (String c : stripped) {
            result = result.replaceAll("(?i) " + Pattern.quote(c) + "(?=[ \\]\\r\\n])", "");
        }
        return result;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
