package io.github.pec4j.simulator.internal;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLContext;

/**
 * GreenMail's servers with the simulator's TLS key: GreenMail's own secure sockets use one
 * key store per JVM (a system property), the simulator one per PKI.
 */
final class SimServers {
    private SimServers() {}

    /** GreenMail's managers with the provider's SMTP manager. */
    static final class SimManagers extends Managers {
        private final PecSmtpManager smtp = new PecSmtpManager(getImapHostManager(), getUserManager());

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }

        PecSmtpManager pecSmtpManager() {
            return smtp;
        }
    }

    /** GreenMail's SMTP server, TLS from the given context when its setup is secure. */
    static final class Smtp extends SmtpServer {
        private final SSLContext tls;

        Smtp(ServerSetup setup, Managers managers, SSLContext tls) {
            super(setup, managers);
            this.tls = tls;
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
            return new Quiet(super.createProtocolHandler(noDelay(clientSocket)));
        }

        @Override
        protected ServerSocket openServerSocket() throws IOException {
            if (!setup.isSecure()) {
                return super.openServerSocket();
            }
            ServerSocket socket = bindTls(tls, bindTo, setup.getPort());
            setup = setup.port(socket.getLocalPort());
            return socket;
        }
    }

    /** GreenMail's IMAP server (its class is final), TLS from the given context when its setup is secure. */
    static final class Imap extends AbstractServer {
        private final SSLContext tls;

        Imap(ServerSetup setup, Managers managers, SSLContext tls) {
            super(setup, managers);
            this.tls = tls;
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
            return new Quiet(new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), noDelay(clientSocket)));
        }

        @Override
        protected ServerSocket openServerSocket() throws IOException {
            if (!setup.isSecure()) {
                return super.openServerSocket();
            }
            ServerSocket socket = bindTls(tls, bindTo, setup.getPort());
            setup = setup.port(socket.getLocalPort());
            return socket;
        }
    }

    /**
     * A connection handler whose failure ends its connection quietly: GreenMail's handlers throw when
     * a client goes away (a refused TLS handshake, a dropped socket), which would print a stack trace
     * from a server thread.
     */
    private record Quiet(ProtocolHandler handler) implements ProtocolHandler {
        @Override
        public void run() {
            try {
                handler.run();
            } catch (IllegalStateException e) {
                handler.close(); // the client is gone; nothing to answer
            }
        }

        @Override
        public void close() {
            handler.close();
        }
    }

    /**
     * Turns Nagle's algorithm off, as mail servers do (Dovecot, Postfix): GreenMail writes a response in
     * several small flushes, and with Nagle on each later piece waits for the client's delayed ACK (40–70 ms
     * a command on Linux loopback), so the simulator's round trips measured the kernel's timers, not the
     * client. A socket that refuses the option keeps Nagle: slower, never wrong.
     */
    static Socket noDelay(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
        } catch (SocketException e) {
            // the connection is already gone; its handler will find out
        }
        return socket;
    }

    static ServerSocket bindTls(SSLContext tls, InetAddress address, int port) throws IOException {
        ServerSocket socket = tls.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }
}
