package dev.ndesdiag.evidence;

/** Why a reader skipped a line or a record; each is counted in the {@link ReadSummary}. */
public enum SkipReason {
    /** The line is longer than the reader's bound; it was read past and dropped. */
    LINE_TOO_LONG("longer than the line bound"),
    /** A W3C data line came before any {@code #Fields} directive and matched no known default layout. */
    NO_FIELDS_DIRECTIVE("no #Fields directive before it and no default layout of that width"),
    /** A W3C data line has a different number of fields than its {@code #Fields} directive. */
    FIELD_COUNT("field count differs from its #Fields directive"),
    /** A date or time field is not a valid date or time. */
    BAD_TIME("date or time not readable"),
    /** A directive line ({@code #...}) that is not understood or is malformed. */
    BAD_DIRECTIVE("malformed directive"),
    /** Text before the first record start (a rolled log starting mid-record). */
    OUTSIDE_RECORD("text outside any record (file starts mid-record)"),
    /** A record whose text grew beyond the record bound before it ended. */
    RECORD_TOO_LONG("record longer than the record bound"),
    /** A record that starts but never ends (the file ends inside it). */
    UNTERMINATED_RECORD("record not terminated before the end of the file"),
    /** A record whose header or attributes cannot be read. */
    MALFORMED_RECORD("record not in the expected layout"),
    /** An XML fragment that is not well-formed, or uses a DTD or entities, which are refused. */
    MALFORMED_XML("XML fragment not well-formed or refused");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /**
     * Returns a short description for people.
     *
     * @return the description; never null
     */
    public String description() {
        return description;
    }
}
