package dev.ndesdiag.bundle;

/** A bundle file whose content cannot be used; the message says what is wrong, without the file name. */
final class InvalidInputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The value the problem is about (element, name, raw text), when it is about one. */
    private final String[] subject;
    /** The 1-based line the problem is on, or 0 when unknown. */
    private final int line;

    InvalidInputException(String message) {
        super(message);
        this.subject = null;
        this.line = 0;
    }

    /** A problem about one value: the object path holding it, its name and its raw text. */
    InvalidInputException(String message, String element, String name, String raw) {
        super(message);
        this.subject = new String[] {element, name, raw};
        this.line = 0;
    }

    /** Adds the subject, when known, to a problem made from this exception. */
    dev.ndesdiag.api.InputProblem describe(dev.ndesdiag.api.InputProblem problem) {
        return subject == null ? problem : problem.about(subject[0], subject[1], subject[2]);
    }

    InvalidInputException(String message, Throwable cause) {
        super(message, cause);
        this.subject = null;
        this.line = 0;
    }

    /** A problem at a known line of the file (such as XML that is not well-formed there). */
    InvalidInputException(String message, int line, Throwable cause) {
        super(message, cause);
        this.subject = null;
        this.line = line;
    }

    /** @return the 1-based line the problem is on, when known */
    java.util.OptionalInt line() {
        return line > 0 ? java.util.OptionalInt.of(line) : java.util.OptionalInt.empty();
    }
}
