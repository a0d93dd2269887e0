package io.github.pec4j.signature.internal;

import java.nio.charset.StandardCharsets;

/** A first guess of the media type of signed content from its magic bytes; the format policy decides for real. */
final class ContentSniffer {
    private ContentSniffer() {}

    static String mediaType(byte[] h) {
        if (starts(h, "%PDF-")) return "application/pdf";
        if (h.length >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) return "application/zip";
        if (h.length >= 8 && (h[0] & 0xFF) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') return "image/png";
        if (h.length >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8 && (h[2] & 0xFF) == 0xFF) return "image/jpeg";
        if (starts(h, "GIF87a") || starts(h, "GIF89a")) return "image/gif";
        if (h.length >= 4 && ((h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42))) {
            return "image/tiff";
        }
        if (h.length >= 8 && (h[0] & 0xFF) == 0xD0 && (h[1] & 0xFF) == 0xCF && (h[2] & 0xFF) == 0x11 && (h[3] & 0xFF) == 0xE0) {
            return "application/x-tika-msoffice";
        }
        if (h.length >= 6 && (h[0] & 0xFF) == '7' && h[1] == 'z' && (h[2] & 0xFF) == 0xBC && (h[3] & 0xFF) == 0xAF) return "application/x-7z-compressed";
        if (h.length >= 2 && h[0] == 'M' && h[1] == 'Z') return "application/x-msdownload";
        // XML, with or without a prolog or BOM (signed invoices often lack the prolog)
        int i = 0;
        if (h.length >= 3 && (h[0] & 0xFF) == 0xEF && (h[1] & 0xFF) == 0xBB && (h[2] & 0xFF) == 0xBF) i = 3;
        while (i < h.length && (h[i] == ' ' || h[i] == '\r' || h[i] == '\n' || h[i] == '\t')) i++;
        if (i < h.length && h[i] == '<') {
            String s = new String(h, i, h.length - i, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            return s.startsWith("<!doctype html") || s.startsWith("<html") ? "text/html" : "application/xml";
        }
        boolean text = h.length > 0;
        for (byte b : h) {
            if ((b & 0xFF) < 0x09 || (b & 0xFF) > 0x0D && (b & 0xFF) < 0x20) {
                text = false;
                break;
            }
        }
        return text ? "text/plain" : "application/octet-stream";
    }

    private static boolean starts(byte[] h, String prefix) {
        if (h.length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) {
            if (h[i] != prefix.charAt(i)) return false;
        }
        return true;
    }
}
