package dev.ndesdiag.evidence;

/** The {@code type} attribute of a CMTrace record: 1 information, 2 warning, 3 error. */
public enum CmTraceSeverity {
    /** {@code type="1"}. */
    INFORMATION,
    /** {@code type="2"}. */
    WARNING,
    /** {@code type="3"}. */
    ERROR,
    /** Any other or no {@code type}. */
    UNKNOWN;

    static CmTraceSeverity of(String type) {
        return switch (type == null ? "" : type.strip()) {
            case "1" -> INFORMATION;
            case "2" -> WARNING;
            case "3" -> ERROR;
            default -> UNKNOWN;
        };
    }
}
