package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.UserRights;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code security/user-rights.inf}, the output of {@code secedit /export /areas USER_RIGHTS}:
 * UTF-16LE INI with a {@code [Privilege Rights]} section. ini4j parses it with escaping off (else
 * {@code CONTOSO\svc_ndes} loses its backslash); principals are split on commas and lose their {@code *}.
 */
final class UserRightsReader {

    static final String FILE = "security/user-rights.inf";
    private static final String SECTION = "Privilege Rights";

    private UserRightsReader() {
    }

    static Part<UserRights> read(BundleSource source, BundleLimits limits) {
        Optional<String> file = source.find(FILE);
        if (file.isEmpty()) {
            return Part.absent(SnapshotPart.USER_RIGHTS);
        }
        try {
            String text = source.readText(file.get(), limits.maxDocumentBytes());
            List<IniText.Section> sections = IniText.parse(text, true);
            Map<String, List<String>> rights = new LinkedHashMap<>();
            boolean found = false;
            for (IniText.Section section : sections) {
                if (!section.name().equalsIgnoreCase(SECTION)) {
                    continue;
                }
                found = true;
                for (IniText.Option right : section.options()) {
                    rights.put(right.name().strip(), principals(right.value()));
                }
            }
            if (!found) {
                return Part.unreadable(SnapshotPart.USER_RIGHTS, List.of(InputProblem.of(SnapshotPart.USER_RIGHTS,
                        file.get(), "has no [Privilege Rights] section; export it with secedit /areas USER_RIGHTS")));
            }
            return Part.present(SnapshotPart.USER_RIGHTS, new UserRights(rights));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return Part.unreadable(SnapshotPart.USER_RIGHTS, List.of(InputProblem.of(SnapshotPart.USER_RIGHTS,
                    file.get(), "cannot be parsed as a secedit export: " + e.getMessage())));
        }
    }

    private static List<String> principals(String value) {
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        for (String p : value.split(",")) {
            String t = p.strip();
            if (t.startsWith("*")) {
                t = t.substring(1);
            }
            if (!t.isEmpty()) {
                result.add(t);
            }
        }
        return result;
    }
}
