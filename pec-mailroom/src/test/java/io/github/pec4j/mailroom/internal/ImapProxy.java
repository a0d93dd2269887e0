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
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback TCP proxy in front of GreenMail's IMAP that plays server behaviours GreenMail cannot:
 * capabilities removed from every CAPABILITY list (a server without MOVE, UIDPLUS, IDLE or QUOTA), and a
 * connection dropped in the middle of a FETCH literal. It also records the client's command lines, so
 * a test can see what the client sent (IDLE, DONE, UID EXPUNGE...), and rewrites the server's lines on request
 * (answers GreenMail never gives). Literal-aware both ways.
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
    private volatile SSLContext starttls;
    private volatile UnaryOperator<String> serverLines = UnaryOperator.identity();

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

    /**
     * New connections meet a STARTTLS front first: the proxy greets, offers STARTTLS (and LOGINDISABLED),
     * upgrades the client's connection with this context, then relays to GreenMail in the clear (GreenMail's
     * own IMAP has no STARTTLS).
     */
    ImapProxy offerStarttls(SSLContext context) {
        starttls = context;
        return this;
    }

    /** The next FETCH literal longer than {@code bytes} is cut after {@code bytes} bytes: both sockets close. */
    void dropNextLiteralAfter(int bytes) {
        dropAfter.set(bytes);
    }

    /**
     * Each line the server sends (without its literal) goes through {@code rewrite} first: a server answering
     * what GreenMail never would. The result may hold several lines; a literal announced at the end of the
     * original line is still relayed after it.
     */
    ImapProxy rewriteServerLines(UnaryOperator<String> rewrite) {
        serverLines = rewrite;
        return this;
    }

    /** An untagged FETCH response carrying {@code body} as {@code item} (e.g. {@code BODY[]}) for {@code uid}, literal included. */
    static String fetchResponse(long uid, String item, byte[] body) {
        return "* 1 FETCH (UID " + uid + " " + item + " {" + body.length + "}\r\n" + new String(body, StandardCharsets.ISO_8859_1) + ")\r\n";
    }

    /** The client's command lines so far (without literals), e.g. {@code "A7 IDLE"}. */
    List<String> clientLines() {
        return List.copyOf(clientLines);
    }

    boolean clientSent(String command) {
        String suffix = " " + command.toUpperCase(Locale.ROOT);
        return clientLines.stream().anyMatch(l -> l.toUpperCase(Locale.ROOT).contains(suffix) || l.equalsIgnoreCase(command));
    }

    /** Closes every open connection, as a server restart or a NAT time-out would. */
    void dropAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket accepted = server.accept();
                sockets.add(accepted);
                connections.incrementAndGet();
                start("imap-proxy-connection", () -> relay(accepted));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket accepted) {
        try {
            SSLContext tls = starttls;
            Socket client = tls == null ? accepted : upgrade(accepted, tls);
            if (client == null) {
                closeQuietly(accepted);
                return;
            }
            sockets.add(client);
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            sockets.add(upstream);
            if (tls != null) {
                readLine(upstream.getInputStream()); // GreenMail's greeting: the client had ours
            }
            start("imap-proxy-c2s", () -> pump(client, upstream, true));
            start("imap-proxy-s2c", () -> pump(upstream, client, false));
        } catch (IOException e) {
            closeQuietly(accepted);
        }
    }

    /** Plays the server up to STARTTLS (reading byte by byte: nothing of the handshake is read ahead). */
    private Socket upgrade(Socket client, SSLContext tls) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        String capabilities = "IMAP4rev1 STARTTLS LOGINDISABLED";
        write(out, "* OK [CAPABILITY " + capabilities + "] proxy ready\r\n");
        for (String line; (line = readLine(in)) != null; ) {
            clientLines.add(line.strip());
            String[] words = line.strip().split(" ");
            String tag = words[0];
            String command = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
            if (command.equals("STARTTLS")) {
                write(out, tag + " OK Begin TLS negotiation now\r\n");
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(client, "localhost", client.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                return ssl;
            } else if (command.equals("CAPABILITY")) {
                write(out, "* CAPABILITY " + capabilities + "\r\n" + tag + " OK CAPABILITY completed\r\n");
            } else if (command.equals("LOGOUT")) {
                write(out, "* BYE\r\n" + tag + " OK LOGOUT completed\r\n");
                return null;
            } else {
                write(out, tag + " BAD STARTTLS first\r\n");
            }
        }
        return null;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
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
                } else {
                    if (line.toUpperCase(Locale.ROOT).contains("CAPABILITY")) {
                        line = stripCapabilities(line);
                    }
                    line = serverLines.apply(line);
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
