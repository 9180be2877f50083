package dev.ndesdiag.codes;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An event provider the dictionary knows, and the prefix its codes carry ({@code NDES-10} for event 10
 * of Microsoft-Windows-NetworkDeviceEnrollmentService).
 *
 * @param prefix such as {@code NDES}, {@code WAS}; never null
 * @param providers the provider names events carry ({@code <Provider Name='...'>}); never null
 * @param providerPrefix a prefix that also matches (ASP.NET names its provider by version), when used
 * @param log the log the events are written to, such as {@code Application}; never null
 * @param source where the provider's events are described; never null
 * @since 0.1.0
 */
public record EventSource(String prefix, List<String> providers, Optional<String> providerPrefix, String log, String source) {

    /** Validates and copies the components. */
    public EventSource {
        Objects.requireNonNull(prefix, "prefix");
        providers = List.copyOf(providers);
        Objects.requireNonNull(providerPrefix, "providerPrefix");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Returns whether events of a provider belong to this source, ignoring case.
     *
     * @param provider the provider name of an event; never null
     * @return true when it is one of the names or starts with the prefix
     */
    public boolean matches(String provider) {
        String p = provider.strip();
        return providers.stream().anyMatch(n -> n.equalsIgnoreCase(p))
                || providerPrefix.map(x -> p.toLowerCase(Locale.ROOT).startsWith(x.toLowerCase(Locale.ROOT))).orElse(false);
    }
}
