package io.github.pec4j.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pec4j.core.PecMessage;
import io.github.pec4j.core.PecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real provider receipt pairs of the shared corpus (skipped when the corpus is not beside the checkout). */
class CorpusPairsTest {
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({"aruba-2014-accettazione.eml, aruba-2014-consegna-completa.eml", "aruba-2018-accettazione.eml, aruba-2018-consegna-completa.eml"})
    @Tag("REC-CORR-01")
    @DisplayName("REC-CORR-01 a real accettazione and its consegna correlate to one sent message and deliver its recipient")
    void realPair(String accettazione, String consegna) throws Exception {
        String dir = System.getProperty("pec4j.corpus.dir", "");
        Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir, "real")), "shared corpus not present");
        PecParser parser = PecParser.create();
        ReceiptFacts acc;
        ReceiptFacts con;
        try (PecMessage a = parser.parse(Path.of(dir, "real", accettazione)); PecMessage c = parser.parse(Path.of(dir, "real", consegna))) {
            assertThat(ReceiptFacts.unusable(a)).as("a real accettazione is read in full").isEmpty();
            assertThat(ReceiptFacts.unusable(c)).as("a real consegna is read in full").isEmpty();
            acc = ReceiptFacts.from(a, Instant.EPOCH);
            con = ReceiptFacts.from(c, Instant.EPOCH);
        }
        String id = acc.clientMessageId().or(acc::msgid).orElseThrow();
        String recipient = con.recipient().orElseThrow();
        DeliveryTracker t = DeliveryTracker.create();
        t.track(SentMessage.of(id, acc.time().minusSeconds(1), recipient));
        assertThat(t.accept(con).outcome()).isEqualTo(DeliveryTracker.Outcome.MATCHED);
        assertThat(t.accept(acc).outcome()).isEqualTo(DeliveryTracker.Outcome.MATCHED);
        DeliveryStatus s = t.status(id, con.time()).orElseThrow();
        assertThat(s.recipients()).filteredOn(r -> r.address().equals(recipient)).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED));
        assertThat(s.identificativo()).isEqualTo(acc.identificativo());
        assertThat(con.identificativo()).isEqualTo(acc.identificativo());
    }
}
