package dev.ndesdiag.windows;

import java.util.Locale;
import java.util.Map;

/** Access rights of files, as SDDL writes them: hex masks or two-letter codes. */
public final class AccessMask {

    /** FILE_READ_DATA: reading the file's content, what using a private key needs. */
    public static final long FILE_READ_DATA = 0x1;
    /** GENERIC_READ. */
    public static final long GENERIC_READ = 0x80000000L;
    /** GENERIC_ALL. */
    public static final long GENERIC_ALL = 0x10000000L;

    private static final Map<String, Long> CODES = Map.ofEntries(
            Map.entry("GA", GENERIC_ALL), Map.entry("GR", GENERIC_READ), Map.entry("GW", 0x40000000L),
            Map.entry("GX", 0x20000000L), Map.entry("FA", 0x1F01FFL), Map.entry("FR", 0x120089L),
            Map.entry("FW", 0x120116L), Map.entry("FX", 0x1200A0L), Map.entry("RC", 0x20000L),
            Map.entry("SD", 0x10000L), Map.entry("WD", 0x40000L), Map.entry("WO", 0x80000L),
            Map.entry("CC", 0x1L), Map.entry("DC", 0x2L), Map.entry("LC", 0x4L), Map.entry("SW", 0x8L),
            Map.entry("RP", 0x10L), Map.entry("WP", 0x20L), Map.entry("DT", 0x40L), Map.entry("LO", 0x80L),
            Map.entry("CR", 0x100L), Map.entry("KA", 0xF003FL), Map.entry("KR", 0x20019L),
            Map.entry("KW", 0x20006L), Map.entry("KX", 0x20019L));

    private AccessMask() {
    }

    /**
     * Parses the rights field of an SDDL ACE: {@code 0x1200a9}, {@code 0X1200A9}, a decimal number,
     * or a run of two-letter codes such as {@code FRFX}.
     *
     * @param rights the field; never null
     * @return the mask
     * @throws IllegalArgumentException when a code is unknown
     */
    public static long parse(String rights) {
        String r = rights.strip();
        if (r.regionMatches(true, 0, "0x", 0, 2)) {
            return Long.parseLong(r.substring(2), 16);
        }
        if (!r.isEmpty() && r.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(r);
        }
        if (r.length() % 2 != 0) {
            throw new IllegalArgumentException("rights \"" + rights + "\" are not two-letter codes");
        }
        long mask = 0;
        for (int i = 0; i < r.length(); i += 2) {
            Long code = CODES.get(r.substring(i, i + 2).toUpperCase(Locale.ROOT));
            if (code == null) {
                throw new IllegalArgumentException("unknown right \"" + r.substring(i, i + 2) + "\"");
            }
            mask |= code;
        }
        return mask;
    }

    /**
     * Tells whether a file access mask lets its holder read the file's content.
     *
     * @param mask the mask
     * @return true when it includes FILE_READ_DATA, GENERIC_READ or GENERIC_ALL
     */
    public static boolean readsFile(long mask) {
        return (mask & (FILE_READ_DATA | GENERIC_READ | GENERIC_ALL)) != 0;
    }

    /** FILE_ADD_FILE (FILE_WRITE_DATA on a file): creating a file in a folder. */
    public static final long FILE_ADD_FILE = 0x2;
    /** GENERIC_WRITE. */
    public static final long GENERIC_WRITE = 0x40000000L;

    /**
     * Tells whether a folder access mask lets its holder create files in it.
     *
     * @param mask the mask
     * @return true when it includes FILE_ADD_FILE, GENERIC_WRITE or GENERIC_ALL
     */
    public static boolean addsFile(long mask) {
        return (mask & (FILE_ADD_FILE | GENERIC_WRITE | GENERIC_ALL)) != 0;
    }
}
