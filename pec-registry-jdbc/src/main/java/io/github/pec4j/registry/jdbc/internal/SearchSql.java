package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.SearchQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SearchQuery#matches} in SQL: the same filters, in (register, year, number) order, the
 * register ordered as {@code amministrazione/aoo/registro} text compared code unit by code unit.
 * Text is matched on columns lower-cased in Java with {@code Locale.ROOT}, exactly as {@code matches}
 * lower-cases, with {@code LIKE} and every wildcard of the needle escaped.
 */
final class SearchSql {
    private static final String OUTGOING_PEC = "(r.direction = '" + Direction.OUTGOING.name() + "' AND r.channel = '" + Channel.PEC.name() + "')";

    private final StringBuilder where = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private SearchSql() {}

    /** The reg_ids of the registrations matching {@code query}, in order, offset and limit applied. */
    static List<Long> ids(Connection c, SearchQuery q) throws SQLException {
        SearchSql s = new SearchSql();
        q.register().ifPresent(v -> s.and("r.register_key = ?", Registrations.key(v)));
        q.year().ifPresent(v -> s.and("r.anno = ?", v));
        q.numberFrom().ifPresent(v -> s.and("r.numero >= ?", v));
        q.numberTo().ifPresent(v -> s.and("r.numero <= ?", v));
        q.from().ifPresent(v -> s.and("r.registration_day >= ?", v));
        q.to().ifPresent(v -> s.and("r.registration_day <= ?", v));
        q.direction().ifPresent(v -> s.and("r.direction = ?", v.name()));
        switch (q.annulled()) {
            case EXCLUDE -> s.and("NOT EXISTS (SELECT 1 FROM pec4j_annulment a WHERE a.reg_id = r.reg_id)");
            case ONLY -> s.and("EXISTS (SELECT 1 FROM pec4j_annulment a WHERE a.reg_id = r.reg_id)");
            case INCLUDE -> { }
        }
        q.office().ifPresent(v -> s.and("EXISTS (SELECT 1 FROM pec4j_assignment s WHERE s.reg_id = r.reg_id AND s.office = ?)", v));
        q.sentOverPec().ifPresent(v -> s.and(v ? OUTGOING_PEC : "NOT " + OUTGOING_PEC));
        q.text().ifPresent(v -> {
            String like = "%" + escape(Registrations.lower(v)) + "%";
            s.and("(r.oggetto_lc LIKE ? ESCAPE '!' OR EXISTS (SELECT 1 FROM pec4j_correspondent k WHERE k.reg_id = r.reg_id "
                    + "AND (k.corr_name_lc LIKE ? ESCAPE '!' OR k.address_lc LIKE ? ESCAPE '!')))", like, like, like);
        });
        String sql = "SELECT r.reg_id FROM pec4j_registration r" + (s.where.length() == 0 ? "" : " WHERE " + s.where)
                + " ORDER BY r.register_key, r.anno, r.numero OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : s.parameters) ps.setObject(i++, p);
            ps.setInt(i++, q.offset());
            ps.setInt(i, q.limit());
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    private void and(String condition, Object... values) {
        if (where.length() > 0) where.append(" AND ");
        where.append(condition);
        parameters.addAll(List.of(values));
    }

    /** A LIKE pattern matching {@code text} literally, with {@code !} as the escape character. */
    static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
