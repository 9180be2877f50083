package dev.ndesdiag.fleet;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.SampleBundleGenerator;
import dev.ndesdiag.report.HtmlFleetWriter;
import dev.ndesdiag.report.JsonFleetWriter;
import dev.ndesdiag.report.JunitFleetWriter;
import dev.ndesdiag.report.TextFleetWriter;
import dev.ndesdiag.runner.RunOptions;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark (run by {@code bench/fleet.sh}, not a test): fleet throughput and peak heap.
 *
 * <p>Writes N zip bundles generated like {@code samples/broken-ndes} ({@link SampleBundleGenerator}:
 * the same parts, sizes and faults, a distinct host name and new keys and certificates each), then
 * analyses them as one fleet, {@code --parallel} workers, rendering the summary in the given format to
 * a file, after a warm-up round. Prints bundles per second and the peak heap (the sum of the heap
 * pools' peak usage, reset after the warm-up), the process's CPU time per bundle (every thread: checks,
 * reading, collector, compiler) with the rate it allows on idle cores, and the load average, since
 * other work on the machine slows the wall-clock figure. With {@code repeat} > 1 every bundle is listed that
 * many times, which shows whether the heap grows with the number of bundles.
 *
 * <p>Arguments: {@code folder count repeat workers format} (defaults: a temporary folder, 500, 1, the
 * processors, text).
 */
public final class FleetBenchmark {

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("fleet-bench").toString());
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int repeat = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        String format = args.length > 4 ? args[4] : "text";
        List<Path> bundles = generate(folder, count);
        List<Path> input = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            input.addAll(bundles);
        }
        NdesDiag diag = NdesDiag.discover(FleetBenchmark.class.getClassLoader());
        run(diag, bundles.subList(0, Math.min(50, bundles.size())), workers, format, folder.resolve("warmup.out"));
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        Map<String, long[]> threadsStart = jvmThreads();
        run(diag, input, workers, format, folder.resolve("summary." + format));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (cpuNanos() - cpuStart) / 1e6 / input.size();
        Map<String, Long> jvm = spent(threadsStart, jvmThreads());
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "fleet of %d bundles (%d distinct, %d workers, %s summary, -Xmx %d MB): "
                        + "%.1f s, %.0f bundles/s, peak heap %d MB, summary %d KB; %.1f ms of CPU per bundle "
                        + "(%.0f bundles/s on %d idle cores), load average %.2f%n",
                input.size(), bundles.size(), workers, format, Runtime.getRuntime().maxMemory() >> 20, seconds,
                input.size() / seconds, peak >> 20, Files.size(folder.resolve("summary." + format)) >> 10, cpuMs,
                Runtime.getRuntime().availableProcessors() * 1000 / cpuMs, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!jvm.isEmpty()) {
            System.out.printf(Locale.ROOT, "  of the CPU per bundle: JIT compiler at least %.1f ms, garbage collector %.1f ms%n",
                    jvm.getOrDefault("compiler", 0L) / (double) input.size(), jvm.getOrDefault("gc", 0L) / (double) input.size());
        }
    }

    /**
     * The CPU time of the JVM's compiler and collector threads between two {@link #jvmThreads()}
     * readings, in milliseconds by kind. A compiler thread that the JVM stops in between takes its
     * time with it, so the figure is a floor.
     */
    private static Map<String, Long> spent(Map<String, long[]> before, Map<String, long[]> after) {
        Map<String, Long> result = new HashMap<>();
        after.forEach((task, now) -> {
            long[] then = before.get(task);
            result.merge(now[0] == 0 ? "compiler" : "gc", now[1] - (then == null ? 0 : then[1]), Long::sum);
        });
        return result;
    }

    /**
     * The JVM's compiler threads (kind 0) and collector threads (kind 1, the serial collector runs on
     * the "VM Thread") by task id, each with its CPU time in milliseconds, from Linux's
     * {@code /proc/self/task}; empty elsewhere.
     */
    private static Map<String, long[]> jvmThreads() {
        Map<String, long[]> result = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return result;
        }
        long tick = 10; // USER_HZ is 100 on Linux
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : all.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    int kind = name.startsWith("C1 ") || name.startsWith("C2 ") ? 0
                            : name.equals("VM Thread") || name.startsWith("GC ") ? 1 : -1;
                    if (kind >= 0) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        result.put(task.getFileName().toString(),
                                new long[] {kind, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick});
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return result;
    }

    /** The CPU time of this process (every thread, the collector's and compiler's included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void run(NdesDiag diag, List<Path> bundles, int workers, String format, Path out) throws IOException {
        FleetWriter writer = switch (format) {
            case "html" -> new HtmlFleetWriter();
            case "json" -> new JsonFleetWriter();
            case "junit" -> new JunitFleetWriter();
            default -> new TextFleetWriter();
        };
        try (FleetRun run = FleetRun.start(diag, RunOptions.defaults(), writer, workers);
             Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            run.write(run.analyze(bundles, done -> { }), w);
        }
    }

    /** Writes the bundles that are not there yet: ndes0001.zip ... (host ndes0001.corp.contoso.com ...). */
    private static List<Path> generate(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        Path work = folder.resolve("work");
        List<Path> out = new ArrayList<>();
        long start = System.nanoTime();
        int made = 0;
        for (int i = 1; i <= count; i++) {
            String name = String.format(Locale.ROOT, "ndes%04d", i);
            Path zip = folder.resolve(name + ".zip");
            if (!Files.exists(zip)) {
                delete(work);
                BundleBuilder b = BundleBuilder.in(Files.createDirectories(work));
                SampleBundleGenerator.write(b, name.toUpperCase(Locale.ROOT), name + ".corp.contoso.com");
                b.zip(zip, name);
                made++;
            }
            out.add(zip);
        }
        delete(work);
        if (made > 0) {
            System.out.printf(Locale.ROOT, "generated %d bundles in %.1f s (%d KB each on average)%n", made,
                    (System.nanoTime() - start) / 1e9, Files.size(out.get(0)) >> 10);
        }
        return out;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
