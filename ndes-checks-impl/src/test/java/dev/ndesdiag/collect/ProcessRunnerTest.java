package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** External commands run with a time limit; a real slow process stands in for a hung Windows command. */
class ProcessRunnerTest {

    private final ProcessRunner runner = new ProcessRunner(1 << 20);

    @Test
    void capturesExitCodeStdoutAndStderr() {
        CommandResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
        assertThat(r.exitCode()).hasValue(3);
        assertThat(new String(r.console(), StandardCharsets.UTF_8)).isEqualTo("out\nerr\n");
        assertThat(r.succeeded()).isFalse();
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void aHungCommandIsStoppedAtItsTimeLimit() {
        long start = System.nanoTime();
        CommandResult r = runner.run(List.of("sh", "-c", "echo started; sleep 30"), Duration.ofMillis(400));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(new String(r.stdout().toByteArray(), StandardCharsets.UTF_8)).contains("started");
    }

    @Test
    void aMissingProgramIsAFailureNotACrash() {
        CommandResult r = runner.run(List.of("no-such-program-ndes-diag"), Duration.ofSeconds(5));
        assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).contains("could not start"));
    }

    @Test
    void keepsAtMostTheConfiguredBytes() {
        CommandResult r = new ProcessRunner(1000).run(List.of("sh", "-c", "head -c 100000 /dev/zero"), Duration.ofSeconds(10));
        assertThat(r.stdout().size()).isEqualTo(1000);
        assertThat(r.exitCode()).hasValue(0);
    }
}
