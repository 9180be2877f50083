package dev.ndesdiag.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The checks of one bundle and its timeline read the same evidence once: per snapshot and key, the
 * first caller reads and the others get that reading, also while it is still being read.
 */
class ReadingsTest {

    private static Snapshot snapshot() {
        return Snapshot.builder(new Manifest("ndes-snapshot", 1, Instant.parse("2026-11-20T10:15:00Z"), Manifest.Host.unknown(),
                Optional.empty(), Optional.empty())).build();
    }

    @Test
    void theSameKeyOfOneSnapshotIsReadOnceAndEveryCallerGetsThatReading() {
        Snapshot s = snapshot();
        AtomicInteger reads = new AtomicInteger();
        Object first = Readings.of(s).get(List.of("iis", "u_ex261120.log"), () -> new Object[] {reads.incrementAndGet()});
        Object second = Readings.of(s).get(List.of("iis", "u_ex261120.log"), () -> new Object[] {reads.incrementAndGet()});
        assertThat(second).isSameAs(first);
        assertThat(reads).hasValue(1);
    }

    @Test
    void anotherKeyOrAnotherSnapshotIsReadOnItsOwn() {
        Snapshot a = snapshot();
        Snapshot b = snapshot();
        AtomicInteger reads = new AtomicInteger();
        Readings.of(a).get(List.of("iis", 1), reads::incrementAndGet);
        assertThat(Readings.of(a).get(List.of("iis", 2), reads::incrementAndGet)).isEqualTo(2);
        assertThat(Readings.of(b).get(List.of("iis", 1), reads::incrementAndGet)).isEqualTo(3);
    }

    @Test
    void callersArrivingWhileTheFirstStillReadsWaitForItsReadingInsteadOfRepeatingIt() throws Exception {
        Snapshot s = snapshot();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Object>> callers = new ArrayList<>();
            callers.add(pool.submit(() -> Readings.of(s).get("events", () -> {
                reads.incrementAndGet();
                reading.countDown();
                await(finish);
                return "the reading";
            })));
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                callers.add(pool.submit(() -> Readings.of(s).get("events", () -> {
                    reads.incrementAndGet();
                    return "a second reading";
                })));
            }
            Thread.sleep(100);
            finish.countDown();
            for (Future<Object> f : callers) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("the reading");
            }
            assertThat(reads).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReadingThatThrowsThrowsForEveryCallerAsItWouldHaveForEach() {
        Snapshot s = snapshot();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> Readings.of(s).get("registry", () -> {
                reads.incrementAndGet();
                throw new IllegalStateException("value had no type");
            })).isInstanceOf(IllegalStateException.class).hasMessage("value had no type");
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void aReadingThatRanOutOfMemoryIsNotKeptSoTheNextCallerReadsAgain() {
        Snapshot s = snapshot();
        assertThatThrownBy(() -> Readings.of(s).get("logs", () -> {
            throw new OutOfMemoryError("Java heap space");
        })).isInstanceOf(OutOfMemoryError.class);
        assertThat(Readings.of(s).get("logs", () -> "read again")).isEqualTo("read again");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
