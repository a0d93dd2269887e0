package io.github.pec4j.mailroom;

import io.github.pec4j.registry.MailroomState;
import io.github.pec4j.registry.ProtocolRegistry;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry that "crashes" at a chosen point: its mailroom state throws on the next {@code n} calls of a
 * method (as if the process died there: what came before is committed, nothing after happens).
 */
final class Crashes {
    private Crashes() {}

    static ProtocolRegistry failing(ProtocolRegistry registry, String stateMethod, int times) {
        AtomicInteger left = new AtomicInteger(times);
        MailroomState state = registry.mailroom().orElseThrow();
        MailroomState failingState = (MailroomState) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {MailroomState.class},
                forward(state, (method, args) -> method.equals(stateMethod) && left.getAndDecrement() > 0));
        return (ProtocolRegistry) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> method.getName().equals("mailroom") ? Optional.of(failingState) : invoke(registry, method, args));
    }

    /**
     * A registry that adds the name of each method called on its mailroom state to {@code calls} (and of each called
     * on itself, as {@code registry.<name>}), and then does it.
     */
    static ProtocolRegistry observed(ProtocolRegistry registry, java.util.List<String> calls) {
        MailroomState state = registry.mailroom().orElseThrow();
        MailroomState observedState = (MailroomState) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {MailroomState.class},
                forward(state, (method, args) -> !calls.add(method)));
        return (ProtocolRegistry) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("mailroom")) return Optional.of(observedState);
                    calls.add("registry." + method.getName());
                    return invoke(registry, method, args);
                });
    }

    /** A registry whose mailroom state records a group's journal but answers with no entries (a defective state). */
    static ProtocolRegistry answeringNoEntries(ProtocolRegistry registry) {
        MailroomState state = registry.mailroom().orElseThrow();
        MailroomState defective = (MailroomState) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {MailroomState.class},
                (proxy, method, args) -> {
                    Object result = invoke(state, method, args);
                    return method.getName().equals("recordIntakes") ? java.util.List.of() : result;
                });
        return (ProtocolRegistry) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> method.getName().equals("mailroom") ? Optional.of(defective) : invoke(registry, method, args));
    }

    /** A registry whose mailroom state runs {@code hook} before each call of {@code stateMethod}, then does it. */
    static ProtocolRegistry before(ProtocolRegistry registry, String stateMethod, Runnable hook) {
        MailroomState state = registry.mailroom().orElseThrow();
        MailroomState hooked = (MailroomState) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {MailroomState.class},
                (proxy, method, args) -> {
                    if (method.getName().equals(stateMethod)) hook.run();
                    return invoke(state, method, args);
                });
        return (ProtocolRegistry) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> method.getName().equals("mailroom") ? Optional.of(hooked) : invoke(registry, method, args));
    }

    /** A registry whose method {@code name} answers with {@code answer} instead of doing it. */
    static ProtocolRegistry replacing(ProtocolRegistry registry, String name, Answer answer) {
        return (ProtocolRegistry) Proxy.newProxyInstance(Crashes.class.getClassLoader(), new Class<?>[] {ProtocolRegistry.class},
                (proxy, method, args) -> method.getName().equals(name) ? answer.answer(args) : invoke(registry, method, args));
    }

    interface Answer {
        Object answer(Object[] args) throws Throwable;
    }

    interface When {
        boolean test(String method, Object[] args);
    }

    private static InvocationHandler forward(Object target, When when) {
        return (proxy, method, args) -> {
            if (when.test(method.getName(), args)) throw new IOException("crash before " + method.getName());
            return invoke(target, method, args);
        };
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
