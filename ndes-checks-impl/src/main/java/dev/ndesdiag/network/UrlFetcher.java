package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchOutcome;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches CDP and AIA URLs the way the NDES server would, all in parallel under one deadline, so
 * ten dead URLs cost one time-out, not ten. Each URL ends in one of the outcomes of
 * {@code network/fetches.json} ({@code ok}, {@code http-error}, {@code timeout}, {@code dns},
 * {@code refused}, {@code tls}, {@code unsupported}, {@code not-fetched}, {@code error}), as the same
 * {@link NetworkFetch} a bundle is read into, so the checks judge both alike.
 */
public final class UrlFetcher {

    private static final long GRACE_MILLIS = 250;

    private final FetchOptions options;

    /**
     * Creates a fetcher.
     *
     * @param options deadline, caps, proxy; never null
     */
    public UrlFetcher(FetchOptions options) {
        this.options = options;
    }

    /**
     * Fetches every URL, returning when all are done or the deadline has passed.
     *
     * @param requests the URLs; never null
     * @return one result per request, in the same order; never null
     */
    public List<NetworkFetch> fetchAll(List<FetchRequest> requests) {
        long deadline = System.nanoTime() + options.deadline().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(requests.size(), 32)), r -> {
            Thread t = new Thread(r, "ndes-diag-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<NetworkFetch>> futures = new ArrayList<>();
            for (FetchRequest r : requests) {
                futures.add(pool.submit(() -> fetch(r, remaining(deadline))));
            }
            List<NetworkFetch> results = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                results.add(await(futures.get(i), requests.get(i), deadline));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private NetworkFetch fetch(FetchRequest r, long remainingMillis) {
        String scheme = r.url().contains(":") ? r.url().substring(0, r.url().indexOf(':')).toLowerCase(Locale.ROOT) : "";
        return switch (scheme) {
            case "http", "https" -> new HttpFetcher(options).fetch(r, remainingMillis);
            case "ldap" -> new LdapFetcher().fetch(r, remainingMillis);
            default -> HttpFetcher.result(r, FetchOutcome.UNSUPPORTED, OptionalInt.empty(), 0, Optional.empty(),
                    "the scheme \"" + scheme + "\" is not fetched (http, https and ldap are)");
        };
    }

    private NetworkFetch await(Future<NetworkFetch> future, FetchRequest r, long deadline) {
        try {
            return future.get(remaining(deadline) + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return HttpFetcher.result(r, FetchOutcome.TIMEOUT, OptionalInt.empty(), options.deadline().toMillis(), Optional.empty(),
                    "no answer within the " + options.deadline().toSeconds() + " s deadline");
        } catch (ExecutionException e) {
            return HttpFetcher.failure(r, e.getCause() instanceof Exception c ? c : e, options.deadline().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpFetcher.result(r, FetchOutcome.ERROR, OptionalInt.empty(), 0, Optional.empty(), "interrupted");
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
