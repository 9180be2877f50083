package dev.ndesdiag.codes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One code of the dictionary.
 *
 * @param code the canonical code, such as {@code 0x80094800}, {@code 500.0.1346}, {@code NDES-10}; never null
 * @param kind the family; never null
 * @param name the symbolic name or title, such as {@code CERTSRV_E_UNSUPPORTED_CERT_TYPE}; never null
 * @param meaning what the code says; never null
 * @param cause the usual cause on an NDES server; never null
 * @param checkId the ndes-diag check that confirms the cause, when one does
 * @param fix what to do; never null
 * @param source the URL the entry was verified against; never null
 * @param confidence how sure the entry is; never null
 * @param aliases other names that find this entry, such as {@code E_INVALIDARG}; never null
 * @param note a caveat about the source or the cause, when there is one
 * @since 0.1.0
 */
public record CodeEntry(
        String code,
        CodeKind kind,
        String name,
        String meaning,
        String cause,
        Optional<String> checkId,
        String fix,
        String source,
        Confidence confidence,
        List<String> aliases,
        Optional<String> note) {

    /** Validates and copies the components. */
    public CodeEntry {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(confidence, "confidence");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(note, "note");
    }
}
