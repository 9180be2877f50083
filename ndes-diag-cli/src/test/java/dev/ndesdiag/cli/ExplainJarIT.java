package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} from the shipped (minimised) jar: the dictionary resource and its JSON reader are in it. */
class ExplainJarIT {

    private static final Path JAR = Path.of(System.getProperty("ndesdiag.jar", "target/ndes-diag.jar"));

    @TempDir
    Path tmp;

    @Test
    void theJarExplainsOfflineAndExitsOneForAnUnknownCode() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "explain", "--format", "json", "0x80094800", "500", "0", "1346", "NDES-10", "nope"));
        Path out = tmp.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String json = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("err.txt"))).isEqualTo(1);
        assertThat(json).contains("\"normalized\" : \"0x80094800\"", "CERTSRV_E_UNSUPPORTED_CERT_TYPE",
                "\"code\" : \"500.0.1346\"", "EVENT_MSCEP_FAILED_RA_CERT", "\"input\" : \"nope\"", "\"known\" : false");
    }
}
