package io.github.pec4j.receipts.fuzz;

import io.github.pec4j.testkit.FuzzSeeds;
import io.github.pec4j.testkit.FixtureKind;
import io.github.pec4j.testkit.MessageBuilder;
import io.github.pec4j.testkit.PecFixtures;
import io.github.pec4j.testkit.Quirk;
import io.github.pec4j.testkit.ReceiptType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the seed corpus of {@link DeliveryTrackerFuzzTest} once: run with
 * {@code -Dpec4j.fuzz.writeSeeds=true -Dtest=ReceiptsFuzzSeeds} and commit the files.
 */
class ReceiptsFuzzSeeds {

    /** Receipts of every kind for the tracked message, delivery variants, and ones naming another message. */
    static Map<String, byte[]> receipts() {
        PecFixtures f = PecFixtures.create();
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (FixtureKind k : FixtureKind.values()) {
            if (k.isReceipt()) {
                seeds.put(k.tipo() + ".eml", ours(f, k).build());
            }
        }
        for (String to : DeliveryTrackerFuzzTest.TO) {
            seeds.put("avvenuta-consegna-" + to.substring(0, to.indexOf('@')) + ".eml",
                    ours(f, FixtureKind.AVVENUTA_CONSEGNA).deliveredTo(to).build());
        }
        seeds.put("avvenuta-consegna-breve.eml", ours(f, FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.BREVE).build());
        seeds.put("avvenuta-consegna-sintetica.eml", ours(f, FixtureKind.AVVENUTA_CONSEGNA).receiptType(ReceiptType.SINTETICA).build());
        seeds.put("errore-consegna-virus.eml", ours(f, FixtureKind.ERRORE_CONSEGNA).virus().build());
        seeds.put("avvenuta-consegna-opaque.eml", ours(f, FixtureKind.AVVENUTA_CONSEGNA).quirk(Quirk.OPAQUE_SIGNATURE).build());
        seeds.put("errore-consegna-nonstandard.eml", ours(f, FixtureKind.ERRORE_CONSEGNA).quirk(Quirk.NONSTANDARD_HEADER_VALUES).build());
        seeds.put("avvenuta-consegna-other-message.eml", f.message(FixtureKind.AVVENUTA_CONSEGNA)
                .clientMessageId("altro.messaggio@client.comune.esempio.it").build());
        seeds.put("posta-certificata-not-a-receipt.eml", f.message(FixtureKind.POSTA_CERTIFICATA).build());
        return seeds;
    }

    private static MessageBuilder ours(PecFixtures f, FixtureKind kind) {
        return f.message(kind).from("protocollo@pec.comune.esempio.it").to(DeliveryTrackerFuzzTest.TO)
                .clientMessageId(DeliveryTrackerFuzzTest.ID);
    }

    @Test
    @EnabledIfSystemProperty(named = "pec4j.fuzz.writeSeeds", matches = "true")
    void writeSeeds() throws IOException {
        FuzzSeeds.write(DeliveryTrackerFuzzTest.class, "accept", receipts());
    }

}
