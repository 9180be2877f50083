package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.Part;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 2: every reader takes time linear in its input. Each test reads 1x and 8x an
 * input and asserts the ratio of the times (best of several runs, after a warm-up) stays well under
 * the 64 of a quadratic reader: a ratio, not a clock, so a slow or busy machine does not fail it.
 */
class LinearTimeReadersTest {

    /** Linear is 8; allow noise and cache effects, far below quadratic's 64. */
    private static final double MAX_RATIO = 24;

    private static final String HEADER = "Windows Registry Editor Version 5.00\r\n\r\n";

    private static double ratio(IntFunction<Map<String, byte[]>> bundleOfSize, int base,
            java.util.function.Consumer<MemoryBundleSource> read) {
        Map<String, byte[]> small = bundleOfSize.apply(base);
        Map<String, byte[]> large = bundleOfSize.apply(base * 8);
        for (int i = 0; i < 3; i++) {
            read.accept(new MemoryBundleSource(small, "warm-up"));
        }
        // A busy machine can stall one measurement; a quadratic reader fails every attempt, a linear one passes one.
        double lowest = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && lowest >= MAX_RATIO; attempt++) {
            long s = best(small, read);
            long l = best(large, read);
            lowest = Math.min(lowest, (double) l / Math.max(s, 1));
        }
        return lowest;
    }

    private static long best(Map<String, byte[]> bundle, java.util.function.Consumer<MemoryBundleSource> read) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            MemoryBundleSource source = new MemoryBundleSource(bundle, "timed");
            long start = System.nanoTime();
            read.accept(source);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static Map<String, byte[]> bundle(String path, String text) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(path, text.getBytes(StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void continuationLinesOfALongRegistryValueAreJoinedInLinearTime() {
        double r = ratio(n -> {
            StringBuilder sb = new StringBuilder(HEADER + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n\"Blob\"=hex:00,\\\r\n");
            for (int i = 0; i < n; i++) {
                sb.append("  01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,16,17,18,19,").append(i + 1 < n ? "\\" : "00").append("\r\n");
            }
            return bundle("registry/a.reg", sb.toString());
        }, 2000, source -> {
            Part<?> p = RegistryReader.read(source, BundleLimits.defaults());
            assertThat(p.problems()).isEmpty();
        });
        assertThat(r).isLessThan(MAX_RATIO);
    }

    @Test
    void keyDeletionsTakeLinearTimeHoweverManyKeysThereAre() {
        double r = ratio(n -> {
            StringBuilder sb = new StringBuilder(HEADER);
            for (int i = 0; i < n; i++) {
                sb.append("[HKEY_LOCAL_MACHINE\\SOFTWARE\\K").append(i).append("]\r\n\"V\"=dword:00000001\r\n");
            }
            for (int i = 0; i < n; i++) {
                sb.append("[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone").append(i).append("]\r\n");
            }
            return bundle("registry/a.reg", sb.toString());
        }, 600, source -> RegistryReader.read(source, BundleLimits.defaults()));
        assertThat(r).isLessThan(MAX_RATIO);
    }

    @Test
    void looksUpOfNamesThatAreNotInTheBundleGoThroughAnIndex() {
        double r = ratio(n -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            StringBuilder fetches = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                m.put("logs/IIS/u_ex" + i + ".log", new byte[0]);
                fetches.append(i == 0 ? "" : ",").append("{\"url\":\"http://x/").append(i)
                        .append("\",\"outcome\":\"ok\",\"file\":\"network/absent").append(i).append(".crl\"}");
            }
            m.put("network/fetches.json", fetches.append("]").toString().getBytes(StandardCharsets.UTF_8));
            return m;
        }, 1000, source -> NetworkFetchesReader.read(source, BundleLimits.defaults()));
        assertThat(r).isLessThan(MAX_RATIO);
    }

    /**
     * {@code certutil -v -dstemplate} continues a value on the lines after it (decoded flags, OID
     * names); a hostile capture of one value continued over many lines must still be read in time
     * linear in its length.
     */
    @Test
    void aTemplateValueContinuedOverManyLinesIsReadInLinearTime() {
        String path = "commands/certutil-dstemplate.txt";
        double r = ratio(n -> {
            StringBuilder sb = new StringBuilder("[NDESTemplate]\r\n    cn = \"NDESTemplate\"\r\n"
                    + "    pKIExtendedKeyUsage = \"1.3.6.1.5.5.7.3.2\"\r\n");
            for (int i = 0; i < n; i++) {
                sb.append("        1.3.6.1.5.5.7.3.2 Client Authentication\r\n");
            }
            return bundle(path, sb.toString());
        }, 1000, source -> {
            try (java.io.InputStream in = source.open(path)) {
                dev.ndesdiag.templates.DsTemplateReader.Dump d =
                        dev.ndesdiag.templates.DsTemplateReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                assertThat(d.find("NDESTemplate")).get().satisfies(t -> assertThat(t.values("pKIExtendedKeyUsage"))
                        .containsExactly("1.3.6.1.5.5.7.3.2"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(r).isLessThan(MAX_RATIO);
    }

    @Test
    void commandIndexEntriesAreMatchedToTheirCapturesInLinearTime() {
        double r = ratio(n -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            StringBuilder index = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                m.put("commands/cmd" + i + ".txt", ("output " + i).getBytes(StandardCharsets.UTF_8));
                index.append(i == 0 ? "" : ",").append("{\"name\":\"cmd").append(i).append("\",\"exitCode\":0}");
                index.append(",{\"name\":\"missing").append(i).append("\"}");
            }
            m.put("commands/index.json", index.append("]").toString().getBytes(StandardCharsets.UTF_8));
            return m;
        }, 600, source -> CommandsReader.read(source, BundleLimits.defaults()));
        assertThat(r).isLessThan(MAX_RATIO);
    }

    @Test
    void aLongHexValueIsDecodedInLinearTimeWithoutARegexPerByte() throws Exception {
        String small = "0a,".repeat(200_000) + "0b";
        String large = "0a,".repeat(1_600_000) + "0b";
        for (int i = 0; i < 5; i++) {
            RegValueDecoder.hexBytes(small);
        }
        double lowest = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && lowest >= MAX_RATIO; attempt++) {
            long s = Long.MAX_VALUE;
            long l = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t = System.nanoTime();
                assertThat(RegValueDecoder.hexBytes(small)).hasSize(200_001);
                s = Math.min(s, System.nanoTime() - t);
                t = System.nanoTime();
                assertThat(RegValueDecoder.hexBytes(large)).hasSize(1_600_001);
                l = Math.min(l, System.nanoTime() - t);
            }
            lowest = Math.min(lowest, (double) l / s);
        }
        assertThat(lowest).isLessThan(MAX_RATIO);
    }

    @Test
    void theHexDecoderKeepsTheFormsRegImportAccepts() throws Exception {
        assertThat(RegValueDecoder.hexBytes("")).isEmpty();
        assertThat(RegValueDecoder.hexBytes(" 0a, ff ,3")).containsExactly(0x0a, 0xff, 0x03);
        assertThat(RegValueDecoder.hexBytes("0a,,0b,")).containsExactly(0x0a, 0x0b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegValueDecoder.hexBytes(",0a"))
                .isInstanceOf(InvalidInputException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegValueDecoder.hexBytes("0g"))
                .hasMessageContaining("\"0g\" is not two hex digits");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegValueDecoder.hexBytes("123"))
                .isInstanceOf(InvalidInputException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegValueDecoder.hexBytes("\u0663\u0663"))
                .isInstanceOf(InvalidInputException.class); // Arabic-Indic digits are not hex digits
    }
}
