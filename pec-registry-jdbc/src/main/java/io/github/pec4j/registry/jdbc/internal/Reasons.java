package io.github.pec4j.registry.jdbc.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of reasons in one column: each as {@code <length>:<text>}, one after the other, so that any
 * text (newlines and separators included) comes back exactly.
 */
final class Reasons {
    private Reasons() {}

    static String encode(List<String> reasons) {
        StringBuilder out = new StringBuilder();
        for (String r : reasons) out.append(r.length()).append(':').append(r);
        return out.toString();
    }

    static List<String> decode(String column) throws SQLException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < column.length()) {
            int colon = column.indexOf(':', i);
            if (colon < 0) throw new SQLException("malformed reasons column at " + i);
            int length;
            try {
                length = Integer.parseInt(column.substring(i, colon));
            } catch (NumberFormatException e) {
                throw new SQLException("malformed reasons column at " + i, e);
            }
            if (length < 0 || colon + 1 + length > column.length()) throw new SQLException("malformed reasons column at " + i);
            out.add(column.substring(colon + 1, colon + 1 + length));
            i = colon + 1 + length;
        }
        return List.copyOf(out);
    }
}
