package io.github.pec4j.mailroom.internal;

import io.github.pec4j.receipts.OverdueWatch;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OUT-TRACK-01: the overdue watch run from the intake's rounds, at most every {@code every}, by the node holding
 * the box's lease (so one node reports each deadline). The watch records what it reported in the register.
 */
final class OverdueChecks {
    private static final Logger LOG = LoggerFactory.getLogger(OverdueChecks.class);

    private final PipelineSettings s;
    private final OverdueWatch watch;
    private Instant last = Instant.MIN;

    OverdueChecks(PipelineSettings s) {
        this.s = s;
        this.watch = OverdueWatch.of(s.registry(), s.operator(), this::report);
    }

    /** Checks when {@code every} has passed since the last check; a failing register is logged, never thrown. */
    void maybeCheck() {
        if (s.overdueCheckEvery().isEmpty()) return;
        Instant now = s.clock().instant();
        if (last != Instant.MIN && Duration.between(last, now).compareTo(s.overdueCheckEvery().get()) < 0) return;
        last = now;
        try {
            OverdueWatch.Round r = watch.check(now);
            if (!r.failures().isEmpty()) LOG.warn("OUT-TRACK-01: overdue check of {} left {} for the next check: {}", s.box(), r.failures().size(),
                    r.failures());
        } catch (IOException | RuntimeException e) {
            LOG.warn("OUT-TRACK-01: overdue check of {} failed, tried again next time: {}", s.box(), e.toString());
        }
    }

    /**
     * The integrator's listener first: one that throws (a RuntimeException) leaves the deadline unrecorded, so the watch
     * reports it again at the next check; then the counter and the log line, once per recorded report.
     */
    private void report(OverdueWatch.OverdueEvent e) {
        s.listener().onOverdue(e);
        LOG.info("OUT-TRACK-01: {} to {} (registration {}) passed the {} deadline at {}: {}", e.messageId(), e.recipient().address(),
                e.registration(), e.deadline().id(), e.due(), e.recipient().next());
        s.metrics().overdue(e.deadline());
    }
}
