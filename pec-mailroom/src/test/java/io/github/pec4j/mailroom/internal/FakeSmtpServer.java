package io.github.pec4j.mailroom.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server on loopback: replies {@code 250} to everything except the verbs given a
 * reply of their own (e.g. MAIL → {@code 553 5.7.1 Sender address rejected: not owned by user}),
 * which GreenMail cannot be made to send.
 */
final class FakeSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile SSLContext starttls;

    FakeSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "fake-smtp");
        t.setDaemon(true);
        t.start();
    }

    /** The reply to a verb (MAIL, RCPT, DATA...), instead of 250. */
    FakeSmtpServer reply(String verb, String reply) {
        replies.put(verb.toUpperCase(Locale.ROOT), reply);
        return this;
    }

    /** Offers STARTTLS with this context (a server certificate for {@code localhost}). */
    FakeSmtpServer offerStarttls(SSLContext context) {
        starttls = context;
        return this;
    }

    /** The commands received, each with {@code [tls]} in front once the connection was upgraded. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                talk(s);
            } catch (IOException e) {
                // next client, or closed
            }
        }
    }

    private void talk(Socket plain) throws IOException {
        Socket s = plain;
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        send(out, "220 fake.example.it ESMTP");
        String line;
        boolean tls = false;
        while ((line = in.readLine()) != null) {
            commands.add((tls ? "[tls] " : "") + line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            String scripted = replies.get(verb);
            SSLContext context = starttls;
            if (scripted != null) {
                send(out, scripted);
            } else if (verb.equals("STARTTLS") && context != null && !tls) {
                send(out, "220 2.0.0 Ready to start TLS");
                SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                        .createSocket(s, "localhost", s.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                s = ssl;
                tls = true;
                in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out = s.getOutputStream();
            } else if (verb.equals("EHLO")) {
                send(out, context != null && !tls ? "250-fake.example.it\r\n250-STARTTLS\r\n250 8BITMIME"
                        : "250-fake.example.it\r\n250 8BITMIME");
            } else if (verb.equals("DATA")) {
                send(out, "354 go ahead");
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message
                }
                send(out, "250 2.0.0 queued");
            } else if (verb.equals("QUIT")) {
                send(out, "221 bye");
                return;
            } else {
                send(out, "250 2.0.0 ok");
            }
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
