package io.github.pec4j.registry.jdbc.internal;

import io.github.pec4j.registry.Actor;
import io.github.pec4j.registry.Annulment;
import io.github.pec4j.registry.AnnulmentRequest;
import io.github.pec4j.registry.Assignment;
import io.github.pec4j.registry.Channel;
import io.github.pec4j.registry.Classification;
import io.github.pec4j.registry.Correspondent;
import io.github.pec4j.registry.Direction;
import io.github.pec4j.registry.EmergencyLink;
import io.github.pec4j.registry.IdempotencyKey;
import io.github.pec4j.registry.Impronta;
import io.github.pec4j.registry.ProtocolId;
import io.github.pec4j.registry.RegisterId;
import io.github.pec4j.registry.Registration;
import io.github.pec4j.registry.SenderReference;
import io.github.pec4j.registry.StoredDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes registrations to their tables and reads them back, many at a time. */
final class Registrations {
    /** Registrations read per round of queries. */
    private static final int BATCH = 500;

    private Registrations() {}

    /** The register's key column: {@code amministrazione/aoo/registro}, the order of {@link ProtocolId}. */
    static String key(RegisterId register) {
        return register.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ writing

    /** Inserts the registration's own row and its correspondents, documents and assignments; returns its reg_id. */
    static long insert(Connection c, Registration r) throws SQLException {
        long regId;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_registration (register_key, amministrazione, aoo, registro, anno, "
                + "numero, registered_s, registered_n, registration_day, direction, channel, oggetto, oggetto_lc, sender_number, "
                + "sender_date, classification, fascicolo, received_s, received_n, riservato, registered_by_id, registered_by_name, "
                + "emergency_register_id, emergency_number, emergency_s, emergency_n) VALUES (" + Sql.markers(26) + ")", new String[] {"reg_id"})) {
            RegisterId register = r.id().register();
            ps.setString(1, key(register));
            ps.setString(2, register.amministrazione());
            ps.setString(3, register.aoo());
            ps.setString(4, register.registro());
            ps.setInt(5, r.id().year());
            ps.setLong(6, r.id().number());
            Sql.setInstant(ps, 7, r.registeredAt());
            ps.setObject(9, r.registrationDate());
            ps.setString(10, r.direction().name());
            ps.setString(11, r.channel().name());
            ps.setString(12, r.oggetto());
            ps.setString(13, lower(r.oggetto()));
            Sql.setString(ps, 14, r.senderReference().map(SenderReference::number));
            Sql.setDate(ps, 15, r.senderReference().map(SenderReference::date));
            ps.setString(16, r.classification().code());
            Sql.setString(ps, 17, r.fascicolo());
            Sql.setInstant(ps, 18, r.receivedAt());
            ps.setBoolean(20, r.riservato());
            ps.setString(21, r.registeredBy().id());
            ps.setString(22, r.registeredBy().displayName());
            Sql.setString(ps, 23, r.emergency().map(EmergencyLink::emergencyRegisterId));
            Sql.setOptional(ps, 24, r.emergency().map(EmergencyLink::emergencyNumber), java.sql.Types.BIGINT);
            Sql.setInstant(ps, 25, r.emergency().map(EmergencyLink::emergencyRegisteredAt));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) throw new SQLException("no reg_id generated");
                regId = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_correspondent (reg_id, item_no, corr_name, corr_name_lc, address, "
                + "address_lc, tax_code, ipa_code, per_conoscenza) VALUES (" + Sql.markers(9) + ")")) {
            int i = 0;
            for (Correspondent k : r.correspondents()) {
                ps.setLong(1, regId);
                ps.setInt(2, i++);
                ps.setString(3, k.name());
                ps.setString(4, lower(k.name()));
                Sql.setString(ps, 5, k.address());
                Sql.setString(ps, 6, k.address().map(Registrations::lower));
                Sql.setString(ps, 7, k.taxCode());
                Sql.setString(ps, 8, k.ipaCode());
                ps.setBoolean(9, k.perConoscenza());
                ps.addBatch();
            }
            if (i > 0) ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_document (reg_id, doc_index, doc_role, file_name, media_type, "
                + "size_bytes, sha256) VALUES (" + Sql.markers(7) + ")")) {
            for (StoredDocument d : r.documents()) {
                ps.setLong(1, regId);
                ps.setInt(2, d.index());
                ps.setString(3, d.role().name());
                ps.setString(4, d.fileName());
                ps.setString(5, d.mediaType());
                ps.setLong(6, d.size());
                ps.setString(7, d.impronta().hex());
                ps.addBatch();
            }
            if (!r.documents().isEmpty()) ps.executeBatch();
        }
        insertAssignments(c, regId, r.assignments());
        return regId;
    }

    static void insertAssignments(Connection c, long regId, List<Assignment> assignments) throws SQLException {
        if (assignments.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pec4j_assignment (reg_id, item_no, office, assignment_kind, person, deadline, "
                + "taken_by_id, taken_by_name, taken_at_s, taken_at_n) VALUES (" + Sql.markers(10) + ")")) {
            int i = 0;
            for (Assignment a : assignments) {
                ps.setLong(1, regId);
                ps.setInt(2, i++);
                ps.setString(3, a.office());
                ps.setString(4, a.kind().name());
                Sql.setString(ps, 5, a.person());
                Sql.setDate(ps, 6, a.deadline());
                Sql.setString(ps, 7, a.presaInCarico().map(p -> p.by().id()));
                Sql.setString(ps, 8, a.presaInCarico().map(p -> p.by().displayName()));
                Sql.setInstant(ps, 9, a.presaInCarico().map(Assignment.PresaInCarico::at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ------------------------------------------------------------------ reading

    /** The reg_id of a registration, optionally locking its row until the transaction ends. */
    static Optional<Long> regId(Connection c, ProtocolId id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reg_id FROM pec4j_registration WHERE register_key = ? AND anno = ? AND numero = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            bindId(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Binds {@code id} to the first three markers: register_key, anno, numero. */
    static void bindId(PreparedStatement ps, ProtocolId id) throws SQLException {
        ps.setString(1, key(id.register()));
        ps.setInt(2, id.year());
        ps.setLong(3, id.number());
    }

    /** The registrations with these reg_ids, in the same order. */
    static List<Registration> load(Connection c, List<Long> regIds) throws SQLException {
        List<Registration> out = new ArrayList<>(regIds.size());
        for (int from = 0; from < regIds.size(); from += BATCH) {
            out.addAll(loadBatch(c, regIds.subList(from, Math.min(regIds.size(), from + BATCH))));
        }
        return out;
    }

    private static List<Registration> loadBatch(Connection c, List<Long> ids) throws SQLException {
        String in = " IN (" + Sql.markers(ids.size()) + ")";
        Map<Long, List<Correspondent>> correspondents = new HashMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT * FROM pec4j_correspondent WHERE reg_id" + in + " ORDER BY reg_id, item_no", ids);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                correspondents.computeIfAbsent(rs.getLong("reg_id"), k -> new ArrayList<>()).add(new Correspondent(Sql.string(rs, "corr_name"),
                        Sql.optionalString(rs, "address"), Sql.optionalString(rs, "tax_code"), Sql.optionalString(rs, "ipa_code"),
                        rs.getBoolean("per_conoscenza")));
            }
        }
        Map<Long, List<StoredDocument>> documents = new HashMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT * FROM pec4j_document WHERE reg_id" + in + " ORDER BY reg_id, doc_index", ids);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                documents.computeIfAbsent(rs.getLong("reg_id"), k -> new ArrayList<>()).add(document(rs));
            }
        }
        Map<Long, List<Assignment>> assignments = new HashMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT * FROM pec4j_assignment WHERE reg_id" + in + " ORDER BY reg_id, item_no", ids);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                assignments.computeIfAbsent(rs.getLong("reg_id"), k -> new ArrayList<>()).add(assignment(rs));
            }
        }
        Map<Long, Registration> byId = new HashMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT r.*, i.idempotency_key, a.provvedimento, a.provvedimento_date, a.reason, a.operator_id, "
                + "a.operator_name, a.annulled_s, a.annulled_n FROM pec4j_registration r "
                + "LEFT JOIN pec4j_idempotency i ON i.reg_id = r.reg_id LEFT JOIN pec4j_annulment a ON a.reg_id = r.reg_id "
                + "WHERE r.reg_id" + in, ids);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long regId = rs.getLong("reg_id");
                byId.put(regId, registration(rs, correspondents.getOrDefault(regId, List.of()), documents.getOrDefault(regId, List.of()),
                        assignments.getOrDefault(regId, List.of())));
            }
        }
        List<Registration> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Registration r = byId.get(id);
            if (r == null) throw new SQLException("registration " + id + " vanished");
            out.add(r);
        }
        return out;
    }

    private static Assignment assignment(ResultSet rs) throws SQLException {
        Optional<String> takenBy = Sql.optionalString(rs, "taken_by_id");
        Optional<Assignment.PresaInCarico> presa = takenBy.isPresent()
                ? Optional.of(new Assignment.PresaInCarico(new Actor(takenBy.get(), Sql.string(rs, "taken_by_name")), Sql.instant(rs, "taken_at")))
                : Optional.empty();
        return new Assignment(Sql.string(rs, "office"), Assignment.Kind.valueOf(Sql.string(rs, "assignment_kind")),
                Sql.optionalString(rs, "person"), Sql.optionalDate(rs, "deadline"), presa);
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Long> ids) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < ids.size(); i++) ps.setLong(i + 1, ids.get(i));
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    static StoredDocument document(ResultSet rs) throws SQLException {
        return new StoredDocument(rs.getInt("doc_index"), StoredDocument.Role.valueOf(Sql.string(rs, "doc_role")), Sql.string(rs, "file_name"),
                Sql.string(rs, "media_type"), rs.getLong("size_bytes"), Impronta.ofHex(Sql.string(rs, "sha256")));
    }

    private static Registration registration(ResultSet rs, List<Correspondent> correspondents, List<StoredDocument> documents,
            List<Assignment> assignments) throws SQLException {
        RegisterId register = new RegisterId(Sql.string(rs, "amministrazione"), Sql.string(rs, "aoo"), Sql.string(rs, "registro"));
        ProtocolId id = new ProtocolId(register, rs.getInt("anno"), rs.getLong("numero"));
        Optional<SenderReference> sender = Sql.optionalString(rs, "sender_number").isPresent()
                ? Optional.of(new SenderReference(Sql.string(rs, "sender_number"), Sql.date(rs, "sender_date")))
                : Optional.empty();
        Optional<Annulment> annulment = Sql.optionalString(rs, "provvedimento").isPresent()
                ? Optional.of(new Annulment(new AnnulmentRequest(Sql.string(rs, "provvedimento"), Sql.date(rs, "provvedimento_date"),
                        Sql.string(rs, "reason"), new Actor(Sql.string(rs, "operator_id"), Sql.string(rs, "operator_name"))),
                        Sql.instant(rs, "annulled")))
                : Optional.empty();
        Optional<EmergencyLink> emergency = Sql.optionalString(rs, "emergency_register_id").isPresent()
                ? Optional.of(new EmergencyLink(Sql.string(rs, "emergency_register_id"), rs.getLong("emergency_number"), Sql.instant(rs, "emergency")))
                : Optional.empty();
        return new Registration(id, Sql.instant(rs, "registered"), Direction.valueOf(Sql.string(rs, "direction")),
                Channel.valueOf(Sql.string(rs, "channel")), correspondents, Sql.string(rs, "oggetto"), sender, documents,
                new Classification(Sql.string(rs, "classification")), Sql.optionalString(rs, "fascicolo"), assignments, annulment,
                Sql.optionalString(rs, "idempotency_key").map(IdempotencyKey::new), Sql.optionalInstant(rs, "received"),
                rs.getBoolean("riservato"), new Actor(Sql.string(rs, "registered_by_id"), Sql.string(rs, "registered_by_name")), emergency);
    }
}
