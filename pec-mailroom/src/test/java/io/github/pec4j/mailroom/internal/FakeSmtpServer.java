package io.github.pec4j.mailroom.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted SMTP server on loopback: replies {@code 250} to everything except the verbs given a
 * reply of their own (e.g. MAIL → {@code 553 5.7.1 Sender address rejected: not owned by user}),
 * which GreenMail cannot be made to send.
 */
final class FakeSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> replies = new ConcurrentHashMap<>();

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

    private void talk(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        send(out, "220 fake.example.it ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            String scripted = replies.get(verb);
            if (scripted != null) {
                send(out, scripted);
            } else if (verb.equals("EHLO")) {
                send(out, "250-fake.example.it\r\n250 8BITMIME");
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
