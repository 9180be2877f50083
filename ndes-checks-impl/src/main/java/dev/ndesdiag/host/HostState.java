package dev.ndesdiag.host;

import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.bundle.JsonTree;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code host-state} capture ({@code commands/host-state.txt}): one JSON object the collector's
 * PowerShell prints from exactly the values that decide each fact, and nothing else:
 *
 * <ul>
 * <li>{@code installationType}: {@code HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\InstallationType}
 *     ({@code Server}, {@code Server Core}, {@code Client}).</li>
 * <li>{@code productType}: {@code HKLM\SYSTEM\CurrentControlSet\Control\ProductOptions\ProductType}
 *     ({@code WinNT} workstation, {@code ServerNT} server, {@code LanmanNT} domain controller).</li>
 * <li>{@code currentBuild}: {@code CurrentVersion\CurrentBuildNumber}.</li>
 * <li>{@code partOfDomain}, {@code domain}, {@code domainRole}: {@code Win32_ComputerSystem}
 *     (DomainRole 0 standalone workstation ... 3 member server, 4 and 5 domain controllers).</li>
 * <li>{@code lastBootAt}: {@code Win32_OperatingSystem.LastBootUpTime}.</li>
 * <li>{@code rebootPending}: whether {@code Component Based Servicing\RebootPending} and
 *     {@code WindowsUpdate\Auto Update\RebootRequired} exist and whether {@code Session Manager}
 *     holds {@code PendingFileRenameOperations} (only the flag; the file names stay on the server).</li>
 * <li>{@code keysWrittenAt}: the last-write time of keys Windows reads only at start
 *     ({@code RegQueryInfoKey}; the {@code .reg} format has none), by {@code HKLM\...} path.</li>
 * </ul>
 *
 * @param installationType such as {@code Server Core}, when read
 * @param productType such as {@code ServerNT}, when read
 * @param currentBuild the build number, when read
 * @param partOfDomain whether the computer is joined to a domain, when read
 * @param domain the domain (or workgroup) name, when read
 * @param domainRole Win32_ComputerSystem.DomainRole, when read
 * @param lastBootAt when the server booted, when read
 * @param componentBasedServicing whether servicing waits for a restart, when read
 * @param windowsUpdate whether Windows Update waits for a restart, when read
 * @param pendingFileRenames whether files are to be replaced at the next start, when read
 * @param keysWrittenAt last-write times by key path (upper-case); never null
 */
