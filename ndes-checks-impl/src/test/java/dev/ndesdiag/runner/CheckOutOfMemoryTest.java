package dev.ndesdiag.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Issue 17, point 3: a check that runs out of memory or stack is ERROR, and the report goes on. */
class CheckOutOfMemoryTest {

    private record Stub(CheckDescriptor descriptor, Function<CheckContext, CheckResult> body) implements Check {
        @Override
        public CheckResult run(CheckContext context) {
            return body.apply(context);
        }
    }

    private static List<CheckOutcome> run(Check... checks) throws Exception {
        Snapshot snapshot = Snapshot.builder(new Manifest("ndes-snapshot", 1, Instant.parse("2026-11-20T10:15:00Z"),
                Manifest.Host.unknown(), Optional.empty(), Optional.empty())).build();
        RunOptions options = RunOptions.defaults();
        return new CheckRunner().run(CheckRunner.select(CheckCatalog.of(List.of(checks)), options), snapshot, options);
    }

    @Test
    void aCheckThatRunsOutOfMemoryIsAnErrorSayingSoAndTheOthersStillReport() throws Exception {
        List<CheckOutcome> outcomes = run(
                new Stub(CheckDescriptor.of("greedy", "greedy", Category.SNAPSHOT), c -> {
                    throw new OutOfMemoryError("Java heap space");
                }),
                new Stub(CheckDescriptor.of("deep", "deep", Category.SNAPSHOT), c -> {
                    throw new StackOverflowError();
                }),
                new Stub(CheckDescriptor.of("healthy", "healthy", Category.SNAPSHOT), c -> CheckResult.of(Finding.pass("OK", "fine"))));
        assertThat(outcomes).extracting(CheckOutcome::id, CheckOutcome::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("greedy", Status.ERROR),
                        org.assertj.core.groups.Tuple.tuple("deep", Status.ERROR),
                        org.assertj.core.groups.Tuple.tuple("healthy", Status.PASS));
        CheckOutcome greedy = outcomes.stream().filter(o -> o.id().equals("greedy")).findFirst().orElseThrow();
        assertThat(greedy.result().findings()).extracting(Finding::code).containsExactly("CHECK_OUT_OF_MEMORY");
    }
}
