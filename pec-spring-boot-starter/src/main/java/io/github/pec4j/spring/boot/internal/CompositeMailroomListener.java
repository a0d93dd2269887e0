package io.github.pec4j.spring.boot.internal;

import io.github.pec4j.mailroom.MailroomListener;
import io.github.pec4j.mailroom.QuotaUse;
import io.github.pec4j.mailroom.RoundReport;
import io.github.pec4j.receipts.OverdueWatch;
import io.github.pec4j.registry.IntakeEntry;
import io.github.pec4j.registry.OutboxEntry;
import java.util.List;
import java.util.function.Consumer;

/** Several listeners as the mailroom's one: each hears every event, one that throws does not silence the others. */
public final class CompositeMailroomListener implements MailroomListener {
    private static final System.Logger LOG = System.getLogger(CompositeMailroomListener.class.getName());
    private final List<MailroomListener> listeners;

    /** @param listeners the listeners, in calling order */
    public CompositeMailroomListener(List<MailroomListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<MailroomListener> call) {
        for (MailroomListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "mailroom listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    @Override
    public void onOutcome(IntakeEntry entry) {
        each(l -> l.onOutcome(entry));
    }

    @Override
    public void onOutbox(OutboxEntry entry) {
        each(l -> l.onOutbox(entry));
    }

    @Override
    public void onQuota(QuotaUse quota) {
        each(l -> l.onQuota(quota));
    }

    @Override
    public void onOverdue(OverdueWatch.OverdueEvent event) {
        each(l -> l.onOverdue(event));
    }

    @Override
    public void onRound(RoundReport report) {
        each(l -> l.onRound(report));
    }
}