public record HostState(
        Optional<String> installationType,
        Optional<String> productType,
        OptionalInt currentBuild,
        Optional<Boolean> partOfDomain,
        Optional<String> domain,
        OptionalInt domainRole,
        Optional<Instant> lastBootAt,
        Optional<Boolean> componentBasedServicing,
        Optional<Boolean> windowsUpdate,
        Optional<Boolean> pendingFileRenames,
        Map<String, Instant> keysWrittenAt) {

    /** The capture's name in {@code commands/}. */
    public static final String CAPTURE = "host-state";

    /** Copies the map. */
    public HostState {
        keysWrittenAt = Map.copyOf(keysWrittenAt);
    }

    /** Thrown when the capture is not the JSON object the collector prints. */
    public static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        /** The field that could not be read and its raw text, when the problem is about one field. */
        private final String field;
        private final String raw;

        UnreadableException(String message) {
            this(message, null, null);
        }

        UnreadableException(String message, String field, Object raw) {
            super(message);
            this.field = field;
            this.raw = raw == null ? null : abbreviate(String.valueOf(raw));
        }

        /**
         * The {@code ERROR} result of a check that needed the capture: the message, the file and,
         * when the problem is one field, its name and raw text.
         *
         * @return the result; never null
         */
        public CheckResult toResult() {
            Finding f = Finding.error("HOST_STATE_UNREADABLE", getMessage()).withEvidence("file", FILE);
            if (field != null) {
                f = f.withEvidence("name", field).withEvidence("raw", raw);
            }
            return CheckResult.of(f);
        }
    }

    /**
     * The capture read, or the {@code ERROR} result that says why it could not be: the prologue of
     * every check that judges the host-state capture.
     *
     * @param state the facts, when the capture was readable
     * @param unreadable the result naming the file (and the field and its raw text) otherwise
     */
    public record Reading(Optional<HostState> state, Optional<CheckResult> unreadable) {
    }

    /** The capture's file in the bundle. */
    public static final String FILE = "commands/host-state.txt";

    /**
     * Reads the capture without throwing.
     *
     * @param capture the {@code host-state} capture; never null
     * @return the facts or why there are none; never null
     */
    public static Reading reading(CommandCapture capture) {
        try {
            return new Reading(Optional.of(read(capture)), Optional.empty());
        } catch (UnreadableException e) {
            return new Reading(Optional.empty(), Optional.of(e.toResult()));
        }
    }

    /**
     * Returns the last-write time of a key.
     *
     * @param key such as {@code HKLM\SYSTEM\CurrentControlSet\Services\HTTP\Parameters}, any case; never null
     * @return the time, when collected
     */
    public Optional<Instant> writtenAt(String key) {
        return Optional.ofNullable(keysWrittenAt.get(normalize(key)));
    }

    /**
     * Reads the capture.
     *
     * @param capture the {@code host-state} capture; never null
     * @return the facts; never null
     * @throws UnreadableException when the script failed or printed something else than its JSON object
     */
    public static HostState read(CommandCapture capture) throws UnreadableException {
        String text = capture.output().strip();
        if (capture.exitCode().isPresent() && capture.exitCode().getAsInt() != 0) {
            throw new UnreadableException("the host-state script failed with exit code " + capture.exitCode().getAsInt()
                    + ": " + abbreviate(text));
        }
        Map<String, Object> root;
        try {
            root = JsonTree.object(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("commands/host-state.txt " + e.getMessage() + ": " + abbreviate(text));
        }
        Map<String, Object> pending = map(root.get("rebootPending"), "rebootPending");
        Map<String, Instant> times = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(root.get("keysWrittenAt"), "keysWrittenAt").entrySet()) {
            if (e.getValue() != null) {
                times.put(normalize(e.getKey()), instant(e.getValue(), "keysWrittenAt." + e.getKey()));
            }
        }
        Object boot = root.get("lastBootAt");
        return new HostState(text(root, "installationType"), text(root, "productType"), integer(root, "currentBuild"),
                bool(root, "", "partOfDomain"), text(root, "domain"), integer(root, "domainRole"),
                boot == null ? Optional.empty() : Optional.of(instant(boot, "lastBootAt")),
                bool(pending, "rebootPending.", "componentBasedServicing"), bool(pending, "rebootPending.", "windowsUpdate"),
                bool(pending, "rebootPending.", "pendingFileRenameOperations"), times);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String field) throws UnreadableException {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new UnreadableException("host-state field " + field + " is not an object: " + v, field, v);
        }
        return (Map<String, Object>) v;
    }

    private static Optional<String> text(Map<String, Object> n, String field) {
        Object v = n.get(field);
        return v == null || String.valueOf(v).isBlank() ? Optional.empty() : Optional.of(String.valueOf(v).strip());
    }

    private static OptionalInt integer(Map<String, Object> n, String field) throws UnreadableException {
        Optional<String> t = text(n, field);
        if (t.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(t.get()));
        } catch (NumberFormatException e) {
            throw new UnreadableException("host-state field " + field + " is not a number: \"" + t.get() + "\"", field, t.get());
        }
    }

    private static Optional<Boolean> bool(Map<String, Object> n, String parent, String name) throws UnreadableException {
        Object v = n.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            String field = parent + name;
            throw new UnreadableException("host-state field " + field + " is not true or false: " + v, field, v);
        }
        return Optional.of(b);
    }

    private static Instant instant(Object v, String field) throws UnreadableException {
        try {
            return dev.ndesdiag.bundle.Instants.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            throw new UnreadableException("host-state field " + field + " is not an ISO-8601 UTC time: \"" + v + "\"", field, v);
        }
    }

    private static String normalize(String key) {
        String k = key.strip().toUpperCase(Locale.ROOT);
        return k.startsWith("HKEY_LOCAL_MACHINE\\") ? "HKLM\\" + k.substring("HKEY_LOCAL_MACHINE\\".length()) : k;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
