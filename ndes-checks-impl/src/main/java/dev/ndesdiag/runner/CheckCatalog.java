package dev.ndesdiag.runner;

import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * CheckCatalog is the validated set of checks an analysis can run, sorted by id.
 *
 * <p>Discovery uses {@link ServiceLoader}: every jar on the class path that lists a class in
 * {@code META-INF/services/dev.ndesdiag.api.Check} adds its checks. A check that cannot be
 * loaded, has no valid descriptor, or reuses another check's id stops the catalogue from being
 * built, with a message naming the classes involved.
 */
public final class CheckCatalog {

    private final List<Check> checks;

    private CheckCatalog(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * Builds a catalogue from the checks the class loader can find.
     *
     * @param loader the class loader to search; never null
     * @return the catalogue; never null
     * @throws CatalogException when a check cannot be loaded or ids clash
     */
    public static CheckCatalog discover(ClassLoader loader) throws CatalogException {
        List<Check> found = new ArrayList<>();
        Iterator<Check> it = ServiceLoader.load(Check.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                throw new CatalogException("A check could not be loaded: " + e.getMessage()
                        + ". Remove or fix the jar that declares it.", e);
            }
        }
        return of(found);
    }

    /**
     * Builds a catalogue from the given checks.
     *
     * @param checks the checks; never null
     * @return the catalogue; never null
     * @throws CatalogException when a descriptor is missing or invalid, or ids clash
     */
    public static CheckCatalog of(List<? extends Check> checks) throws CatalogException {
        Map<String, Check> byId = new LinkedHashMap<>();
        for (Check check : checks) {
            CheckDescriptor d;
            try {
                d = check.descriptor();
            } catch (RuntimeException e) {
                throw new CatalogException("Check " + check.getClass().getName() + " failed to describe itself: "
                        + e, e);
            }
            if (d == null) {
                throw new CatalogException("Check " + check.getClass().getName() + " returned no descriptor.");
            }
            Check other = byId.putIfAbsent(d.id(), check);
            if (other != null) {
                throw new CatalogException("Check id '" + d.id() + "' is declared twice: by "
                        + other.getClass().getName() + " and by " + check.getClass().getName()
                        + ". Check ids must be unique; remove one of the jars.");
            }
        }
        List<Check> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(c -> c.descriptor().id()));
        return new CheckCatalog(sorted);
    }

    /**
     * Returns the checks, sorted by id.
     *
     * @return the checks; never null
     */
    public List<Check> checks() {
        return checks;
    }

    /**
     * Returns the descriptors, sorted by id.
     *
     * @return the descriptors; never null
     */
    public List<CheckDescriptor> descriptors() {
        return checks.stream().map(Check::descriptor).toList();
    }

    /** CatalogException says the set of checks is unusable; the message names the classes involved. */
    public static final class CatalogException extends Exception {
        private static final long serialVersionUID = 1L;

        CatalogException(String message) {
            super(message);
        }

        CatalogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
