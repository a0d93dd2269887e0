package io.github.pec4j.directory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pec4j.directory.AddressOwner.Level;
import io.github.pec4j.directory.AddressOwner.PublicAdministration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpaDirectoryTest {
    private static final LocalDate DAY = LocalDate.of(2025, 12, 1);

    /** The enti row of PagoPA's own fixture: blanks before the opening quotes, a BOM in front. */
    static final String ENTI_CURRENT = "\uFEFF_id,Codice_IPA,Denominazione_ente,Codice_fiscale_ente,Tipologia,Codice_Categoria,Codice_natura,"
            + "Codice_ateco,Ente_in_liquidazione,Codice_MIUR,Codice_ISTAT,Acronimo,Nome_responsabile,Cognome_responsabile,"
            + "Titolo_responsabile,Codice_comune_ISTAT,Codice_catastale_comune,CAP,Indirizzo,Mail1,Tipo_Mail1,Mail2,Tipo_Mail2,"
            + "Mail3,Tipo_Mail3,Mail4,Tipo_Mail4,Mail5,Tipo_Mail5,Sito_istituzionale,Url_facebook,Url_linkedin,Url_twitter,"
            + "Url_youtube,Data_aggiornamento\r\n"
            + "99999,\"PAGOPASPA\", \"PagoPA S.p.A.\", \"15376371009\", \"Gestori di Pubblici Servizi\",\"L37\",\"\",\"\",\"\",\"\",\"\",\"\","
            + "\"GIUSEPPE\",\"VIRGONE\",\"Legale rappresentante\",\"058091\",\"H501\",\"00187\",\"Piazza Colonna, 370\","
            + "\"selfcare@pec.pagopa.it\",\"Pec\",\"info@pagopa.it\",\"Altro\",\"\",\"\",\"\",\"\",\"\",\"\",\"https://www.pagopa.it/\","
            + "\"\",\"\",\"\",\"\",\"2022-06-01\"\r\n"
            + "1,\"asl_vt\",\"Azienda Sanitaria Locale Viterbo, \"\"ASL VT\"\"\",\"01455570562\",\"Aziende Sanitarie Locali\",\"L7\",\"\",\"\",\"\",\"\",\"\",\"\","
            + "\"\",\"\",\"\",\"056059\",\"M082\",\"01100\",\"Via Enrico Fermi, 15\","
            + "\"PROT.GEN.ASL.VT.IT@LEGALMAIL.IT\",\"Pec\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"2023-01-19\"\r\n";

    static final String AOO_CURRENT = "Codice_IPA,Denominazione_ente,Codice_fiscale_ente,Codice_uni_aoo,Denominazione_aoo,Data_istituzione,"
            + "Mail1,Tipo_Mail1,Mail2,Tipo_Mail2,Mail3,Tipo_Mail3,Data_aggiornamento,cod_aoo\n"
            + "asl_vt,\"Azienda Sanitaria Locale Viterbo, \"\"ASL VT\"\"\",01455570562,AXYZ01,\"Protocollo\ngenerale, sede\",2010-01-01,"
            + "prot.gen.asl.vt.it@legalmail.it,Pec,,,,,2024-03-05,AOO_ASLVT\n";

    static final String UO_CURRENT = "Codice_IPA,Denominazione_ente,Codice_fiscale_ente,Codice_uni_aoo,Codice_uni_uo,Descrizione_uo,"
            + "Mail1,Tipo_Mail1,Mail2,Tipo_Mail2,Mail3,Tipo_Mail3,Data_aggiornamento\n"
            + "asl_vt,ASL Viterbo,01455570562,AXYZ01,UF7Q2K,Ufficio protocollo,uo.protocollo@pec.asl.vt.it,Pec,,,,,2024-03-06\n";

    /** The legacy TSV layout, with {@code null} for absent values and lower-case types. */
    static final String ENTI_LEGACY = "cod_amm\tdes_amm\tComune\tnome_resp\tcogn_resp\tCap\tProvincia\tRegione\tsito_istituzionale\tIndirizzo\t"
            + "titolo_resp\ttipologia_istat\ttipologia_amm\tacronimo\tcf_validato\tCf\tmail1\ttipo_mail1\tmail2\ttipo_mail2\tmail3\ttipo_mail3\t"
            + "mail4\ttipo_mail4\tmail5\ttipo_mail5\n"
            + "c_h501\tRoma Capitale\tRoma\tnull\tnull\t00184\tRM\tLazio\tnull\tVia del Campidoglio, 1\tnull\tComuni\tPA\tnull\tS\t02438750586\t"
            + "protocollo@pec.comune.roma.it\tpec\turp@comune.roma.it\taltro\tnull\tnull\tnull\tnull\tnull\tnull\n";

    static final String AOO_LEGACY = "cod_amm\tcod_aoo\tdes_aoo\tdat_istituz\tComune\tCap\tProvincia\tRegione\tIndirizzo\tTel\tnome_resp\tcogn_resp\t"
            + "mail_resp\ttel_resp\tFax\tmail1\ttipo_mail1\tmail2\ttipo_mail2\tmail3\ttipo_mail3\n"
            + "c_h501\tRM_AOO\tProtocollo generale\t2003-12-30\tRoma\t00184\tRM\tLazio\tVia del Campidoglio, 1\t\tnull\tnull\t\t\t\t"
            + "Protocollo.Generale@PEC.Comune.Roma.it\tpec\tnull\tnull\tnull\tnull\n";

    static final String UO_LEGACY = "cod_ou\tcod_aoo\tdes_ou\tComune\tCap\tProvincia\tRegione\tIndirizzo\tTel\tnome_resp\tcogn_resp\tmail_resp\t"
            + "tel_resp\tcod_amm\tcod_ou_padre\tFax\tcod_uni_ou\tmail1\ttipo_mail1\tmail2\ttipo_mail2\tmail3\ttipo_mail3\n"
            + "ANAG\tRM_AOO\tAnagrafe\tRoma\t00184\tRM\tLazio\tVia Petroselli, 50\t\tnull\tnull\tnull\tnull\tc_h501\tnull\tnull\tUFAB12\t"
            + "anagrafe@pec.comune.roma.it\tpec\tnull\tnull\tnull\tnull\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, UTF_8);
    }

    private IpaDirectory current() throws IOException {
        write("enti.csv", ENTI_CURRENT);
        write("aree-organizzative-omogenee.csv", AOO_CURRENT);
        write("unita-organizzative.csv", UO_CURRENT);
        return IpaDirectory.load(dir);
    }

    @Test
    @DisplayName("DIR-IPA-01 the current CSV layout is read by header name, BOM stripped, blanks before quotes tolerated")
    void currentLayout() throws IOException {
        IpaDirectory ipa = current();
        Answer<AddressOwner> a = ipa.ownerOf("selfcare@pec.pagopa.it", DAY);
        assertThat(a.outcome()).isEqualTo(Answer.Outcome.FOUND);
        PublicAdministration pa = (PublicAdministration) a.value().orElseThrow();
        assertThat(pa.ipaCode()).isEqualTo("PAGOPASPA");
        assertThat(pa.name()).isEqualTo("PagoPA S.p.A.");
        assertThat(pa.taxCode()).contains("15376371009");
        assertThat(pa.level()).isEqualTo(Level.ENTE);
        assertThat(pa.certified()).isTrue();
        assertThat(pa.updated()).contains(LocalDate.of(2022, 6, 1));
        assertThat(((PublicAdministration) ipa.ownerOf("info@pagopa.it", DAY).value().orElseThrow()).certified())
                .as("Tipo_Mail = Altro").isFalse();
        assertThat(ipa.snapshot().warningCount()).isZero();
    }

    @Test
    @DisplayName("DIR-IPA-01 the legacy TSV layout (cod_amm, mailN, tipo_mailN = pec/altro, null for absent) is read too")
    void legacyLayout() throws IOException {
        write("amministrazioni.txt", ENTI_LEGACY);
        write("aoo.txt", AOO_LEGACY);
        write("ou.txt", UO_LEGACY);
        IpaDirectory ipa = IpaDirectory.load(dir, DAY);

        PublicAdministration ente = (PublicAdministration) ipa.ownerOf("protocollo@pec.comune.roma.it", DAY).value().orElseThrow();
        assertThat(ente.ipaCode()).isEqualTo("c_h501");
        assertThat(ente.name()).isEqualTo("Roma Capitale");
        assertThat(ente.taxCode()).contains("02438750586");
        assertThat(ente.certified()).isTrue();
        assertThat(ente.updated()).isEmpty();
        assertThat(((PublicAdministration) ipa.ownerOf("urp@comune.roma.it", DAY).value().orElseThrow()).certified()).isFalse();

        PublicAdministration aoo = (PublicAdministration) ipa.ownerOf("protocollo.generale@pec.comune.roma.it", DAY).value().orElseThrow();
        assertThat(aoo.level()).isEqualTo(Level.AOO);
        assertThat(aoo.unitCode()).contains("RM_AOO");
        assertThat(aoo.name()).as("taken from the enti file").isEqualTo("Roma Capitale");
        assertThat(aoo.taxCode()).contains("02438750586");

        PublicAdministration uo = (PublicAdministration) ipa.ownerOf("anagrafe@pec.comune.roma.it", DAY).value().orElseThrow();
        assertThat(uo.level()).isEqualTo(Level.UO);
        assertThat(uo.unitCode()).contains("UFAB12");
        assertThat(uo.unitName()).contains("Anagrafe");

        assertThat(ipa.snapshot().addresses()).isEqualTo(4);
        assertThat(ipa.snapshot().warnings()).isEmpty();
        assertThat(ipa.ownerOf("null", DAY).isNotFound()).isTrue();
    }

    @Test
    @DisplayName("DIR-IPA-01 quoted fields keep their commas, doubled quotes and newlines")
    void quotedFields() throws IOException {
        IpaDirectory ipa = current();
        List<PublicAdministration> owners = ipa.ownersOf("prot.gen.asl.vt.it@legalmail.it");
        assertThat(owners).hasSize(2);
        assertThat(owners.get(0).name()).isEqualTo("Azienda Sanitaria Locale Viterbo, \"ASL VT\"");
        assertThat(owners.get(0).unitName()).contains("Protocollo\ngenerale, sede");
    }

    @Test
    @DisplayName("an ente IPA lists under Tipologia 'Gestori di Pubblici Servizi' is a gestore, not an administration (CAD art. 2 c.2, art. 47)")
    void publicServiceOperator() throws IOException {
        IpaDirectory ipa = current();
        PublicAdministration gestore = (PublicAdministration) ipa.ownerOf("selfcare@pec.pagopa.it", DAY).value().orElseThrow();
        assertThat(gestore.publicServiceOperator()).isTrue();
        assertThat(gestore.kind()).isEqualTo(AddressOwner.Kind.PUBLIC_SERVICE_OPERATOR);
        PublicAdministration asl = (PublicAdministration) ipa.ownerOf("prot.gen.asl.vt.it@legalmail.it", DAY).value().orElseThrow();
        assertThat(asl.publicServiceOperator()).as("Aziende Sanitarie Locali, and the AOO row takes the ente's Tipologia").isFalse();
        assertThat(asl.kind()).isEqualTo(AddressOwner.Kind.PUBLIC_ADMINISTRATION);
    }

    @Test
    @DisplayName("DIR-IPA-02 lookups ignore case and give codice IPA, level, AOO/UO code, PEC or not, Data_aggiornamento")
    void lookupIgnoresCase() throws IOException {
        IpaDirectory ipa = current();
        for (String form : List.of("prot.gen.asl.vt.it@legalmail.it", "PROT.GEN.ASL.VT.IT@LEGALMAIL.IT", " Prot.Gen.Asl.Vt.It@LegalMail.it ")) {
            Answer<AddressOwner> a = ipa.ownerOf(form, DAY);
            assertThat(a.isFound()).as(form).isTrue();
            PublicAdministration pa = (PublicAdministration) a.value().orElseThrow();
            assertThat(pa.ipaCode()).isEqualTo("asl_vt");
            assertThat(pa.level()).as("the AOO entry is preferred to the ente's").isEqualTo(Level.AOO);
            assertThat(pa.unitCode()).as("Codice_uni_aoo, not cod_aoo").contains("AXYZ01");
            assertThat(pa.certified()).isTrue();
            assertThat(pa.updated()).contains(LocalDate.of(2024, 3, 5));
            assertThat(pa.kind()).isEqualTo(AddressOwner.Kind.PUBLIC_ADMINISTRATION);
        }
        assertThat(ipa.ownersOf("PROT.GEN.ASL.VT.IT@LEGALMAIL.IT")).extracting(PublicAdministration::level)
                .containsExactly(Level.AOO, Level.ENTE);
        PublicAdministration uo = (PublicAdministration) ipa.ownerOf("UO.PROTOCOLLO@PEC.ASL.VT.IT", DAY).value().orElseThrow();
        assertThat(uo.level()).isEqualTo(Level.UO);
        assertThat(uo.unitCode()).contains("UF7Q2K");
        assertThat(ipa.ownerOf("nobody@pec.example.it", DAY).outcome()).isEqualTo(Answer.Outcome.NOT_FOUND);
    }

    @Test
    @DisplayName("DIR-IPA-02 domicilesOf lists the PEC addresses of an ente by its codice fiscale, each once")
    void domicilesOfEnte() throws IOException {
        IpaDirectory ipa = current();
        Answer<List<Domicile>> a = ipa.domicilesOf("01455570562", DAY);
        assertThat(a.isFound()).isTrue();
        assertThat(a.value().orElseThrow()).extracting(Domicile::normalized)
                .containsExactlyInAnyOrder("prot.gen.asl.vt.it@legalmail.it", "uo.protocollo@pec.asl.vt.it");
        assertThat(a.value().orElseThrow()).allSatisfy(d -> assertThat(d.source()).isEqualTo("ipa"));
        assertThat(ipa.domicilesOf("15376371009", DAY).value().orElseThrow()).extracting(Domicile::address)
                .as("the Altro address is no domicile").containsExactly("selfcare@pec.pagopa.it");
        assertThat(ipa.domicilesOf("RSSMRA80A01H501U", DAY).isNotFound()).isTrue();
    }

    @Test
    @DisplayName("DIR-IPA-03 the snapshot is dated (latest Data_aggiornamento or given) and every answer carries that date")
    void snapshotDate() throws IOException {
        IpaDirectory ipa = current();
        assertThat(ipa.snapshot().date()).isEqualTo(LocalDate.of(2024, 3, 6));
        assertThat(ipa.ownerOf("selfcare@pec.pagopa.it", DAY).asOf()).isEqualTo(ipa.snapshot().asOf());
        assertThat(ipa.ownerOf("nobody@pec.example.it", DAY).asOf()).isEqualTo(ipa.snapshot().asOf());
        assertThat(ipa.snapshot().asOf()).isEqualTo(LocalDate.of(2024, 3, 6).atStartOfDay(IpaSnapshot.ZONE).toInstant());
        assertThat(ipa.snapshot().ageInDays(LocalDate.of(2024, 4, 5))).isEqualTo(30);
        assertThat(IpaDirectory.load(dir, DAY).snapshot().date()).isEqualTo(DAY);
    }

    @Test
    @DisplayName("DIR-IPA-03 the snapshot carries a SHA-256 manifest of the files it was loaded from")
    void manifest() throws Exception {
        IpaDirectory ipa = current();
        List<IpaSnapshot.ManifestEntry> manifest = ipa.snapshot().manifest();
        assertThat(manifest).extracting(IpaSnapshot.ManifestEntry::file)
                .containsExactly("enti.csv", "aree-organizzative-omogenee.csv", "unita-organizzative.csv");
        for (IpaSnapshot.ManifestEntry e : manifest) {
            byte[] bytes = Files.readAllBytes(dir.resolve(e.file()));
            assertThat(e.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(e.bytes()).isEqualTo(bytes.length);
        }
        assertThat(manifest.get(0).rows()).isEqualTo(2);
        assertThat(manifest.get(1).rows()).as("one row despite the newline in a quoted field").isEqualTo(1);
        assertThat(ipa.snapshot().manifestText()).startsWith(manifest.get(0).sha256() + "  enti.csv\n");
    }

    @Test
    @DisplayName("DIR-IPA-03 Codice_ISTAT is never read as Codice_comune_ISTAT: columns match by exact name")
    void exactColumnNames() throws IOException {
        // a file whose only mail-like columns are near-misses: nothing may be read from them
        write("enti.csv", "Codice_IPA,Denominazione_ente,Codice_ISTAT,Mail10,Mail1_old,Tipo_Mail1_old,Data_aggiornamento_old\n"
                + "x_1,Ente,123,a@pec.it,b@pec.it,Pec,2020-01-01\n");
        IpaDirectory ipa = IpaDirectory.load(dir, DAY);
        assertThat(ipa.snapshot().addresses()).isZero();
        assertThat(ipa.ownerOf("a@pec.it", DAY).isNotFound()).isTrue();
        assertThat(ipa.ownerOf("b@pec.it", DAY).isNotFound()).isTrue();

        io.github.pec4j.directory.internal.IpaLoader.Header header = new io.github.pec4j.directory.internal.IpaLoader.Header(
                List.of("\uFEFFCodice_IPA", "Codice_ISTAT", "Codice_comune_ISTAT"));
        assertThat(header.index("Codice_comune_ISTAT").getAsInt()).isEqualTo(2);
        assertThat(header.index("codice_ipa").getAsInt()).as("BOM and case ignored").isZero();
        assertThat(new io.github.pec4j.directory.internal.IpaLoader.Header(List.of("Codice_ISTAT")).index("Codice_comune_ISTAT")).isEmpty();
    }

    @Test
    @DisplayName("DIR-IPA-01 bad rows become counted warnings, never exceptions")
    void badRows() throws IOException {
        write("enti.csv", "Codice_IPA,Denominazione_ente,Codice_fiscale_ente,Mail1,Tipo_Mail1,Data_aggiornamento\n"
                + "ok_1,Ente uno,80000000001,ok@pec.it,Pec,2024-01-01\n"
                + "too,few,fields\n"
                + ",Senza codice,80000000002,nocode@pec.it,Pec,2024-01-01\n"
                + "ok_2,Ente due,80000000003,not-an-address,Pec,2024-01-01\n"
                + "ok_3,Ente tre,80000000004,three@pec.it,Boh,31/12/2023\n"
                + "ok_4,Ente quattro,80000000005,four@pec.it,Pec,yesterday\n"
                + "ok_5,\"Unterminated,80000000006,five@pec.it,Pec,2024-01-01\n");
        IpaDirectory ipa = IpaDirectory.load(dir);
        IpaSnapshot s = ipa.snapshot();
        assertThat(s.warnings()).extracting(IpaSnapshot.Warning::line).contains(3L, 4L, 5L, 6L, 7L, 8L);
        // 6 bad rows, the unknown mail type, and the two missing files (AOO, UO)
        assertThat(s.warningCount()).isEqualTo(8);
        assertThat(ipa.ownerOf("ok@pec.it", DAY).isFound()).isTrue();
        PublicAdministration three = (PublicAdministration) ipa.ownerOf("three@pec.it", DAY).value().orElseThrow();
        assertThat(three.certified()).as("an unknown type is not a PEC").isFalse();
        assertThat(three.updated()).as("dd/MM/yyyy accepted").contains(LocalDate.of(2023, 12, 31));
        assertThat(((PublicAdministration) ipa.ownerOf("four@pec.it", DAY).value().orElseThrow()).updated()).isEmpty();
        assertThat(ipa.ownerOf("nocode@pec.it", DAY).isNotFound()).isTrue();
        assertThat(ipa.ownerOf("five@pec.it", DAY).isNotFound()).isTrue();
        assertThat(s.date()).isEqualTo(LocalDate.of(2024, 1, 1));
    }

    @Test
    @DisplayName("a folder without any IPA file is an IOException naming the expected files")
    void noFiles() throws IOException {
        write("readme.txt", "nothing here");
        assertThatThrownBy(() -> IpaDirectory.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("enti.csv").hasMessageContaining("aree-organizzative-omogenee.csv");
    }

    @Test
    @DisplayName("file names are matched ignoring case; a second file for the same dataset is ignored with a warning")
    void fileNames() throws IOException {
        write("ENTI.TSV", ENTI_LEGACY);
        write("amministrazioni.txt", "cod_amm\tmail1\ttipo_mail1\nother\tother@pec.it\tpec\n");
        IpaDirectory ipa = IpaDirectory.load(dir, DAY);
        assertThat(ipa.snapshot().manifest()).extracting(IpaSnapshot.ManifestEntry::file).containsExactly("ENTI.TSV");
        assertThat(ipa.snapshot().warnings()).extracting(IpaSnapshot.Warning::message).anyMatch(m -> m.startsWith("ignored"));
        assertThat(ipa.ownerOf("other@pec.it", DAY).isNotFound()).isTrue();
    }

    @Test
    @DisplayName("DIR-IPA-03 reload swaps in a new snapshot; a failed reload keeps the current one")
    void reload(@TempDir Path other) throws IOException {
        IpaDirectory ipa = current();
        Files.writeString(other.resolve("enti.csv"), "Codice_IPA,Denominazione_ente,Mail1,Tipo_Mail1,Data_aggiornamento\nnew_1,Nuovo,new@pec.it,Pec,2025-12-01\n");
        IpaSnapshot s = ipa.reload(other);
        assertThat(s.date()).isEqualTo(LocalDate.of(2025, 12, 1));
        assertThat(ipa.snapshot()).isSameAs(s);
        assertThat(ipa.ownerOf("new@pec.it", DAY).isFound()).isTrue();
        assertThat(ipa.ownerOf("selfcare@pec.pagopa.it", DAY).isNotFound()).isTrue();

        Path empty = Files.createDirectory(other.resolve("empty"));
        assertThatThrownBy(() -> ipa.reload(empty)).isInstanceOf(IOException.class);
        assertThat(ipa.snapshot()).isSameAs(s);
        assertThat(ipa.ownerOf("new@pec.it", DAY).isFound()).isTrue();
    }

    @Test
    @DisplayName("DIR-IPA-03 lookups during reloads see the old index or the new one, never a half-loaded one")
    void concurrentReload(@TempDir Path a, @TempDir Path b) throws Exception {
        List<String> written = new SyntheticIpa(300, 300, 900).write(a).addresses();
        new SyntheticIpa(300, 300, 900).write(b);
        Files.writeString(b.resolve("enti.csv"), Files.readString(b.resolve("enti.csv")).replace("2025-11-20", "2025-11-21"));
        IpaDirectory ipa = IpaDirectory.load(a);
        List<String> probes = List.of(written.get(0), written.get(written.size() / 2), written.get(written.size() - 1));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(readers.submit(() -> {
                    long lookups = 0;
                    while (!stop.get()) {
                        for (String probe : probes) {
                            Answer<AddressOwner> answer = ipa.ownerOf(probe, DAY);
                            if (!answer.isFound()) {
                                throw new AssertionError("lost " + probe + " during a reload: " + answer);
                            }
                            lookups++;
                        }
                    }
                    return lookups;
                }));
            }
            for (int i = 0; i < 6; i++) {
                ipa.reload(i % 2 == 0 ? b : a);
            }
            stop.set(true);
            for (Future<Long> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            stop.set(true);
            readers.shutdownNow();
        }
        assertThat(ipa.snapshot().date()).isEqualTo(LocalDate.of(2025, 11, 20));
    }

    @Test
    @DisplayName("a synthetic snapshot loads every address it wrote, without warnings")
    void synthetic() throws IOException {
        SyntheticIpa.Written written = new SyntheticIpa(2_000, 2_200, 9_000).write(dir);
        IpaDirectory ipa = IpaDirectory.load(dir);
        assertThat(ipa.snapshot().warningCount()).isZero();
        assertThat(ipa.snapshot().addresses()).isEqualTo(written.addresses().size());
        assertThat(ipa.snapshot().date()).isEqualTo(LocalDate.parse(SyntheticIpa.LATEST_UPDATE));
        assertThat(ipa.snapshot().manifest()).extracting(IpaSnapshot.ManifestEntry::rows).containsExactly(2_000L, 2_200L, 9_000L);
        long certified = written.addresses().stream().filter(x -> ipa.ownersOf(x).get(0).certified()).count();
        assertThat(certified).isEqualTo(written.pecAddresses());
        assertThat(written.addresses()).allSatisfy(x -> assertThat(ipa.ownerOf(x.toUpperCase(java.util.Locale.ROOT), DAY).isFound()).isTrue());
        PublicAdministration aoo = ipa.ownersOf("aoo7.0@pec.ente.it").get(0);
        assertThat(aoo.ipaCode()).isEqualTo(SyntheticIpa.ipaCode(7));
        assertThat(aoo.unitName().orElseThrow()).contains("\n");
    }

    @Test
    @DisplayName("a snapshot of the real dump's size (158,000 rows, about 340,000 addresses) loads whole; its speed is IpaDirectoryBenchmark's")
    void fullSize() throws IOException {
        SyntheticIpa.Written written = SyntheticIpa.realistic().write(dir);
        IpaDirectory ipa = IpaDirectory.load(dir);
        assertThat(ipa.snapshot().warningCount()).isZero();
        assertThat(ipa.snapshot().addresses()).isEqualTo(written.addresses().size()).isGreaterThan(300_000);
        assertThat(ipa.snapshot().manifest()).extracting(IpaSnapshot.ManifestEntry::rows).containsExactly(23_000L, 25_000L, 110_000L);
        String last = written.addresses().get(written.addresses().size() - 1);
        assertThat(ipa.ownerOf(last.toUpperCase(java.util.Locale.ROOT), DAY).isFound()).isTrue();
    }

    @Test
    @DisplayName("IpaDirectory.of builds an in-memory snapshot for tests")
    void inMemory() {
        IpaDirectory ipa = IpaDirectory.of(DAY, List.of(
                new PublicAdministration("protocollo@pec.comune.it", "c_x000", "Comune di X", Level.ENTE, Optional.empty(), Optional.empty(),
                        true, Optional.empty(), Optional.of("80000000000")),
                new PublicAdministration("Protocollo@PEC.comune.it", "c_x000", "Comune di X", Level.AOO, Optional.of("AOO1"), Optional.empty(),
                        true, Optional.empty(), Optional.of("80000000000"))));
        assertThat(ipa.snapshot().date()).isEqualTo(DAY);
        assertThat(ipa.snapshot().addresses()).isEqualTo(1);
        assertThat(ipa.snapshot().manifest()).isEmpty();
        assertThat(((PublicAdministration) ipa.ownerOf("PROTOCOLLO@pec.comune.it", DAY).value().orElseThrow()).level()).isEqualTo(Level.AOO);
        assertThat(ipa.domicilesOf("80000000000", DAY).value().orElseThrow()).hasSize(1);
        assertThat(ipa.id()).isEqualTo("ipa");
        assertThat(ipa.registers()).containsExactly(DomicileRegister.IPA);
    }

    @Test
    @DisplayName("a unit code is required exactly for AOO and UO entries")
    void unitCodeInvariant() {
        assertThatThrownBy(() -> new PublicAdministration("a@pec.it", "c", "n", Level.AOO, Optional.empty(), Optional.empty(), true,
                Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublicAdministration("a@pec.it", "c", "n", Level.ENTE, Optional.of("X"), Optional.empty(), true,
                Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
