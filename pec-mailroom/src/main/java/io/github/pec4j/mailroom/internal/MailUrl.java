package io.github.pec4j.mailroom.internal;

import io.github.pec4j.mailroom.TransportSecurity;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A mail server URL taken apart ({@code imaps://user@host:993}, {@code smtp://host:587?starttls=required}).
 * Error messages never repeat the URL: it may carry a password.
 */
public record MailUrl(String scheme, String host, int port, TransportSecurity security,
        Optional<String> user, char @Nullable [] password) {

    /**
     * Parses {@code url} whose scheme is {@code plain} or {@code secure} ("imap"/"imaps", "smtp"/"smtps").
     *
     * @throws IllegalArgumentException on another scheme, a missing host, a bad port or query
     */
    public static MailUrl parse(String url, String plain, int plainPort, String secure, int securePort) {
        URI uri = toUri(url);
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals(plain) && !scheme.equals(secure)) {
            throw new IllegalArgumentException("a " + plain + ":// or " + secure + ":// URL is expected, not " + scheme + "://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the " + scheme + ":// URL has no host (percent-encode an '@' in the user as %40)");
        }
        boolean tls = scheme.equals(secure);
        int port = uri.getPort() < 0 ? (tls ? securePort : plainPort) : uri.getPort();
        TransportSecurity security = security(tls, query(uri.getRawQuery()));
        String rawUser = null;
        char[] password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1)).toCharArray();
        }
        Optional<String> user = Optional.ofNullable(rawUser).filter(u -> !u.isEmpty()).map(MailUrl::decode);
        return new MailUrl(scheme, host, port, security, user, password);
    }

    private static URI toUri(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            // the message would echo the URL, password included
            throw new IllegalArgumentException("malformed mail server URL (scheme://user@host:port expected)");
        }
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1)).toLowerCase(Locale.ROOT);
            if (!key.equals("starttls")) {
                throw new IllegalArgumentException("unknown URL parameter '" + key + "' (only starttls is known)");
            }
            params.put(key, value);
        }
        return params;
    }

    private static TransportSecurity security(boolean tls, Map<String, String> params) {
        String starttls = params.get("starttls");
        if (tls) {
            if (starttls != null) {
                throw new IllegalArgumentException("starttls makes no sense on an implicit-TLS URL");
            }
            return TransportSecurity.TLS;
        }
        if (starttls == null) {
            return TransportSecurity.STARTTLS_OPTIONAL;
        }
        switch (starttls) {
            case "required": return TransportSecurity.STARTTLS_REQUIRED;
            case "optional": return TransportSecurity.STARTTLS_OPTIONAL;
            case "none": return TransportSecurity.NONE;
            default: throw new IllegalArgumentException("starttls must be required, optional or none, not '" + starttls + "'");
        }
    }

    /** Percent-decoding as in a URI (a '+' stays a '+'); %XX runs are UTF-8. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder text = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                flush(bytes, text).append(c);
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("bad percent-encoding in a mail server URL");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        return flush(bytes, text).toString();
    }

    private static StringBuilder flush(ByteArrayOutputStream bytes, StringBuilder text) {
        if (bytes.size() > 0) {
            text.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
        return text;
    }

    @Override
    public String toString() {
        return scheme + "://" + user.map(u -> u + "@").orElse("") + host + ":" + port + " (" + security + ")";
    }
}
