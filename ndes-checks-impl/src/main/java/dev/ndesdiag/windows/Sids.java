package dev.ndesdiag.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Security identifiers the checks meet: the SDDL two-letter aliases, the well-known accounts by
 * name, and the SIDs of IIS application pool virtual accounts ({@code IIS APPPOOL\<pool>}), which
 * Windows derives from the pool's name and which a check can therefore compute.
 */
public final class Sids {

    /** Everyone. */
    public static final String EVERYONE = "S-1-1-0";
    /** NT AUTHORITY\Authenticated Users. */
    public static final String AUTHENTICATED_USERS = "S-1-5-11";
    /** NT AUTHORITY\SYSTEM. */
    public static final String LOCAL_SYSTEM = "S-1-5-18";
    /** NT AUTHORITY\LOCAL SERVICE. */
    public static final String LOCAL_SERVICE = "S-1-5-19";
    /** NT AUTHORITY\NETWORK SERVICE. */
    public static final String NETWORK_SERVICE = "S-1-5-20";
    /** BUILTIN\Administrators. */
    public static final String ADMINISTRATORS = "S-1-5-32-544";
    /** BUILTIN\Users. */
    public static final String USERS = "S-1-5-32-545";
    /** BUILTIN\IIS_IUSRS. */
    public static final String IIS_IUSRS = "S-1-5-32-568";

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("AN", "S-1-5-7"), Map.entry("AO", "S-1-5-32-548"), Map.entry("AU", AUTHENTICATED_USERS),
            Map.entry("BA", ADMINISTRATORS), Map.entry("BG", "S-1-5-32-546"), Map.entry("BO", "S-1-5-32-551"),
            Map.entry("BU", USERS), Map.entry("CO", "S-1-3-0"), Map.entry("CG", "S-1-3-1"),
            Map.entry("IS", IIS_IUSRS), Map.entry("IU", "S-1-5-4"), Map.entry("LS", LOCAL_SERVICE),
            Map.entry("NS", NETWORK_SERVICE), Map.entry("NU", "S-1-5-2"), Map.entry("OW", "S-1-3-4"),
            Map.entry("PU", "S-1-5-32-547"), Map.entry("RD", "S-1-5-32-555"), Map.entry("RU", "S-1-5-32-554"),
            Map.entry("SO", "S-1-5-32-549"), Map.entry("SU", "S-1-5-6"), Map.entry("SY", LOCAL_SYSTEM),
            Map.entry("WD", EVERYONE), Map.entry("WR", "S-1-5-33"), Map.entry("AC", "S-1-15-2-1"),
            Map.entry("NO", "S-1-5-32-556"), Map.entry("SS", "S-1-18-2"), Map.entry("AS", "S-1-18-1"),
            Map.entry("ER", "S-1-5-32-573"), Map.entry("HA", "S-1-5-32-578"), Map.entry("MU", "S-1-5-32-558"),
            Map.entry("LU", "S-1-5-32-559"));

    private static final Map<String, String> NAMES = Map.of(
            "nt authority\\system", LOCAL_SYSTEM, "localsystem", LOCAL_SYSTEM,
            "nt authority\\network service", NETWORK_SERVICE, "networkservice", NETWORK_SERVICE,
            "nt authority\\local service", LOCAL_SERVICE, "localservice", LOCAL_SERVICE,
            "everyone", EVERYONE, "builtin\\iis_iusrs", IIS_IUSRS, "builtin\\administrators", ADMINISTRATORS);

    private static final Map<String, String> DISPLAY = Map.of(
            EVERYONE, "Everyone", AUTHENTICATED_USERS, "NT AUTHORITY\\Authenticated Users", LOCAL_SYSTEM, "NT AUTHORITY\\SYSTEM",
            LOCAL_SERVICE, "NT AUTHORITY\\LOCAL SERVICE", NETWORK_SERVICE, "NT AUTHORITY\\NETWORK SERVICE",
            ADMINISTRATORS, "BUILTIN\\Administrators", USERS, "BUILTIN\\Users", IIS_IUSRS, "BUILTIN\\IIS_IUSRS");

    private static final String VIRTUAL_APP_POOL = "iis apppool\\";

    private Sids() {
    }

    /**
     * Resolves an SDDL trustee (a two-letter alias or an {@code S-1-...} string) to a SID.
     *
     * @param trustee the trustee as written in SDDL; never null
     * @return the SID, upper-case {@code S}; empty for an alias this reader does not know
     */
    public static Optional<String> fromSddl(String trustee) {
        String t = trustee.strip();
        if (t.regionMatches(true, 0, "S-1-", 0, 4)) {
            return Optional.of("S" + t.substring(1).toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(ALIASES.get(t.toUpperCase(Locale.ROOT)));
    }

    /**
     * Names a well-known SID as Windows shows it in English (security tabs, certutil).
     *
     * @param sid the SID; never null
     * @return the name, such as {@code NT AUTHORITY\Authenticated Users}; empty for any other SID
     */
    public static Optional<String> displayName(String sid) {
        return Optional.ofNullable(DISPLAY.get(sid));
    }

    /**
     * Resolves an account name Windows itself can resolve without a directory: the service
     * accounts, a few built-in groups, and {@code IIS APPPOOL\<pool>} virtual accounts.
     *
     * @param account the account name; never null
     * @return the SID, or empty for a domain or local account
     */
    public static Optional<String> wellKnown(String account) {
        String lower = account.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith(VIRTUAL_APP_POOL)) {
            return Optional.of(appPool(account.strip().substring(VIRTUAL_APP_POOL.length())));
        }
        return Optional.ofNullable(NAMES.get(lower));
    }

    /**
     * Tells whether an account is an IIS application pool virtual account ({@code IIS APPPOOL\<pool>}).
     *
     * @param account the account name; never null
     * @return true for a virtual pool account
     */
    public static boolean isAppPoolAccount(String account) {
        return account.strip().toLowerCase(Locale.ROOT).startsWith(VIRTUAL_APP_POOL);
    }

    /**
     * Computes the SID of {@code IIS APPPOOL\<pool>}: {@code S-1-5-82-} followed by the SHA-1 of the
     * lower-case pool name in UTF-16LE, read as five little-endian 32-bit numbers.
     *
     * @param pool the application pool's name, such as {@code SCEP}; never null
     * @return the SID; never null
     */
    public static String appPool(String pool) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1")
                    .digest(pool.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_16LE));
            ByteBuffer b = ByteBuffer.wrap(hash).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder sid = new StringBuilder("S-1-5-82");
            for (int i = 0; i < 5; i++) {
                sid.append('-').append(Integer.toUnsignedLong(b.getInt()));
            }
            return sid.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
