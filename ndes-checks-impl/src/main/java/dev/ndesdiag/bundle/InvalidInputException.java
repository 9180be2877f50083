package dev.ndesdiag.bundle;

/** A bundle file whose content cannot be used; the message says what is wrong, without the file name. */
final class InvalidInputException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidInputException(String message) {
        super(message);
    }

    InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
