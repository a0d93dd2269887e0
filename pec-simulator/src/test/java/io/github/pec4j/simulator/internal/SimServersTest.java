package io.github.pec4j.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulator's servers answer without Nagle's delay, as mail servers do. */
@Tag("SIM-NODELAY-01")
class SimServersTest {

    @Test
    @DisplayName("SIM-NODELAY-01 the IMAP server turns Nagle off on every connection it takes")
    void imapConnectionsWithoutNagle() throws IOException {
        assertNoDelay(new SimServers.Imap(setup(ServerSetup.PROTOCOL_IMAP), new SimServers.SimManagers(), null));
    }

    @Test
    @DisplayName("SIM-NODELAY-01 the SMTP server turns Nagle off on every connection it takes")
    void smtpConnectionsWithoutNagle() throws IOException {
        assertNoDelay(new SimServers.Smtp(setup(ServerSetup.PROTOCOL_SMTP), new SimServers.SimManagers(), null));
    }

    private static ServerSetup setup(String protocol) {
        return new ServerSetup(0, "127.0.0.1", protocol);
    }

    /** A loopback connection as the server accepts it: Nagle on (the default) before, off once handed over. */
    private static void assertNoDelay(AbstractServer server) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket accepted = listener.accept()) {
            assertFalse(accepted.getTcpNoDelay(), "a fresh socket has Nagle on");
            ProtocolHandler handler = handlerFor(server, accepted);
            assertTrue(accepted.getTcpNoDelay(), "the server's connection must not wait for delayed ACKs");
            handler.close();
        }
    }

    private static ProtocolHandler handlerFor(AbstractServer server, Socket accepted) {
        return server instanceof SimServers.Imap imap ? imap.createProtocolHandler(accepted)
                : ((SimServers.Smtp) server).createProtocolHandler(accepted);
    }
}
