package io.github.pec4j.simulator.internal;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The provider's antivirus: finds the EICAR test string in the message or in any decoded part, so a
 * test can send a "virus" safely. Unreadable MIME is taken as clean (the scan never fails a submission).
 */
final class VirusScanner {
    static final String EICAR = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE";
    private static final byte[] SIGNATURE = EICAR.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 16;
    private static final int MAX_PART_BYTES = 16 * 1024 * 1024;

    private VirusScanner() {}

    static boolean infected(byte[] raw) {
        if (contains(raw)) {
            return true;
        }
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            return infected(m, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean infected(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                if (infected(child, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        try (InputStream in = part.getInputStream()) {
            return contains(in.readNBytes(MAX_PART_BYTES));
        }
    }

    private static boolean contains(byte[] data) {
        outer:
        for (int i = 0; i <= data.length - SIGNATURE.length; i++) {
            for (int j = 0; j < SIGNATURE.length; j++) {
                if (data[i + j] != SIGNATURE[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
