package io.github.pec4j.registry.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class NumberingDiffTest {
    @Test
    @Tag("REG-NUM-03")
    @DisplayName("REG-NUM-03 a gapless run has no diff; a broken one lists its first duplicates and gaps and how many, not every number")
    void shortDiff() {
        List<Long> ok = LongStream.rangeClosed(1, 4000).boxed().toList();
        assertThat(ProtocolRegistryCompatibilityKit.numberingDiff(ok, 4000)).isEmpty();

        List<Long> broken = new ArrayList<>(ok);
        broken.remove(Long.valueOf(17));
        broken.remove(Long.valueOf(3999));
        broken.add(5L);
        broken.add(5L);
        broken.add(4001L);
        assertThat(ProtocolRegistryCompatibilityKit.numberingDiff(broken, 4000))
                .isEqualTo("4001 numbers for 1..4000: duplicates [5 (x3)], gaps [17, 3999], out of range [4001]");

        List<Long> many = new ArrayList<>(ok.subList(0, 2000));
        many.addAll(ok.subList(0, 2000));
        String diff = ProtocolRegistryCompatibilityKit.numberingDiff(many, 4000);
        assertThat(diff).startsWith("4000 numbers for 1..4000: duplicates [1 (x2), 2 (x2)").contains("... (2000 in all)]")
                .contains("gaps [2001, 2002").contains("out of range none");
        assertThat(diff.length()).isLessThan(400);
    }
}
