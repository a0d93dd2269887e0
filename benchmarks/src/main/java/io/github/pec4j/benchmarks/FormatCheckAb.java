package io.github.pec4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Two builds of pec4j checked against each other in one JVM, for machines too noisy for one run after the other: each
 * benchmarks jar is loaded in its own class loader and the two take turns, slice by slice, over the same messages
 * ({@link FormatCheckBenchmark}'s mix, written once), each slice's thread CPU counted apart. Printed: CPU per message of
 * the parse and of parse + format check for each build, their ratio, and the second build's CPU over the first's.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.pec4j.benchmarks.FormatCheckAb BEFORE.jar AFTER.jar [classic|objstm]};
 * {@code benchmarks/before-after.sh} runs it over its two jars. Add {@code -Djava.io.tmpdir=DIR} to see the part of
 * temporary files (on an ext4 mounted with {@code discard}, a file made and deleted costs 0.2–0.4 ms of CPU, on tmpfs
 * about 30 µs).
 */
public final class FormatCheckAb {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 40;
    private static final int WARM_ROUNDS = 10;
    private static final int PER_SLICE = 20;

    private FormatCheckAb() {}

    /** One build: its parser and its format checker with the default policy, reached by reflection. */
    private record Build(String name, Object parser, Method parse, Object checker, Method check) {
        static Build load(String name, String jar) throws ReflectiveOperationException, java.io.IOException {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> parserClass = loader.loadClass("io.github.pec4j.core.PecParser");
            Class<?> policyClass = loader.loadClass("io.github.pec4j.formats.FormatPolicy");
            Class<?> checkerClass = loader.loadClass("io.github.pec4j.formats.FormatChecker");
            Object policy = policyClass.getMethod("caluso").invoke(null);
            return new Build(name, parserClass.getMethod("create").invoke(null), parserClass.getMethod("parse", Path.class),
                    checkerClass.getMethod("create", policyClass).invoke(null, policy),
                    checkerClass.getMethod("check", loader.loadClass("io.github.pec4j.core.PecMessage")));
        }

        /** Thread CPU (ns) of parsing every message {@code times} times, and checking each when {@code andCheck}. */
        long slice(List<Path> messages, boolean andCheck, int times) throws Exception {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < times; i++) {
                for (Path m : messages) {
                    try (AutoCloseable message = (AutoCloseable) parse.invoke(parser, m)) {
                        if (andCheck) {
                            check.invoke(checker, message);
                        }
                    }
                }
            }
            return THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FormatCheckAb BEFORE.jar AFTER.jar [classic|objstm]");
            System.exit(2);
        }
        List<Path> messages = mix(args[1], args.length > 2 ? args[2] : "classic");
        Build[] builds = {Build.load("first", args[0]), Build.load("second", args[1])};
        long[][] cpu = new long[2][2];
        for (int r = 0; r < ROUNDS; r++) {
            for (int k = 0; k < 2; k++) {
                int b = (r + k) % 2; // who goes first alternates
                long parse = builds[b].slice(messages, false, PER_SLICE);
                long check = builds[b].slice(messages, true, PER_SLICE);
                if (r >= WARM_ROUNDS) {
                    cpu[b][0] += parse;
                    cpu[b][1] += check;
                }
            }
        }
        double perMessage = (double) (ROUNDS - WARM_ROUNDS) * PER_SLICE * messages.size() * 1_000;
        for (int b = 0; b < 2; b++) {
            System.out.printf("%s (%s): parse %.0f µs of CPU per message, parse + check %.0f, ratio %.2f%n", builds[b].name(),
                    args[b], cpu[b][0] / perMessage, cpu[b][1] / perMessage, (double) cpu[b][1] / cpu[b][0]);
        }
        System.out.printf("parse + check, second over first: %.2f%n", (double) cpu[1][1] / cpu[0][1]);
    }

    /** The mix's messages, written by the second build's {@link FormatCheckBenchmark}. */
    @SuppressWarnings("unchecked")
    private static List<Path> mix(String jar, String pdf) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass(FormatCheckBenchmark.class.getName());
        Object bench = type.getConstructor().newInstance();
        type.getField("pdf").set(bench, pdf);
        type.getMethod("setUp").invoke(bench);
        Field messages = type.getDeclaredField("messages");
        messages.setAccessible(true);
        return (List<Path>) messages.get(bench);
    }
}
