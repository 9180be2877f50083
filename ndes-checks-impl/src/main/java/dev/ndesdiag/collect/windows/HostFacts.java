package dev.ndesdiag.collect.windows;

import dev.ndesdiag.api.snapshot.Manifest;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The manifest's host facts from what Windows itself says, in pure Java so the rules are tested
 * anywhere; {@link JnaWindowsSource} feeds it {@code GetComputerNameEx} and the
 * {@code Windows NT\CurrentVersion} values.
 *
 * <ul>
 * <li>FQDN: {@code GetComputerNameEx(ComputerNameDnsFullyQualified)}, the name the computer is
 *     configured with, not a reverse lookup, which returns the textual IP address when there is
 *     no PTR record (JDK {@code InetAddress.getCanonicalHostName}); kept only when it holds a dot
 *     and is not an IP literal.</li>
 * <li>Domain: {@code GetComputerNameEx(ComputerNameDnsDomain)}, the computer's domain, not
 *     {@code USERDNSDOMAIN}, the logged-on user's (empty for a local administrator).</li>
 * <li>OS: {@code ProductName} and {@code DisplayVersion}, and {@code 10.0.<CurrentBuild>.<UBR>}:
 *     {@code os.name} says "Windows Server 2019" on Server 2022 with JDK 17.0.0 and 17.0.1
 *     (JDK-8273229) and {@code os.version} is always 10.0.</li>
 * <li>Last boot: the collection time less {@code GetTickCount64}, "the number of milliseconds that
 *     have elapsed since the system was started"
 *     (https://learn.microsoft.com/windows/win32/api/sysinfoapi/nf-sysinfoapi-gettickcount64), to the
 *     second; the evidence checks judge "since the last boot" from it.</li>
 * </ul>
 * Source: https://learn.microsoft.com/windows/win32/api/sysinfoapi/nf-sysinfoapi-getcomputernameexw
 * (COMPUTER_NAME_FORMAT: ComputerNameNetBIOS 0, ComputerNameDnsDomain 2, ComputerNameDnsFullyQualified 3).
 */
public final class HostFacts {

    static final int NETBIOS = 0;
    static final int DNS_DOMAIN = 2;
    static final int DNS_FULLY_QUALIFIED = 3;
    private static final Pattern IP_LITERAL = Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|.*:.*)$");

    private HostFacts() {
    }

    /**
     * Builds the host facts.
     *
     * @param computerNameEx {@code GetComputerNameEx} by name type; empty when it fails
     * @param currentVersion a value of {@code HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion} as text; empty when absent
     * @return the facts; never null
     */
    public static Manifest.Host of(IntFunction<Optional<String>> computerNameEx, Function<String, Optional<String>> currentVersion) {
        return of(computerNameEx, currentVersion, Optional.empty(), java.time.Instant.EPOCH);
    }

    /**
     * Builds the host facts with the last boot time.
     *
     * @param computerNameEx {@code GetComputerNameEx} by name type; empty when it fails
     * @param currentVersion a value of {@code HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion} as text; empty when absent
     * @param uptime {@code GetTickCount64} as a duration; empty when it could not be read
     * @param now the collection time the uptime is counted back from; never null
     * @return the facts; never null
     */
    public static Manifest.Host of(IntFunction<Optional<String>> computerNameEx, Function<String, Optional<String>> currentVersion,
            Optional<java.time.Duration> uptime, java.time.Instant now) {
        Optional<String> name = nonBlank(computerNameEx.apply(NETBIOS));
        Optional<String> fqdn = nonBlank(computerNameEx.apply(DNS_FULLY_QUALIFIED))
                .filter(f -> f.contains(".") && !IP_LITERAL.matcher(f).matches());
        Optional<String> domain = nonBlank(computerNameEx.apply(DNS_DOMAIN));
        Optional<String> product = nonBlank(currentVersion.apply("ProductName"));
        Optional<String> display = nonBlank(currentVersion.apply("DisplayVersion"));
        Optional<String> os = product.map(p -> display.map(d -> p + " " + d).orElse(p));
        Optional<String> build = nonBlank(currentVersion.apply("CurrentBuild"));
        Optional<String> ubr = nonBlank(currentVersion.apply("UBR"));
        Optional<String> version = build.map(b -> "10.0." + b + ubr.map(u -> "." + u).orElse(""));
        Optional<java.time.Instant> boot = uptime.filter(u -> !u.isNegative())
                .map(u -> now.minus(u).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return new Manifest.Host(name, fqdn, domain, os, version, boot);
    }

    private static Optional<String> nonBlank(Optional<String> s) {
        return s.map(String::strip).filter(v -> !v.isEmpty());
    }
}
