package io.github.pec4j.mailroom;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An office (unità organizzativa) registrations are assigned to, and how it is told (MRM-NOTIF-01).
 *
 * @param code the office's code in the register, 1-40 characters {@code [A-Za-z0-9_.-]}
 * @param name its name, for the notification's greeting
 * @param email the ordinary mailbox its notifications go to; empty: it is not notified (its desk still shows the assignment)
 * @param withAttachments "con allegati": the registration's documents go with the notification (default off: the office
 *     consults them in the register)
 */
public record Office(String code, String name, Optional<String> email, boolean withAttachments) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.\\-]{1,40}");

    /**
     * Checks the code and the address.
     *
     * @param code the office's code in the register, 1-40 characters {@code [A-Za-z0-9_.-]}
     * @param name its name, for the notification's greeting
     * @param email the ordinary mailbox its notifications go to; empty: it is not notified (its desk still shows the
     *     assignment)
     * @param withAttachments "con allegati": the registration's documents go with the notification (default off: the
     *     office consults them in the register)
     */
    public Office {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) throw new IllegalArgumentException("an office code is 1-40 characters [A-Za-z0-9_.-]: " + code);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        email = email.map(e -> e.trim().toLowerCase(Locale.ROOT));
        email.ifPresent(e -> {
            if (!e.matches("[^@\\s]+@[^@\\s]+")) throw new IllegalArgumentException("not an e-mail address: " + e);
        });
        if (name.isBlank()) name = code;
    }

    /**
     * An office notified at {@code email}, without attachments.
     *
     * @param code the office (UO) code
     * @param name the name registered as the correspondent
     * @param email the ordinary mailbox its notifications go to; empty: it is not notified (its desk still shows the
     *     assignment)
     * @return an office notified at {@code email}, without attachments
     */
    public static Office of(String code, String name, String email) {
        return new Office(code, name, Optional.of(email), false);
    }

    /**
     * An office without a mailbox: it sees its assignments on its desk only.
     *
     * @param code the office (UO) code
     * @param name the name registered as the correspondent
     * @return an office without a mailbox: it sees its assignments on its desk only
     */
    public static Office withoutEmail(String code, String name) {
        return new Office(code, name, Optional.empty(), false);
    }

    /**
     * The same office, "con allegati" or not.
     *
     * @param value true for notifications with the documents attached (con allegati)
     * @return the same office, "con allegati" or not
     */
    public Office withAttachments(boolean value) {
        return new Office(code, name, email, value);
    }
}
