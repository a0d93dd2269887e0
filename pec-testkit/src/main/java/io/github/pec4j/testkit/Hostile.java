package io.github.pec4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Hostile inputs for robustness tests: each must yield diagnostics, never a crash. */
public final class Hostile {
    private Hostile() {}

    /**
     * A message whose body nests {@code levels} multiparts, each with its own boundary.
     *
     * @param levels the nesting depth
     * @return a message whose body nests {@code levels} multiparts, each with its own boundary
     */
    public static byte[] deeplyNestedMultipart(int levels) {
        StringBuilder sb = new StringBuilder("From: mittente@example.org\r\nTo: protocollo@pec.comune.esempio.it\r\n"
                + "Subject: nidificazione profonda\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < levels; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=\"n").append(i).append("\"\r\n\r\n--n").append(i).append("\r\n");
        }
        sb.append("Content-Type: text/plain\r\n\r\nfondo\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            sb.append("--n").append(i).append("--\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The first {@code keepBytes} bytes of a message.
     *
     * @param message a complete message
     * @param keepBytes how many bytes to keep
     * @return the first {@code keepBytes} bytes of a message
     */
    public static byte[] truncated(byte[] message, int keepBytes) {
        return Arrays.copyOf(message, Math.max(0, Math.min(keepBytes, message.length)));
    }

    /**
     * A message with a single header line of {@code bytes} bytes.
     *
     * @param bytes the length of the header line
     * @return a message with a single header line of {@code bytes} bytes
     */
    public static byte[] hugeHeader(int bytes) {
        return ("X-Trasporto: posta-certificata\r\nSubject: " + "x".repeat(bytes) + "\r\n\r\ncorpo\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
